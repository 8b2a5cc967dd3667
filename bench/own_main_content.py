"""An own main-content stage, measured (issue #15, twentieth round): blocks of the parsed page
classified by boosted trees (bench/line_model_trees.py) over the HTML's structure
(bench/own_main_blocks.py), trained on wcxb's tuning part and scored out of fold by site.

Prints body P / R / F1 (score.py's) of the prototype, of trafilatura's main text on the same
tree and of newsnorm's body today, on the same pages, and the CPU ms a page of the
prototype's steps. Tuning part only (bench/accuracy_metrics.py's split).

With `--extra`, the tuning parts of the extraction bench's sets join the pages, out of fold
by site with the rest (or, with `--held-out`, the model is fitted on wcxb's alone and scored
on them); figures are given for each set apart.

Usage, from the repository root:
    .venv/bin/python bench/own_main_content.py [--folds 5] [--rounds 150] [--rate 0.1]
        [--threshold 0.5 ...] [--second] [--extra scrapinghub --extra fundus [--held-out]]
        [--seed 0] [--cache /tmp/own_main.pkl]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from line_model_pages import score_module
from line_model_trees import predict, train_forest
from own_main_data import PageData, load_or_read

Forest = dict[str, Any]
RATE, DEPTH = 0.1, 3


def fold_of(site: str, folds: int, seed: int = 0) -> int:
    """A site's fold, fixed by its name (all its pages on one side)."""
    return int(hashlib.sha256(f"{seed}/{site}".encode()).hexdigest(), 16) % folds


def stack(pages: list[PageData]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows = np.array([row for page in pages for row in page.rows], dtype=np.float64)
    shares = np.array([share for page in pages for share in page.shares])
    words = rows[:, 0]
    return rows, (shares >= 0.5).astype(np.float64), np.maximum(words, 1.0) ** 0.5


def fit(pages: list[PageData], rounds: int, rate: float = RATE, depth: int = DEPTH) -> Forest:
    rows, labels, weights = stack(pages)
    return train_forest(rows, labels, weights, rounds, rate=rate, depth=depth, distinct=True)


def out_of_fold(
    pages: list[PageData], folds: int, rounds: int, seed: int = 0, rate: float = RATE
) -> list[np.ndarray]:
    """Each page's block probabilities from a model fitted without its site."""
    probabilities: list[np.ndarray] = [np.zeros(0)] * len(pages)
    for fold in range(folds):
        held = [i for i, page in enumerate(pages) if fold_of(page.site, folds, seed) == fold]
        train = [page for page in pages if fold_of(page.site, folds, seed) != fold]
        forest = fit(train, rounds, rate)
        for i in held:
            if pages[i].rows:
                probabilities[i] = predict(forest, np.array(pages[i].rows, dtype=np.float64))
    return probabilities


def body_of(page: PageData, probability: np.ndarray, threshold: float) -> str:
    return "\n".join(
        text for text, p in zip(page.texts, probability, strict=True) if p >= threshold
    )


def counts(page: PageData, body: str) -> tuple[float, float, float]:
    score = score_module()
    gold = str(page.gold.get("expected_body") or "")
    extra: Any = page.gold.get("extra") or {}
    alternative = extra.get("expected_body_required")
    if alternative and alternative != gold:
        gold = score.best_gold(body, (gold, alternative))
    tp, fp, fn = score.body_counts(body, gold)
    return (float(tp), float(fp), float(fn))


def summary(per_page: list[tuple[float, float, float]]) -> str:
    p, r, f1 = score_module().body_summary(per_page)
    return f"P {p:.3f} R {r:.3f} F1 {f1:.3f}"


def page_f1(count: tuple[float, float, float]) -> float:
    return float(score_module().body_summary([count])[2])


def report(pages: list[PageData], probabilities: list[np.ndarray], threshold: float) -> None:
    own = [
        counts(page, body_of(page, p, threshold))
        for page, p in zip(pages, probabilities, strict=False)
    ]
    trafilatura = [counts(page, page.trafilatura) for page in pages]
    newsnorm = [counts(page, page.newsnorm) for page in pages]
    print(f"pages {len(pages)}, sites {len({page.site for page in pages})}")
    print(f"  prototype (t={threshold}): {summary(own)}")
    print(f"  trafilatura main text:  {summary(trafilatura)}")
    print(f"  newsnorm body today:    {summary(newsnorm)}")
    better = sum(page_f1(a) > page_f1(b) + 0.05 for a, b in zip(own, trafilatura, strict=False))
    worse = sum(page_f1(a) < page_f1(b) - 0.05 for a, b in zip(own, trafilatura, strict=False))
    print(f"  prototype vs trafilatura: better on {better} pages, worse on {worse} (F1 by 0.05)")
    seconds = [page.seconds for page in pages]
    print(f"  blocks and features: {1000 * sum(seconds) / len(seconds):.2f} CPU ms a page")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=150)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rate", type=float, default=RATE)
    parser.add_argument("--second", action="store_true", help="add the sequence stage")
    parser.add_argument("--threshold", type=float, action="append")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/own_main.pkl"))
    parser.add_argument("--extra", choices=("scrapinghub", "fundus"), action="append")
    parser.add_argument("--held-out", action="store_true", help="fit on wcxb, score --extra")
    args = parser.parse_args(argv)
    pages = load_or_read(args.cache)
    extra = [page for name in args.extra or () for page in load_or_read(args.cache, name)]
    started = time.process_time()
    if args.held_out:
        forest = fit(pages, args.rounds, args.rate)
        pages = extra
        probabilities = [
            predict(forest, np.array(page.rows)) if page.rows else np.zeros(0) for page in pages
        ]
    else:
        pages += extra
        probabilities = out_of_fold(pages, args.folds, args.rounds, args.seed, args.rate)
    print(f"trained in {time.process_time() - started:.0f} CPU s")
    for threshold in args.threshold or [0.5]:
        by_set(pages, probabilities, threshold)
    if args.second:
        second = second_stage(pages, probabilities, args.folds, args.rounds, args.rate)
        for threshold in args.threshold or [0.5]:
            print("second stage:")
            by_set(pages, second, threshold)
    return 0


