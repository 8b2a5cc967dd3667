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
   titles were lower (docs/text-dumps.md); and down to 3 below the start (`FIT_BELOW`) where
   the text path reaches 5 below it (dtitle18: CV higher than refit on the wider window).

`--title-only` refits the title ranker alone and keeps the rest of the file at --out as it
is (the stages' trees, lexicon and threshold unchanged). `--cross-validate` fits the ranker
on two of the three page folds and prints, per dump, the share of the third's page dumps
whose headline, chosen among the text path's own candidates (`headline.page_candidates`,
`headline.choose`, then `title_line.overrule`, on out-of-fold first- and second-stage
verdicts), is the gold title as
served (a site's name the page shows alone cut too, `title_site`; the ranker's labels cut
by shape alone, dtitle20); it writes nothing. A single draw of the folds moves by one or two
dumps per converter for a feature of random values (docs/text-dumps.md), so `--draws N`
re-draws the ranker's folds N times (the page hash salted with the draw's number; draw 0
is the unsalted folds) and prints each draw and the mean; the stages' out-of-fold verdicts
keep the unsalted folds.
`--cache FILE` keeps the dumps and those verdicts between runs (they do not depend on the
title features; delete the file when the adapters, the stages or the model's lexicon change);
`--title-only` reads it too (its first-stage verdicts are the ones it would compute).

Units are weighted by their share of the page's words, so every page counts alike and a
long paragraph counts more than a menu item, as the body metric does.

Usage: .venv/bin/python bench/train_line_model.py [--jobs 2] [--title-only | --cross-validate
    [--draws 3] [--cache /tmp/title-cv.pickle]] [--out transforms/dump/line_model.json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import pickle
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy_sets import available
from line_model_lexicon import learn_lexicon, learn_phrases
from line_model_pages import (
    EXTRA,
    LANGUAGES,
    Sample,
    samples_of,
    score_module,
    training_pages,
)
from line_model_trees import predict, train_forest

from newsnorm.transforms.dump.context import CONTEXT_FEATURES, context_features, story_start
from newsnorm.transforms.dump.features import FEATURES, PHRASE_FEATURES, unit_features
from newsnorm.transforms.dump.headline import (
    FIT_BELOW,
    TITLE_FEATURES,
    Candidate,
    choose,
    page_candidates,
    title_candidates,
    title_text,
)
from newsnorm.transforms.dump.sequence import KEEP_THRESHOLD
from newsnorm.transforms.dump.story import looks_like_page
from newsnorm.transforms.dump.title_line import overrule
from newsnorm.transforms.dump.title_site import page_names

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "transforms" / "dump" / "line_model.json"
ROUNDS = 120
# Title ranker rounds: refit on two thirds of the tuning pages and scored on the third,
# 60 rounds gave titles 0.674 / 0.647 / 0.723, 120 gave 0.691 / 0.657 / 0.752, 240 gave
# 0.684 / 0.655 / 0.747 (depth 3: 60 rounds 0.686 / 0.657 / 0.740, 120 rounds 0.657 /
# 0.652 / 0.657), pointwise; listwise (dtitle14, means of 3 fold draws), 120 rounds gave
# 0.711 / 0.754 / 0.799, 240 gave 0.719 / 0.754 / 0.803, 400 gave 0.713 / 0.754 / 0.796
# (its page-summed hessians are smaller, so each round moves less); docs/text-dumps.md.
TITLE_ROUNDS = 240
# The title ranker's 0/1 flags are mostly rare (a list marker, a bare URL, a Markdown `# `
# heading): cut at each distinct value, or the quantile cuts never split on them
# (line_model_trees.train_forest).
DISTINCT_CUTS = True
# How the title ranker's trees are fitted: "pointwise" (each candidate alone, logistic
# loss), or over each page's candidates at once, "listwise" (the softmax over them) or
# "pairwise" (the gold against each other one); line_model_trees.train_forest. Means of 6
# fold draws (inscriptis / html2text / get_text): pointwise at 120 rounds 0.706 / 0.750 /
# 0.799, listwise at 240 0.717 / 0.752 / 0.804 (docs/text-dumps.md).
TITLE_OBJECTIVE = "listwise"
# Each title tree may be grown on a seeded draw of this share of the pages (stochastic
# gradient boosting), so no tree fits every page: out of fold by site (dtitle22; 3 draws,
# sums of dumps right, inscriptis / html2text / get_text) 0.5 gave 947 / 1039 / 1009
# against 946 / 1036 / 998 with every page, but its refit took a `By …` line for the
# headline on a constructed page (tests/transforms/test_dump_meta_lines.py): not shipped.
TITLE_SUBSAMPLE = 1.0
FOLDS = 3
THRESHOLD = 0.15


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
    args = parser.parse_args(argv)
    global TITLE_OBJECTIVE, TITLE_ROUNDS  # a measurement's settings (--cross-validate)
    TITLE_OBJECTIVE = args.title_objective or TITLE_OBJECTIVE
    TITLE_ROUNDS = args.title_rounds or TITLE_ROUNDS
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
            model["title"] = train_title(samples, model["lexicon"], model.get("phrases"))
        else:  # the cache's first-stage verdicts are the very ones train_title computes
            model["title"] = _fit_title(*_titled(samples, verdicts[0]))
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
    title = _fit_title(*_titled(samples, verdicts))
    return {
        "trained_on": _trained_on(),
        **stages,
        "title_features": list(TITLE_FEATURES),
        "title": title,
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
    second = _fit(_context_rows(samples, rows, verdicts), samples, ROUNDS)
    own = [*FEATURES, *(PHRASE_FEATURES if phrases is not None else ())]
    stages = {
        "threshold": THRESHOLD,
        "lexicon": lexicon,
        **({"phrases": phrases} if phrases is not None else {}),
        "first_features": own,
        "first": first,
        "second_features": [*own, *CONTEXT_FEATURES[len(FEATURES) :]],
        "second": second,
    }
    return stages, verdicts


def train_title(
    samples: list[Sample], lexicon: dict[str, float], phrases: dict[str, float] | None
) -> dict[str, Any]:
    """The title ranker alone, on out-of-fold first-stage verdicts with the given lexicons."""
    rows = [unit_features(sample.units, lexicon, phrases) for sample in samples]
    return _fit_title(*_titled(samples, _out_of_fold(samples, rows)))


def _titled(
    samples: list[Sample], verdicts: list[list[float]]
) -> tuple[list[Sample], list[list[float]]]:
    """The wcxb samples and their verdicts: the title ranker learns from wcxb pages alone,
    as the other sets' gold titles are missing (scrapinghub) or follow another convention
    (fundus). The verdicts come from folds fitted on every training page, so the full run
    and `--title-only` fit the same ranker."""
    titled = [i for i, sample in enumerate(samples) if sample.dataset == "wcxb"]
    return [samples[i] for i in titled], [verdicts[i] for i in titled]


@dataclass
class _TitleSet:
    """A page dump's headline candidates as the text path ranks them, which units' title text
    is the gold title (unit 0's too), the story's start, the units the second stage keeps."""

    sample: Sample
    candidates: list[Candidate]
    labels: dict[int, bool]
    start: int
    body: list[int]


def cross_validate(
    samples: list[Sample],
    verdicts: tuple[list[list[float]], list[list[float]]],
    threshold: float,
    draws: int = 1,
) -> str:
    """Per dump, the share of wcxb page dumps whose headline, chosen by a ranker fitted on
    the other two page folds, is the gold title, for each of `draws` draws of the folds and
    their mean; and the share with the gold title among the eligible candidates."""
    _, second = _titled(samples, verdicts[1])
    samples, first = _titled(samples, verdicts[0])
    sets = _title_sets(samples, first, second, threshold)
    counts = Counter(title_set.sample.dump for title_set in sets)
    reachable: Counter[str] = Counter()
    for title_set in sets:
        reachable[title_set.sample.dump] += any(
            title_set.labels[c.index] for c in title_set.candidates if c.eligible
        )
    lines: list[str] = []
    mean = dict.fromkeys(counts, 0.0)
    for draw in range(draws):
        exact = _draw(samples, first, sets, str(draw) if draw else "")
        for dump in counts:
            mean[dump] += exact[dump] / draws
        lines.append(f"draw {draw}: " + _per_dump(exact, counts))
    lines.append(f"mean of {draws}: " + _per_dump(mean, counts))
    lines.append("reachable: " + _per_dump(reachable, counts))
    lines.append("page dumps: " + ", ".join(f"{dump} {n}" for dump, n in counts.items()))
    return "\n".join(lines)


def _draw(
    samples: list[Sample], first: list[list[float]], sets: list[_TitleSet], salt: str
) -> Counter[str]:
    """Per dump, the page dumps whose chosen headline is the gold title, on the folds
    that `salt` draws."""
    folds = [_fold(title_set.sample.page, salt) for title_set in sets]
    exact: Counter[str] = Counter()
    for fold in range(FOLDS):
        inside = [i for i, sample in enumerate(samples) if _fold(sample.page, salt) != fold]
        ranker = _fit_title([samples[i] for i in inside], [first[i] for i in inside])
        for title_set in (s for s, f in zip(sets, folds, strict=True) if f == fold):
            if not title_set.candidates:
                continue  # the text path's title is then the first unit, seldom a headline
            scores = list(predict(ranker, np.array([c.row for c in title_set.candidates])))
            chosen = choose(title_set.candidates, scores)
            chosen = overrule(title_set.sample.units, chosen, title_set.start, title_set.body)
            exact[title_set.sample.dump] += title_set.labels[chosen]
    return exact


def _per_dump(found: Mapping[str, float], counts: Counter[str]) -> str:
    return " / ".join(f"{dump} {found[dump] / total:.3f}" for dump, total in counts.items())


def _verdicts(
    samples: list[Sample], lexicon: dict[str, float], phrases: dict[str, float] | None
) -> tuple[list[list[float]], list[list[float]]]:
    """Out-of-fold first- and second-stage verdicts, as pages unseen would get them."""
    rows = [unit_features(sample.units, lexicon, phrases) for sample in samples]
    first = _out_of_fold(samples, rows)
    return first, _out_of_fold(samples, _context_rows(samples, rows, first))


def _context_rows(
    samples: list[Sample], rows: list[list[list[float]]], verdicts: list[list[float]]
) -> list[list[list[float]]]:
    """The second stage's rows: each unit's own features with the first stage's verdicts
    around it."""
    return [
        context_features(sample.units, own, verdict)
        for sample, own, verdict in zip(samples, rows, verdicts, strict=True)
    ]


def _title_sets(
    samples: list[Sample], first: list[list[float]], second: list[list[float]], threshold: float
) -> list[_TitleSet]:
    """The candidates of each page dump (dumps the text path takes as pages only)."""
    score = score_module()
    sets = []
    for sample, own_first, own_second in zip(samples, first, second, strict=True):
        units = sample.units
        if not looks_like_page(units):
            continue
        candidates = page_candidates(units, own_first, own_second, threshold)
        names = page_names(units)
        labels = {
            index: bool(score.title_exact(title_text(units[index].text, names), sample.title))
            for index in {0, *(c.index for c in candidates)}  # 0: `title_line.overrule`
        }
        body = [index for index, p in enumerate(own_second) if p >= KEEP_THRESHOLD]
        sets.append(_TitleSet(sample, candidates, labels, story_start(units, own_first), body))
    return sets


def _out_of_fold(samples: list[Sample], rows: list[list[list[float]]]) -> list[list[float]]:
    """Each sample's first-stage verdicts from a model trained on the other folds' pages."""
    folds = [_fold(sample.page) for sample in samples]
    verdicts: list[list[float]] = [[] for _ in samples]
    for fold in range(FOLDS):
        inside = [i for i, f in enumerate(folds) if f != fold]
        model = _fit([rows[i] for i in inside], [samples[i] for i in inside], ROUNDS)
        for i, f in enumerate(folds):
            if f == fold:
                verdicts[i] = list(predict(model, np.array(rows[i])))
    return verdicts


def _fit(rows: Iterable[list[list[float]]], samples: list[Sample], rounds: int) -> dict[str, Any]:
    table, labels, weights = [], [], []
    for own, sample in zip(rows, samples, strict=True):
        words = np.array([max(1, len(unit.text.split())) for unit in sample.units], float)
        table += own
        labels += [1.0 if share >= 0.5 else 0.0 for share in sample.shares]
        weights += list(words / words.sum() * len(words))
    return train_forest(np.array(table), np.array(labels), np.array(weights), rounds)


def _fit_title(samples: list[Sample], verdicts: list[list[float]]) -> dict[str, Any]:
    score = score_module()
    table, labels, groups = [], [], []
    for page, (sample, verdict) in enumerate(zip(samples, verdicts, strict=True)):
        start = story_start(sample.units, verdict)
        # Fitted on the narrower window the text path served before dtitle18: served wider
        # (`headline._BELOW`), it gains more on CV than refit on the wider one.
        for index, row in title_candidates(sample.units, verdict, start, below=FIT_BELOW):
            table.append(row)
            # Labelled on the title as cut by shape alone: refit on the page's names too
            # (`title_site`, served), CV lost 4 inscriptis dumps over 3 draws, all the refit's.
            text = title_text(sample.units[index].text)
            labels.append(1.0 if score.title_exact(text, sample.title) else 0.0)
            groups.append(page)
    weights = np.ones(len(labels))
    return train_forest(
        np.array(table), np.array(labels), weights, TITLE_ROUNDS, distinct=DISTINCT_CUTS,
        groups=None if TITLE_OBJECTIVE == "pointwise" else np.array(groups, float),
        objective=TITLE_OBJECTIVE, subsample=TITLE_SUBSAMPLE,
    )  # fmt: skip


def _fold(page: str, salt: str = "") -> int:
    """The page's fold; a salt re-draws the folds (the empty salt is the stages' folds)."""
    return int(hashlib.sha256((salt + page).encode()).hexdigest(), 16) % FOLDS


if __name__ == "__main__":
    sys.exit(main())
