"""Score the story stage on out-of-fold verdicts, with a story/chrome sequence smoother.

The trainer's `--cache` (bench/train_line_model.py `--cross-validate --cache FILE`) holds
every tuning dump's out-of-fold first- and second-stage verdicts; this runs the whole story
stage (`dump.story.find_story`: title, story end, authors' boxes) on the wcxb tuning dumps
with those verdicts in place of the shipped stages' (fitted on the same pages), so the
figures are as on unseen pages, in minutes instead of line_model_cv.py's refits.

With `--shipped`, the story stage runs as shipped (`dump/sequence.py`: the title at the
model's threshold, a kept unit dropped when the best story/chrome sequence calls it chrome)
with each of `--thresholds` as the body's threshold and `--cost` as the change of state's
cost (0 or none: the threshold alone). Without it, the stage's own smoother is off and each
threshold is the model's everywhere; `--cost` then moves the probabilities themselves where
the sequence disagrees (`--mode`: `drop` is dprec11's drops only; `both` and `add` also
keep units under the threshold between story), as dprec11 measured (docs/history/text-dumps.md).

Usage: .venv/bin/python bench/dump_sequence_cv.py VERDICTS_CACHE [--thresholds 0.13 0.15]
    [--cost 1.0] [--shipped | --mode both|drop|add] [--dumps /tmp/line-model-cv] [--jobs 2]
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import line_model_cv
import line_model_pages as labelled

from newsnorm.transforms.dump import sequence
from newsnorm.transforms.dump.model import LineModel, Scored, line_model
from newsnorm.transforms.dump.sequence import story_runs
from newsnorm.transforms.dump.story import find_story


class _Given:
    """A stand-in forest that returns given probabilities, one per unit, in order."""

    def __init__(self, probabilities: Sequence[float]) -> None:
        self._next: Iterator[float] = iter(probabilities)

    def score(self, row: Sequence[float]) -> Scored:
        return Scored(float(next(self._next)), {})


def smoothed(
    probabilities: Sequence[float], threshold: float, cost: float, mode: str
) -> list[float]:
    """The probabilities moved just across the threshold where the sequence disagrees
    (`drop`: only units it calls chrome; `add`: only units it calls story)."""
    runs = story_runs(probabilities, threshold, cost)
    below = threshold - 1e-9
    return [
        min(p, below)
        if not story and mode != "add"
        else max(p, threshold)
        if story and mode != "drop"
        else p
        for p, story in zip(probabilities, runs, strict=True)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("verdicts", type=Path)
    parser.add_argument("--thresholds", nargs="*", type=float, default=[0.15])
    parser.add_argument("--cost", type=float, default=None)
    parser.add_argument("--mode", choices=("both", "drop", "add"), default="both")
    parser.add_argument("--shipped", action="store_true")
    parser.add_argument("--dumps", dest="cache", type=Path, default=Path("/tmp/line-model-cv"))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    samples, (first, second) = pickle.loads(args.verdicts.read_bytes())
    index = {(s.page, s.dump): i for i, s in enumerate(samples) if s.dataset == "wcxb"}
    dumps = line_model_cv._cached("wcxb", (), args)  # line_model_cv.py's dump cache
    score, shipped = labelled.score_module(), line_model()
    for threshold in args.thresholds:
        sequence.KEEP_THRESHOLD = threshold
        sequence.SWITCH_COST = args.cost if args.shipped and args.cost is not None else 0.0
        title_threshold = shipped.threshold if args.shipped else threshold
        counts: dict[str, list[tuple[float, float, float]]] = {}
        for dump in dumps:
            at = index.get((dump.sample.page, dump.converter))
            if at is None:
                continue
            final = second[at]
            if args.cost is not None and not args.shipped:
                final = smoothed(final, threshold, args.cost, args.mode)
            model = LineModel(
                shipped.lexicon, None, _Given(first[at]), _Given(final),  # type: ignore[arg-type]
                shipped.title, title_threshold,
            )  # fmt: skip
            body = find_story(dump.text, dump.article, model).body
            counts.setdefault(dump.converter, []).append(score.body_counts(body, dump.gold))
        figures = " | ".join(
            "{} {:.4f}/{:.4f} ({})".format(name, *score.body_summary(found)[:2], len(found))
            for name, found in counts.items()
        )
        mode = "shipped" if args.shipped else args.mode
        print(f"cost {args.cost} {mode} threshold {threshold}: {figures}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