def by_set(pages: list[PageData], probabilities: list[np.ndarray], threshold: float) -> None:
    """The report and the cascade's, for each benchmark's pages apart."""
    for dataset in dict.fromkeys(page.key.partition("/")[0] for page in pages):
        chosen = [i for i, page in enumerate(pages) if page.key.startswith(f"{dataset}/")]
        print(f"{dataset}:")
        report([pages[i] for i in chosen], [probabilities[i] for i in chosen], threshold)
        cascade([pages[i] for i in chosen], [probabilities[i] for i in chosen], threshold)


def sequence_rows(probability: np.ndarray, words: np.ndarray) -> np.ndarray:
    """A page's second-stage features: the block's first-stage probability, its neighbours'
    (two each side, -1 past the page's ends), the word-weighted mean of five each side and
    of the whole page."""
    n = len(probability)
    padded = np.r_[[-1.0, -1.0], probability, [-1.0, -1.0]]
    weighted = probability * words
    cumulative_p, cumulative_w = np.r_[0.0, np.cumsum(weighted)], np.r_[0.0, np.cumsum(words)]
    low, high = np.maximum(np.arange(n) - 5, 0), np.minimum(np.arange(n) + 6, n)
    window = (cumulative_p[high] - cumulative_p[low]) / np.maximum(
        cumulative_w[high] - cumulative_w[low], 1.0
    )
    page = np.full(n, weighted.sum() / max(words.sum(), 1.0))
    columns = [probability, padded[:n], padded[1 : n + 1], padded[3 : n + 3], padded[4:]]
    return np.column_stack([*columns, window, page])


def second_stage(
    pages: list[PageData], first: list[np.ndarray], folds: int, rounds: int, rate: float
) -> list[np.ndarray]:
    """Out-of-fold second-stage probabilities over the first stage's out-of-fold ones."""
    extra = [
        sequence_rows(p, np.array([row[0] for row in page.rows])) if len(p) else np.zeros((0, 7))
        for page, p in zip(pages, first, strict=True)
    ]
    result: list[np.ndarray] = [np.zeros(0)] * len(pages)
    for fold in range(folds):
        train = [
            i for i, page in enumerate(pages) if fold_of(page.site, folds) != fold and len(first[i])
        ]
        rows = np.vstack([np.hstack([np.array(pages[i].rows), extra[i]]) for i in train])
        labels = np.array([s >= 0.5 for i in train for s in pages[i].shares], dtype=np.float64)
        weights = np.maximum(rows[:, 0], 1.0) ** 0.5
        forest = train_forest(rows, labels, weights, rounds, rate=rate, depth=DEPTH, distinct=True)
        for i, page in enumerate(pages):
            if fold_of(page.site, folds) == fold and len(first[i]):
                result[i] = predict(forest, np.hstack([np.array(page.rows), extra[i]]))
    return result


def unsure_share(page: PageData, probability: np.ndarray, margin: float = 0.35) -> float:
    """The share of a page's words in blocks the trees leave near even (0.5 +- margin)."""
    words = np.array([row[0] for row in page.rows])
    unsure = np.abs(probability - 0.5) < margin
    return float(words[unsure].sum() / max(words.sum(), 1.0))


def cascade(pages: list[PageData], probabilities: list[np.ndarray], threshold: float) -> None:
    """Body F1 when trafilatura's main text stands in on the pages the trees are least sure
    of, and how many pages that is."""
    unsure = [
        unsure_share(page, p) if len(p) else 1.0
        for page, p in zip(pages, probabilities, strict=False)
    ]
    own = [
        counts(page, body_of(page, p, threshold))
        for page, p in zip(pages, probabilities, strict=False)
    ]
    trafilatura = [counts(page, page.trafilatura) for page in pages]
    for limit in (0.05, 0.1, 0.2, 0.3):
        mixed = [t if u > limit else o for o, t, u in zip(own, trafilatura, unsure, strict=False)]
        sent = sum(u > limit for u in unsure)
        print(
            f"  cascade, trafilatura where > {limit} of words unsure: {summary(mixed)}, "
            f"trafilatura on {sent} of {len(pages)} pages"
        )


if __name__ == "__main__":
    sys.exit(main())
