"""Train the whole-page dump line model (transforms/dump/line_model.json) on tuning pages.

Reproduces the shipped model from the wcxb pages of the tuning part only, as the three text
dumps bench/accuracy.py measures, cleaned by the adapters and labelled by the gold body
(bench/line_model_samples.py; the check part is never read). Then:

1. a lexicon: the 600 words (seen in 15 units or more) whose share among story and chrome
   units differs most, as log-odds;
2. the first stage: boosted trees over the unit's shape features, the lexicon's included;
3. the second stage: boosted trees over the first stage's features plus its verdicts around
   the unit, trained on out-of-fold first-stage verdicts (3 folds by page) so it learns how
   far to trust them on pages the first stage did not see;
4. the title ranker: boosted trees over the candidates around the story's start, the gold
   title's line being the positive;
5. the threshold: the same steps on two folds of pages make a model for the third (its own
   lexicon included); each page's dumps go through the story stage with the model that never
   saw them, at every threshold of `THRESHOLDS`, and are scored as bench/accuracy.py scores
   them. The threshold kept is the highest whose mean body recall stays within
   `RECALL_MARGIN` of the recall at the lowest threshold: the story comes first. The curve
   is printed, beside the stage off.

Units are weighted by their share of the page's words, so every page counts alike and a
long paragraph counts more than a menu item, as the body metric does.

Usage: .venv/bin/python bench/train_line_model.py [--jobs 2] [--out transforms/dump/line_model.json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from line_model_samples import Sample, load_samples, score_module
from line_model_trees import predict, train_forest

from newsnorm.transforms.dump.context import (
    CONTEXT_FEATURES,
    TITLE_FEATURES,
    context_features,
    story_start,
    title_candidates,
    title_text,
)
from newsnorm.transforms.dump.features import (
    FEATURES,
    lexical_features,
    lexicon_words,
    unit_features,
)
from newsnorm.transforms.dump.model import parse_model
from newsnorm.transforms.dump.story import apply_verdicts, page_verdicts

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "transforms" / "dump" / "line_model.json"
ROUNDS = 120
TITLE_ROUNDS = 60
FOLDS = 3
LEXICON_SIZE = 600
LEXICON_MIN = 15
THRESHOLDS = (0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
# How much mean body recall the threshold may cost, out of fold, against the lowest one
# (what the stage costs there is the headline's and the place's, not the threshold's).
RECALL_MARGIN = 0.002
Rows = list[list[float]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    from accuracy_sets import available

    if reason := available():
        print(f"skipped: {reason}")
        return 0
    samples = [sample for sample in load_samples(args.jobs) if sample.units]
    print(f"{len({s.page for s in samples})} tuning pages, {len(samples)} dumps", file=sys.stderr)
    model, fold_models = train(samples)
    model["threshold"] = choose_threshold(samples, fold_models, args.jobs)
    args.out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def train(samples: list[Sample]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The model on every sample, and one per fold trained without that fold's pages."""
    folds = [_fold(sample.page) for sample in samples]
    bare = [unit_features(sample.units, {}) for sample in samples]
    verdicts: list[list[float]] = [[] for _ in samples]
    fold_parts = []
    for fold in range(FOLDS):
        inside = [i for i, f in enumerate(folds) if f != fold]
        lexicon = learn_lexicon([samples[i] for i in inside])
        rows = [
            _with_lexicon(sample, own, lexicon) for sample, own in zip(samples, bare, strict=True)
        ]
        first = _fit([rows[i] for i in inside], [samples[i] for i in inside], ROUNDS)
        for i, f in enumerate(folds):
            if f == fold:
                verdicts[i] = list(predict(first, np.array(rows[i])))
        fold_parts.append((inside, lexicon, rows, first))
    lexicon = learn_lexicon(samples)
    rows = [_with_lexicon(sample, own, lexicon) for sample, own in zip(samples, bare, strict=True)]
    every = list(range(len(samples)))
    model = _model(samples, every, lexicon, rows, _fit(rows, samples, ROUNDS), verdicts)
    fold_models = [
        _model(samples, inside, lexicon, rows, first, verdicts)
        for inside, lexicon, rows, first in fold_parts
    ]
    return model, fold_models


def _model(
    samples: list[Sample],
    inside: list[int],
    lexicon: dict[str, float],
    rows: list[Rows],
    first: dict[str, Any],
    verdicts: list[list[float]],
) -> dict[str, Any]:
    chosen = [samples[i] for i in inside]
    context = [context_features(samples[i].units, rows[i], verdicts[i]) for i in inside]
    return {
        "trained_on": "wcxb tuning part (bench/train_line_model.py)",
        "threshold": THRESHOLDS[0],
        "lexicon": lexicon,
        "first_features": list(FEATURES),
        "first": first,
        "second_features": list(CONTEXT_FEATURES),
        "second": _fit(context, chosen, ROUNDS),
        "title_features": list(TITLE_FEATURES),
        "title": _fit_title(chosen, [verdicts[i] for i in inside]),
    }


