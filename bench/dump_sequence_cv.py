"""Score the story stage on out-of-fold verdicts, with a story/chrome sequence smoother.

The trainer's `--cache` (bench/train_line_model.py `--cross-validate --cache FILE`) holds
every tuning dump's out-of-fold first- and second-stage verdicts; this runs the whole story
stage (`dump.story.find_story`: title, story end, authors' boxes) on the wcxb tuning dumps
with those verdicts in place of the shipped stages' (fitted on the same pages), so the
figures are as on unseen pages, in minutes instead of line_model_cv.py's refits. With
`--cost`, the keep decisions are the story/chrome sequence that best fits the second
stage's probabilities when each change of state costs that many log-odds (Viterbi,
`story_runs`), instead of each probability against the threshold (docs/text-dumps.md,
dprec11: measured, not shipped).

Usage: .venv/bin/python bench/dump_sequence_cv.py VERDICTS_CACHE [--thresholds 0.13 0.15]
    [--cost 1.0] [--mode both|drop|add] [--dumps /tmp/line-model-cv] [--jobs 2]
"""

from __future__ import annotations

import argparse
import math
import pickle
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import line_model_cv
import line_model_pages as labelled

from newsnorm.transforms.dump.model import LineModel, Scored, line_model
from newsnorm.transforms.dump.story import find_story


class _Given:
    """A stand-in forest that returns given probabilities, one per unit, in order."""

    def __init__(self, probabilities: Sequence[float]) -> None:
        self._next: Iterator[float] = iter(probabilities)

    def score(self, row: Sequence[float]) -> Scored:
        return Scored(float(next(self._next)), {})


def story_runs(probabilities: Sequence[float], threshold: float, cost: float) -> list[bool]:
    """Whether each unit is story on the sequence maximising the sum of story units'
    log-odds over the threshold's, less `cost` per change between story and chrome."""
    bias = _logit(threshold)
    chrome, story = 0.0, 0.0
    back: list[tuple[bool, bool]] = []
    for probability in probabilities:
        chrome_from_story = story - cost > chrome
        story_from_story = story >= chrome - cost
        chrome, story = (
            story - cost if chrome_from_story else chrome,
            (story if story_from_story else chrome - cost) + _logit(probability) - bias,
        )
        back.append((chrome_from_story, story_from_story))
    state = story >= chrome
    path: list[bool] = []
    for chrome_from_story, story_from_story in reversed(back):
        path.append(state)
        state = story_from_story if state else chrome_from_story
    return path[::-1]


def _logit(probability: float) -> float:
    clipped = min(max(probability, 1e-6), 1 - 1e-6)
    return math.log(clipped / (1 - clipped))


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
    parser.add_argument("--dumps", dest="cache", type=Path, default=Path("/tmp/line-model-cv"))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    samples, (first, second) = pickle.loads(args.verdicts.read_bytes())
    index = {(s.page, s.dump): i for i, s in enumerate(samples) if s.dataset == "wcxb"}
    dumps = line_model_cv._cached("wcxb", (), args)  # line_model_cv.py's dump cache
    score, shipped = labelled.score_module(), line_model()
    for threshold in args.thresholds:
        counts: dict[str, list[tuple[float, float, float]]] = {}
        for dump in dumps:
            at = index.get((dump.sample.page, dump.converter))
            if at is None:
                continue
            final = second[at]
            if args.cost is not None:
                final = smoothed(final, threshold, args.cost, args.mode)
            model = LineModel(
                shipped.lexicon, None, _Given(first[at]), _Given(final),  # type: ignore[arg-type]
                shipped.title, threshold,
            )  # fmt: skip
            body = find_story(dump.text, dump.article, model).body
            counts.setdefault(dump.converter, []).append(score.body_counts(body, dump.gold))
        figures = " | ".join(
            "{} {:.4f}/{:.4f} ({})".format(name, *score.body_summary(found)[:2], len(found))
            for name, found in counts.items()
        )
        print(f"cost {args.cost} {args.mode} threshold {threshold}: {figures}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
