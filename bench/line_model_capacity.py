"""Measure the dump story stages' capacity out of fold (tuning only; issue #13, dfit26).

For each `--settings` (the stages' tree settings, `train_line_model.STAGE_TREES`, with
`ROUNDS` and `WEIGHTING`) and each draw of the trainer's page folds, the lexicon and both
stages are fitted outside each fold (`line_model_cv`'s fit) and the story stage runs on the
fold's wcxb dumps, recording each dump's first- and second-stage probabilities once; then
the stage runs again on those probabilities (a stand-in forest, as
`bench/dump_sequence_cv.py`) at every body keep threshold and switch cost of the grid.

The keep threshold and switch cost are re-chosen for each setting and each held-out fold
on the other folds' scores (never on the fold's own): the pair of the grid with the best
mean precision whose recall on those folds stays within `RECALL_SLACK` of the shipped
settings' (the same draw's `main` setting at `sequence.KEEP_THRESHOLD`, `SWITCH_COST`) on
every converter. Each dump's counts, at every grid point, go to `--per-dump` as JSON lines;
`--report` reads them back and prints, per setting and draw, precision, recall and titles
(the shipped title ranker on the new probabilities) per converter at the chosen pairs, with
the dumps whose recall falls against main's.

A setting is `name:key=value,...` over depth, rounds, rate, penalty, bins, min_weight,
weighting, story, size and stages (`main` alone: as shipped).

Usage: .venv/bin/python bench/line_model_capacity.py --settings main depth3:depth=3
    [--draws 3] [--first-draw 0] [--folds 0 1 2] [--per-dump /tmp/capacity.jsonl]
    [--cache /tmp/line-model-cv]
  .venv/bin/python bench/line_model_capacity.py --report /tmp/capacity.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import line_model_cv
import line_model_title as titles
import train_line_model as trainer
from capacity_report import report
from dump_sequence_cv import _Given

from newsnorm.transforms.dump import sequence
from newsnorm.transforms.dump.model import LineModel, Scored, parse_model
from newsnorm.transforms.dump.story import find_story

# The (keep threshold, switch cost) pairs scored besides the shipped one: along the
# threshold at the shipped cost, and the cost at the shipped threshold (a fit and a pass
# over 400 dumps take minutes each on the shared machine: the grid is kept small).
SHIPPED = (sequence.KEEP_THRESHOLD, sequence.SWITCH_COST)
PAIRS = ((0.12, 1.0), (0.15, 1.0), (0.165, 1.0), (0.135, 0.0), (0.135, 2.0))


class _Recorder:
    """A forest that scores as the given one and keeps each probability, in order."""

    def __init__(self, forest: Any) -> None:
        self.forest, self.features = forest, forest.features
        self.seen: list[float] = []

    def score(self, row: Sequence[float]) -> Scored:
        scored: Scored = self.forest.score(row)
        self.seen.append(scored.probability)
        return scored


def setting(text: str) -> tuple[str, dict[str, Any]]:
    """A `name:key=value,...` setting as its name and the trainer's stage settings."""
    name, _, given = text.partition(":")
    return name, trainer.stage_settings(given)


def _score_fold(
    dumps: list[line_model_cv.Dump], fold: int, salt: str, out: Any, key: list[Any]
) -> None:
    """Fit outside the fold, then score each of its dumps at every grid point."""
    inside = [d.sample for d in dumps if titles._fold(d.sample.page, salt) != fold]
    stages, _ = trainer.train_stages(inside)
    shipped = line_model_cv._shipped_title()
    model = parse_model({**stages, **shipped, "threshold": trainer.THRESHOLD})
    score = line_model_cv._score()
    try:
        for dump in dumps:
            if titles._fold(dump.sample.page, salt) != fold:
                continue
            first, second = _Recorder(model.first), _Recorder(model.second)
            recorded = LineModel(model.lexicon, model.phrases, first, second,  # type: ignore[arg-type]
                                 model.title, model.threshold, model.title_unmeasured)  # fmt: skip
            sequence.KEEP_THRESHOLD, sequence.SWITCH_COST = SHIPPED
            found = {SHIPPED: find_story(dump.text, dump.article, recorded)}
            for pair in PAIRS:
                sequence.KEEP_THRESHOLD, sequence.SWITCH_COST = pair
                given = LineModel(model.lexicon, model.phrases, _Given(first.seen),  # type: ignore[arg-type]
                                  _Given(second.seen), model.title, model.threshold,  # type: ignore[arg-type]
                                  model.title_unmeasured)  # fmt: skip
                found[pair] = find_story(dump.text, dump.article, given)
            for (threshold, cost), story in found.items():
                counts = list(score.body_counts(story.body, dump.gold))
                titled = line_model_cv._same_title(story.title, dump.sample.title)
                row = [*key, fold, threshold, cost, dump.converter, dump.sample.page]
                out.write(json.dumps([*row, counts, titled]) + "\n")
    finally:
        sequence.KEEP_THRESHOLD, sequence.SWITCH_COST = SHIPPED
    out.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", nargs="*", default=["main"])
    parser.add_argument("--draws", type=int, default=1)
    parser.add_argument("--first-draw", type=int, default=0)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/line-model-cv"))
    parser.add_argument("--per-dump", type=Path, default=Path("/tmp/capacity.jsonl"))
    parser.add_argument("--report", type=Path, default=None)
    parser.add_argument("--jobs", type=int, default=2)
    # Only these held-out folds (a fold's fit and pass take ~4 minutes of CPU: a variant
    # can be tried first on the fold where the last one lost; dfit27).
    parser.add_argument("--folds", type=int, nargs="*", default=list(range(titles.FOLDS)))
    args = parser.parse_args(argv)
    if args.report:
        print(report(args.report))
        return 0
    dumps = line_model_cv._cached("wcxb", (), args)
    with args.per_dump.open("a", encoding="utf-8") as out:
        for draw in range(args.first_draw, args.first_draw + args.draws):
            for text in args.settings:
                name, values = setting(text)
                trainer.use_stage_settings(values)
                for fold in args.folds:
                    _score_fold(dumps, fold, str(draw) if draw else "", out, [name, draw])
                    print(f"{name} draw {draw} fold {fold} done", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
