"""Train the whole-page dump line model (transforms/dump/line_model.json) on tuning pages.

Makes the shipped model (`--title-only` reproduces it byte for byte; a full run fits the
stages again, on dumps as today's adapters clean them: docs/text-dumps.md, "The model")
from the tuning part only (bench/accuracy_metrics `part_of`; the check part is never read):
the wcxb pages, plus any other benchmark's that `bench/line_model_pages.py` names (none as
shipped), each turned into the three text dumps bench/accuracy.py measures (inscriptis,
html2text, get_text), cleaned by the adapters as the text path does, and aligned to units
(`transforms.dump.units`). A unit is story when most of its word 4-grams are in the page's
gold body (a unit of one to three words: when its words occur in the gold body in that order). Then:

1. a lexicon: the 600 words (seen in 15 units or more) whose share among story and chrome
   units differs most, as log-odds;
2. the first stage: boosted trees over the unit's shape features, the lexicon's included;
3. the second stage: boosted trees over the first stage's features plus its verdicts around
   the unit, trained on out-of-fold first-stage verdicts (3 folds by page) so it learns how
   far to trust them on pages the first stage did not see;
4. the title ranker, on the wcxb pages alone: boosted trees (`DISTINCT_CUTS`) over the
   candidates around the story's start (`transforms.dump.headline`; with the page's first
   `# ` line wherever it stands, `title_evidence.reach`), the gold title's line
   being the positive, fitted on the softmax over each page's candidates (`TITLE_OBJECTIVE`:
   which line is the headline depends on the others), on
   the same out-of-fold first-stage verdicts. It is fitted on the window around the story's
   start only, not on the text path's wider sets (`headline.page_candidates`, from above the
   first kept prose line, at most 60 words of likely story above): on those, cross-validated
   titles were lower (docs/history/text-dumps.md); and down to 3 below the start (`FIT_BELOW`) where
   the text path reaches 5 below it (dtitle18: CV higher than refit on the wider window).

`--title-only` refits the title ranker alone and keeps the rest of the file at --out as it
is (the stages' trees, lexicon and threshold unchanged). `--cross-validate` fits the ranker
on two of the three page folds and prints, per dump, the share of the third's page dumps
whose headline, chosen among the text path's own candidates (`headline.page_candidates`,
`headline.choose`, then `title_line.overrule`, on out-of-fold first- and second-stage
verdicts), is the gold title as
served (a site's name the page shows alone cut too, `title_site`; the ranker's labels cut
by shape alone, dtitle20); it writes nothing. A single draw of the folds moves by one or two
dumps per converter for a feature of random values (docs/history/text-dumps.md), so `--draws N`
re-draws the ranker's folds N times (the page hash salted with the draw's number; draw 0
is the unsalted folds) and prints each draw and the mean; the stages' out-of-fold verdicts
keep the unsalted folds.
`--cache FILE` keeps the dumps and those verdicts between runs (they do not depend on the
title features; delete the file when the adapters, the stages or the model's lexicon change);
`--title-only` reads it too (its first-stage verdicts are the ones it would compute).

Units are weighted by their share of the page's words, so every page counts alike and a
long paragraph counts more than a menu item, as the body metric does.

`--sections` fits the second stage with the features of each unit's section too
(`transforms/dump/sections.py`, dprec24; measured, not shipped), to compare on the same
folds (`bench/line_model_cv.py` takes it too); `--anchor` fits it with where each unit stands
against a first pass's headline as well, the sections read from the lead under that headline
(`transforms/dump/anchor.py`, dprec25; measured, not shipped). The title ranker's settings, fit and
cross-validation live in `bench/line_model_title.py`.

`--stage-trees key=value,...` fits the stages with other tree settings (`STAGE_TREES`' keys,
`rounds`, `weighting`, `story`, `size`, `stages`; dfit26-28) and `runs=1` the second stage
with each unit's run of lines (`transforms/dump/runs.py`, dfit29): a full refit at them is one
command, and `--cross-validate` with it scores the title ranker refit on those stages'
out-of-fold verdicts (`bench/line_model_capacity.py` measures the stages' bodies).

Usage: .venv/bin/python bench/train_line_model.py [--jobs 2] [--title-only | --cross-validate
    [--draws 3] [--cache /tmp/title-cv.pickle]] [--sections | --anchor]
    [--stage-trees depth=3,rounds=120] [--out transforms/dump/line_model.json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))

import line_model_title as titles
from accuracy_sets import available
from line_model_lexicon import learn_lexicon, learn_phrases
from line_model_pages import EXTRA, LANGUAGES, Sample, samples_of, training_pages
from line_model_title import FOLDS, _fit_title, _fold, _titled, cross_validate
from line_model_trees import predict, train_forest

from newsnorm.transforms.dump.anchor import ANCHOR_FEATURES
from newsnorm.transforms.dump.context import CONTEXT_FEATURES, context_features
from newsnorm.transforms.dump.features import FEATURES, PHRASE_FEATURES, unit_features
from newsnorm.transforms.dump.headline import TITLE_FEATURES
from newsnorm.transforms.dump.model import line_model
from newsnorm.transforms.dump.runs import RUN_FEATURES
from newsnorm.transforms.dump.sections import SECTION_FEATURES
from newsnorm.transforms.dump.story import first_pass

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "transforms" / "dump" / "line_model.json"
ROUNDS = 120
THRESHOLD = 0.15
# The stages' trees (`line_model_trees.train_forest`'s settings): as shipped. A capacity
# measurement (`bench/line_model_capacity.py`, dfit26) sets others, on the same folds.
STAGE_TREES: dict[str, float] = {
    "depth": 2,
    "rate": 0.1,
    "bins": 32,
    "penalty": 1.0,
    "min_weight": 1e-3,
}
# How a page's units share its weight: "units" (as shipped: each page weighs its number of
# units, shared by words), "pages" (each page weighs one, shared by words), "lines" (each
# page weighs one, shared alike by its units) or "words" (each word weighs one).
WEIGHTING = "units"
# A story unit's weight against a chrome unit's (`story`, dfit27): above one, the stages
# pay more for a story line lost than for a chrome line kept (a move along recall).
STORY_WEIGHT = 1.0
# With `weighting=pages`, a page weighs its number of units to this power (`size`, dfit28):
# 0 each page one, 1 each its units (as `units`), between them a long page more than a short
# one but less than its lines' count.
SIZE_POWER = 0.0
# Which stages `weighting` and `size` fit ("both", "first" or "second"; `stages`, dfit28):
# the other is fitted with units weighed as shipped.
WEIGHTED_STAGES = "both"
# Whether the second stage reads the run of lines each unit sits in (`dump/runs.py`, dfit29;
# `runs=1`): off as shipped (measured out of fold, not shipped: docs/history/text-dumps.md).
RUNS = False
_SHIPPED_STAGES: dict[str, Any] = {
    **STAGE_TREES, "rounds": ROUNDS, "weighting": WEIGHTING, "story": STORY_WEIGHT,
    "size": SIZE_POWER, "stages": WEIGHTED_STAGES, "runs": 0.0,
}  # fmt: skip
_WORDS = ("weighting", "stages")  # the settings given as words, not numbers
# Whether the second stage reads its unit's section (`dump/sections.py`, dprec24): off as
# shipped (measured out of fold, not shipped: docs/history/text-dumps.md); `--sections` fits it with
# them, to compare the two on the same folds.
SECTIONS = False
# Whether it reads where each unit stands against a first pass's headline too, with the
# sections read from the lead under it (`dump/anchor.py`, dprec25; measured, not shipped):
# `--anchor`. The first pass ranks with the title ranker of the file shipped before the refit
# (the text path's, with the refit file's own: the same trees until the ranker is refit).
ANCHOR = False


def stage_settings(text: str) -> dict[str, Any]:
    """The stages' settings as shipped, with those `text` (`key=value,...` over
    `STAGE_TREES`' keys, rounds, weighting, story, size, stages and runs) changes."""
    values = dict(_SHIPPED_STAGES)
    for pair in filter(None, text.split(",")):
        key, _, value = pair.partition("=")
        if key not in values:
            raise SystemExit(f"unknown stage setting {key!r}")
        values[key] = value if key in _WORDS else float(value)
    return values