def _with_lexicon(sample: Sample, bare: Rows, lexicon: dict[str, float]) -> Rows:
    lexical = len(lexical_features("", lexicon))
    return [
        [*row[:-lexical], *lexical_features(unit.text, lexicon)]
        for row, unit in zip(bare, sample.units, strict=True)
    ]


def choose_threshold(samples: list[Sample], fold_models: list[dict[str, Any]], jobs: int) -> float:
    """The highest threshold whose out-of-fold mean recall stays within `RECALL_MARGIN` of
    the lowest one's; prints the curve (per dump and pooled) and the titles found."""
    tasks = [(sample, fold_models[_fold(sample.page)]) for sample in samples]
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        results = list(pool.imap(_sweep, tasks, chunksize=8))
    converters = sorted({sample.converter for sample in samples})
    chosen, floor = THRESHOLDS[0], 0.0
    print("threshold  " + "  ".join(f"{c:>17}" for c in [*converters, "all"]), file=sys.stderr)
    for column, threshold in enumerate(["off", *THRESHOLDS]):
        cells, pooled = [], _mean([r[1][column] for r in results])
        for converter in converters:
            chosen_rows = [r[1][column] for r, s in zip(results, samples, strict=True)
                           if s.converter == converter]  # fmt: skip
            cells.append(_mean(chosen_rows))
        line = "  ".join(f"P {p:.3f} R {r:.3f}" for p, r in [*cells, pooled])
        print(f"{threshold!s:>9}  {line}", file=sys.stderr)
        if column == 1:
            floor = pooled[1] - RECALL_MARGIN
        if column >= 1 and pooled[1] >= floor:
            chosen = THRESHOLDS[column - 1]
    for converter in converters:
        found = [r[0] for r, s in zip(results, samples, strict=True) if s.converter == converter]
        print(f"title exact {converter}: {sum(found) / len(found):.3f}", file=sys.stderr)
    print(f"threshold chosen: {chosen}", file=sys.stderr)
    return chosen


def _mean(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    return (
        float(np.mean([p for p, _ in pairs])) if pairs else 0.0,
        float(np.mean([r for _, r in pairs])) if pairs else 0.0,
    )


def _sweep(task: tuple[Sample, dict[str, Any]]) -> tuple[bool, list[tuple[float, float]]]:
    """One dump through the stage with its fold's model: title exact, then (precision,
    recall) with the stage off and at each threshold."""
    sample, data = task
    score = score_module()
    model = parse_model(data)
    verdicts = page_verdicts(sample.text, sample.article, model)
    articles = [sample.article]
    if verdicts is None:
        articles += [sample.article] * len(THRESHOLDS)
    else:
        articles += [apply_verdicts(sample.text, sample.article, verdicts, t) for t in THRESHOLDS]
    figures = []
    for article in articles:
        body = article.body
        gold = score.best_gold(body, sample.golds) if len(sample.golds) > 1 else sample.golds[0]
        tp, fp, fn = score.body_counts(body, gold)
        figures.append((tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0))
    found = verdicts is not None and bool(
        score.title_exact(title_text(verdicts.units[verdicts.title].text), sample.title)
    )
    return found, figures


def learn_lexicon(samples: list[Sample]) -> dict[str, float]:
    story: Counter[str] = Counter()
    chrome: Counter[str] = Counter()
    for sample in samples:
        for unit, share in zip(sample.units, sample.shares, strict=True):
            (story if share >= 0.5 else chrome).update(lexicon_words(unit.text))
    total_story, total_chrome = sum(story.values()) + 1, sum(chrome.values()) + 1
    odds = {
        word: float(
            np.log((story[word] + 1) / total_story) - np.log((chrome[word] + 1) / total_chrome)
        )
        for word in story.keys() | chrome.keys()
        if story[word] + chrome[word] >= LEXICON_MIN
    }
    chosen = sorted(odds, key=lambda word: (-abs(odds[word]), word))[:LEXICON_SIZE]
    return {word: round(odds[word], 3) for word in sorted(chosen)}


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
    table, labels = [], []
    for sample, verdict in zip(samples, verdicts, strict=True):
        start = story_start(sample.units, verdict)
        for index, row in title_candidates(sample.units, verdict, start):
            table.append(row)
            text = title_text(sample.units[index].text)
            labels.append(1.0 if score.title_exact(text, sample.title) else 0.0)
    weights = np.ones(len(labels))
    return train_forest(np.array(table), np.array(labels), weights, TITLE_ROUNDS)


def _fold(page: str) -> int:
    return int(hashlib.sha256(page.encode()).hexdigest(), 16) % FOLDS


if __name__ == "__main__":
    sys.exit(main())
