"""The own main-content stage in newsnorm's HTML path, on the extraction bench's pages
(issue #15, twentieth round): what body F1 and pages/s would be if it replaced trafilatura.

The model is fitted on all of wcxb's tuning pages (bench/own_main_content.py fits it by
fold), evaluated in pure Python as the path would (no numpy), and put in place of
`reader.main_lines` for the run; newsnorm today and the prototype are run alternately, page
by page, each timed by `time.process_time`, beside trafilatura as bench/extraction.py calls it.

Usage, from the repository root:
    .venv/bin/python bench/own_main_apply.py [--rounds 30] [--rate 0.3] [--threshold 0.5]
        [--dataset scrapinghub|fundus] [--limit N] [--cache /tmp/own_main.pkl]
"""

from __future__ import annotations

import argparse
import gc
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import BENCHMARKS, newsnorm_extractor, trafilatura_extractor
from own_main_blocks import features, page_blocks
from own_main_content import fit
from own_main_data import load_or_read

import newsnorm.transforms.html.reader as reader
from newsnorm.transforms.text import normalize_text

Node = Any  # a leaf's value (float) or (feature, threshold, left, right)


class Scorer:
    """The fitted trees as nested tuples with the rate folded into the leaves: a page's
    blocks scored in pure Python, as a model shipped on the HTML path would be."""

    def __init__(
        self, forest: dict[str, Any], threshold: float, unsure: float | None = None
    ) -> None:
        rate = forest["rate"]
        self.base = forest["base"]
        self.trees = [_node(tree, rate) for tree in forest["trees"]]
        self.cut = math.log(threshold / (1 - threshold))
        # With `unsure`, trafilatura reads a page where more than this share of its words
        # stand in blocks scored between 0.15 and 0.85 (own_main_content.unsure_share).
        self.unsure = unsure
        self.fallbacks = 0

    def log_odds(self, row: list[float]) -> float:
        total = self.base
        for node in self.trees:
            while node.__class__ is tuple:
                feature, threshold, left, right = node
                node = left if row[feature] < threshold else right
            total += node
        return float(total)

    def keeps(self, row: list[float]) -> bool:
        return self.log_odds(row) >= self.cut

    def main_lines(self, tree: Any, url: str | None = None) -> list[str]:
        """`reader.main_lines`' stand-in: the blocks the trees keep, normalized."""
        lines = page_blocks(tree)
        scores = [self.log_odds(row) for row in features(lines)]
        if self.unsure is not None and _unsure(lines, scores) > self.unsure:
            self.fallbacks += 1
            return TRAFILATURA_MAIN(tree, url)
        kept = [line.text for line, score in zip(lines, scores, strict=True) if score >= self.cut]
        return [line for line in map(normalize_text, kept) if line]


TRAFILATURA_MAIN = reader.main_lines
_EVEN = math.log(0.85 / 0.15)  # log-odds: |score| under it is 0.15 < p < 0.85


def _unsure(lines: list[Any], scores: list[float]) -> float:
    words = sum(line.words for line in lines)
    near = sum(line.words for line, score in zip(lines, scores, strict=True) if abs(score) < _EVEN)
    return float(near / max(words, 1))


def _node(tree: dict[str, Any], rate: float) -> Node:
    if "value" in tree:
        return rate * tree["value"]
    left, right = _node(tree["left"], rate), _node(tree["right"], rate)
    return (tree["feature"], tree["threshold"], left, right)


def print_results(dataset: str, records: list[Any], results: dict[str, Any]) -> None:
    """Each variant's body scores on `dataset`, its CPU a page and its speed against
    trafilatura's, from `timed_runs`' results."""
    from score import score_pages  # type: ignore[import-not-found]

    speed = {name: len(records) / total for name, (_, total) in results.items()}
    for name, (predictions, total) in results.items():
        s = score_pages(records, predictions)
        print(
            f"{dataset} {name}: body P {s['body_p']:.3f} R {s['body_r']:.3f} "
            f"F1 {s['body_f1']:.3f}; {1000 * total / len(records):.1f} CPU ms a page, "
            f"{speed[name] / speed['trafilatura']:.2f}x trafilatura's pages/s"
        )


def timed_runs(
    records: list[dict[str, Any]], scorer: Scorer
) -> dict[str, tuple[dict[str, Any], float]]:
    """Predictions and CPU seconds of newsnorm today, newsnorm with the prototype, newsnorm
    with trafilatura's main text handed in (read beforehand, untimed: the path's cost with a
    free main-content stage, its output today's) and trafilatura, alternated page by page."""
    today, traf = newsnorm_extractor(), trafilatura_extractor()
    given: list[list[str]] = []

    def recorded(tree: Any, url: str | None = None) -> list[str]:
        given.append(TRAFILATURA_MAIN(tree, url))
        return given[-1]

    def free(record: dict[str, Any]) -> dict[str, Any]:
        given.clear()
        _with_main(recorded, today, record)  # untimed: the main text to hand in
        gc.collect()
        started = time.process_time()
        prediction = _with_main(lambda tree, url=None: list(given[0]), today, record)
        return {**prediction, "seconds": time.process_time() - started}

    runs: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
        "newsnorm today": today,
        "newsnorm, own stage": lambda record: _with_main(scorer.main_lines, today, record),
        "newsnorm, main text free": free,
        "trafilatura": traf,
    }
    results: dict[str, tuple[dict[str, Any], float]] = {name: ({}, 0.0) for name in runs}
    for index, record in enumerate(records):
        for name in list(runs) if index % 2 else list(reversed(runs)):
            gc.collect()
            started = time.process_time()
            prediction = runs[name](record)
            seconds = prediction.pop("seconds", time.process_time() - started)
            predictions, total = results[name]
            predictions[record["id"]] = prediction
            results[name] = (predictions, total + seconds)
    return results


def _with_main(
    main: Callable[..., list[str]],
    extract: Callable[[dict[str, Any]], dict[str, Any]],
    record: dict[str, Any],
) -> dict[str, Any]:
    """`extract(record)` with `main` as the HTML path's main-content stage."""
    reader.main_lines = main
    try:
        return extract(record)
    finally:
        reader.main_lines = TRAFILATURA_MAIN


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--rate", type=float, default=0.3)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--dataset", choices=("scrapinghub", "fundus"), action="append")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--unsure", type=float, default=None, help="trafilatura past this")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/own_main.pkl"))
    args = parser.parse_args(argv)
    forest = fit(load_or_read(args.cache), args.rounds, args.rate)
    scorer = Scorer(forest, args.threshold, args.unsure)
    sys.path.insert(0, str(BENCHMARKS))
    from load import load  # type: ignore[import-not-found]

    for dataset in args.dataset or ["scrapinghub", "fundus"]:
        records = list(load(dataset, limit=args.limit))
        scorer.fallbacks = 0
        results = timed_runs(records, scorer)
        print(f"{dataset}: trafilatura read {scorer.fallbacks} of {len(records)} pages")
        print_results(dataset, records, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