def use_stage_settings(values: dict[str, Any]) -> None:
    """Fit the stages with these settings from now on (`stage_settings`)."""
    global ROUNDS, WEIGHTING, STORY_WEIGHT, SIZE_POWER, WEIGHTED_STAGES, STAGE_TREES, RUNS
    ROUNDS, WEIGHTING = int(values["rounds"]), str(values["weighting"])
    RUNS = bool(values["runs"])
    WEIGHTED_STAGES = str(values["stages"])
    STORY_WEIGHT, SIZE_POWER = float(values["story"]), float(values["size"])
    STAGE_TREES = {key: float(values[key]) for key in STAGE_TREES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--title-only", action="store_true")
    parser.add_argument("--cross-validate", action="store_true")
    parser.add_argument("--draws", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--title-objective", choices=("pointwise", "listwise", "pairwise"))
    parser.add_argument("--title-rounds", type=int)
    parser.add_argument("--sections", action="store_true")
    parser.add_argument("--anchor", action="store_true")
    # The stages' tree settings, `key=value,...` (`stage_settings`): a capacity refit.
    parser.add_argument("--stage-trees", default="")
    args = parser.parse_args(argv)
    use_stage_settings(stage_settings(args.stage_trees))
    global SECTIONS, ANCHOR  # a measurement's settings (--cross-validate)
    SECTIONS, ANCHOR = args.sections, args.anchor
    titles.TITLE_OBJECTIVE = args.title_objective or titles.TITLE_OBJECTIVE
    titles.TITLE_ROUNDS = args.title_rounds or titles.TITLE_ROUNDS
    if reason := available():
        print(f"skipped: {reason}")
        return 0
    if (args.cross_validate or args.title_only) and args.cache and args.cache.exists():
        with args.cache.open("rb") as file:
            samples, verdicts = pickle.load(file)
    else:
        samples, verdicts = _samples(args.jobs), None
    if args.cross_validate:
        model = json.loads(args.out.read_text("utf-8"))
        if verdicts is None:
            verdicts = _verdicts(samples, model["lexicon"], model.get("phrases"))
            if args.cache:
                with args.cache.open("wb") as file:
                    pickle.dump((samples, verdicts), file)
        print(cross_validate(samples, verdicts, model["threshold"], args.draws))
        return 0
    if args.title_only:
        model = json.loads(args.out.read_text("utf-8"))
        model["title_features"] = list(TITLE_FEATURES)
        if verdicts is None:
            model.update(train_title(samples, model["lexicon"], model.get("phrases")))
        else:  # the cache's first-stage verdicts are the very ones train_title computes
            model.update(_fit_titles(*_titled(samples, verdicts[0])))
    else:
        model = train(samples)
    args.out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _samples(jobs: int) -> list[Sample]:
    pages = training_pages()
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        samples = [s for found in pool.imap(samples_of, pages, chunksize=4) for s in found]
    print(f"{len(pages)} tuning pages, {len(samples)} dumps", file=sys.stderr)
    return samples


def train(samples: list[Sample]) -> dict[str, Any]:
    stages, verdicts = train_stages(samples)
    return {
        "trained_on": _trained_on(),
        **stages,
        "title_features": list(TITLE_FEATURES),
        **_fit_titles(*_titled(samples, verdicts)),
    }


def _fit_titles(samples: list[Sample], verdicts: list[list[float]]) -> dict[str, Any]:
    """The title ranker, and the one fitted with the story's echo not measured
    (`line_model_title.unmeasured`)."""
    return {
        "title": _fit_title(samples, verdicts),
        "title_unmeasured": _fit_title(samples, verdicts, measured=False),
    }


def _trained_on() -> str:
    if not EXTRA:
        return "wcxb tuning part (bench/train_line_model.py)"
    languages = f" ({', '.join(sorted(LANGUAGES))} pages)" if LANGUAGES else ""
    sets = ", ".join(EXTRA)
    return f"wcxb tuning part; {sets} tuning parts{languages} (bench/train_line_model.py)"


def train_stages(samples: list[Sample]) -> tuple[dict[str, Any], list[list[float]]]:
    """The lexicon, both stages and the threshold as the model file holds them, with
    each sample's out-of-fold first-stage verdicts (what the title ranker learns from)."""
    lexicon = learn_lexicon(samples)
    phrases = learn_phrases(samples) or None  # none (PHRASE_SIZE 0): the shipped rows
    rows = [unit_features(sample.units, lexicon, phrases) for sample in samples]
    first = _fit(rows, samples, ROUNDS)
    verdicts = _out_of_fold(samples, rows)
    second = _fit(_context_rows(samples, rows, verdicts), samples, ROUNDS, "second")
    own = [*FEATURES, *(PHRASE_FEATURES if phrases is not None else ())]
    stages = {
        "threshold": THRESHOLD,
        "lexicon": lexicon,
        **({"phrases": phrases} if phrases is not None else {}),
        "first_features": own,
        "first": first,
        "second_features": second_features(own),
        "second": second,
    }
    return stages, verdicts


def train_title(
    samples: list[Sample], lexicon: dict[str, float], phrases: dict[str, float] | None
) -> dict[str, Any]:
    """The title rankers alone (`_fit_titles`), on out-of-fold first-stage verdicts with the
    given lexicons."""
    rows = [unit_features(sample.units, lexicon, phrases) for sample in samples]
    return _fit_titles(*_titled(samples, _out_of_fold(samples, rows)))


def _verdicts(
    samples: list[Sample], lexicon: dict[str, float], phrases: dict[str, float] | None
) -> tuple[list[list[float]], list[list[float]]]:
    """Out-of-fold first- and second-stage verdicts, as pages unseen would get them."""
    rows = [unit_features(sample.units, lexicon, phrases) for sample in samples]
    first = _out_of_fold(samples, rows)
    return first, _out_of_fold(samples, _context_rows(samples, rows, first), "second")


def _context_rows(
    samples: list[Sample], rows: list[list[list[float]]], verdicts: list[list[float]]
) -> list[list[list[float]]]:
    """The second stage's rows: each unit's own features with the first stage's verdicts
    around it."""
    shipped = line_model() if ANCHOR else None  # the first pass's title ranker
    return [
        context_features(
            sample.units,
            own,
            verdict,
            SECTIONS,
            first_pass(sample.units, verdict, shipped) if shipped else None,
            RUNS,
        )
        for sample, own, verdict in zip(samples, rows, verdicts, strict=True)
    ]


def second_features(own: list[str]) -> list[str]:
    """The second stage's feature names, in its rows' order (`_context_rows`): the first
    stage's, its verdicts around the unit, then what `SECTIONS`, `ANCHOR` and `RUNS` add."""
    return [*own, *CONTEXT_FEATURES[len(FEATURES) : _context_width()], *(RUN_FEATURES * RUNS)]


def _context_width() -> int:
    """How many of `CONTEXT_FEATURES` the second stage reads (`SECTIONS`, `ANCHOR`: the
    anchor's features come after the sections', which it reads from its own lead)."""
    if ANCHOR:
        return len(CONTEXT_FEATURES)
    return len(CONTEXT_FEATURES) - len(ANCHOR_FEATURES) - (0 if SECTIONS else len(SECTION_FEATURES))


def _out_of_fold(
    samples: list[Sample], rows: list[list[list[float]]], stage: str = "first"
) -> list[list[float]]:
    """Each sample's first-stage verdicts from a model trained on the other folds' pages."""
    folds = [_fold(sample.page) for sample in samples]
    verdicts: list[list[float]] = [[] for _ in samples]
    for fold in range(FOLDS):
        inside = [i for i, f in enumerate(folds) if f != fold]
        model = _fit([rows[i] for i in inside], [samples[i] for i in inside], ROUNDS, stage)
        for i, f in enumerate(folds):
            if f == fold:
                verdicts[i] = list(predict(model, np.array(rows[i])))
    return verdicts


def _fit(
    rows: Iterable[list[list[float]]], samples: list[Sample], rounds: int, stage: str = "first"
) -> dict[str, Any]:
    weighting = WEIGHTING if WEIGHTED_STAGES in ("both", stage) else "units"
    table, labels, weights = [], [], []
    for own, sample in zip(rows, samples, strict=True):
        words = np.array([max(1, len(unit.text.split())) for unit in sample.units], float)
        table += own
        labels += [1.0 if share >= 0.5 else 0.0 for share in sample.shares]
        weights += list(_weights(words, weighting))
    weighed = np.array(weights)
    if STORY_WEIGHT != 1.0:
        weighed[np.array(labels) == 1.0] *= STORY_WEIGHT
    if weighting != "units" or STORY_WEIGHT != 1.0:  # a unit weighs 1 on average, as shipped
        weighed *= len(weights) / weighed.sum()  # (the penalty's scale)
    trees = STAGE_TREES
    return train_forest(
        np.array(table), np.array(labels), weighed, rounds, rate=trees["rate"],
        depth=int(trees["depth"]), bins=int(trees["bins"]), penalty=trees["penalty"],
        min_weight=trees["min_weight"],
    )  # fmt: skip


def _weights(words: NDArray[np.float64], weighting: str | None = None) -> NDArray[np.float64]:
    """A page's units' weights by their words (`weighting`, by default `WEIGHTING`)."""
    weighting = weighting or WEIGHTING
    if weighting == "words":
        return words
    if weighting == "lines":
        return np.full(len(words), 1 / len(words))
    share: NDArray[np.float64] = words / words.sum()
    weighed: NDArray[np.float64] = share * len(words) ** (SIZE_POWER if weighting == "pages" else 1)
    return weighed


if __name__ == "__main__":
    sys.exit(main())
