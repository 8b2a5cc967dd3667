"""Extraction quality and speed of newsnorm's HTML path beside trafilatura, on public benchmarks.

It loads ../shared/benchmarks/ (scrapinghub: 181 pages, body gold; fundus: 258 pages from
~180 publishers, body, title, authors and date gold), runs newsnorm's HTML path
(`transforms.pipeline.process_input` on each page as HTML, with every adapter) and
trafilatura 2.x on the same pages in one process, scores both with the benchmarks' own
scorer, and prints one table: body token precision / recall / F1, title, authors and date
exact match, pages/s, and how many catalogue notice wordings (bench/notice_wordings.txt)
survived in the bodies.

Usage, from the repository root:
    .venv/bin/python bench/extraction.py [--limit N] [--dataset scrapinghub|fundus]
trafilatura is a runtime dependency of newsnorm (its content stage), so no extra install.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.pipeline import process_input
from newsnorm.transforms.text import fold_for_matching

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT.parent / "shared" / "benchmarks"

WORDINGS = Path(__file__).resolve().parent / "notice_wordings.txt"
Prediction = dict[str, Any]
Extractor = Callable[[dict[str, Any]], Prediction]


@dataclass(frozen=True, slots=True)
class Result:
    name: str
    dataset: str
    scores: dict[str, Any]
    pages_per_second: float
    notices_left: int


def newsnorm_extractor() -> Extractor:
    adapters = load_adapters()

    def extract(record: dict[str, Any]) -> Prediction:
        try:
            meta = InputMeta(media_type="text/html", url=record["url"])
            article = process_input(record["html_bytes"], meta, adapters).article
        except DocumentRejected:
            return {}
        day = article.published_on or (
            article.published_at.date() if article.published_at else None
        )
        return {
            "body": article.body,
            "title": article.title,
            # The benchmarks' authors are whoever is credited: people and organisations.
            "authors": [*article.authors, *article.author_organizations],
            "date": day.isoformat() if day else None,
        }

    return extract


def trafilatura_extractor() -> Extractor:
    import trafilatura

    def extract(record: dict[str, Any]) -> Prediction:
        document: Any = trafilatura.bare_extraction(
            record["html"], url=record["url"], with_metadata=True
        )
        if not document:
            return {}
        authors = [name.strip() for name in (document.author or "").split(";") if name.strip()]
        return {
            "body": document.text,
            "title": document.title,
            "authors": authors,
            "date": document.date,
        }

    return extract


def run(name: str, extract: Extractor, dataset: str, records: list[dict[str, Any]]) -> Result:
    from score import score_pages  # type: ignore[import-not-found]

    wordings = [w for w in WORDINGS.read_text(encoding="utf-8").splitlines() if w and w[0] != "#"]
    started = time.perf_counter()
    predictions = {record["id"]: extract(record) for record in records}
    seconds = time.perf_counter() - started
    notices = sum(
        wording in fold_for_matching(prediction.get("body") or "")
        for prediction in predictions.values()
        for wording in wordings
    )
    return Result(name, dataset, score_pages(records, predictions), len(records) / seconds, notices)


def print_table(results: list[Result]) -> None:
    columns = ["extractor", "dataset", "pages", "body P", "body R", "body F1", "title", "authors"]
    columns += ["date", "pages/s", "notices left"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for result in results:
        s = result.scores
        cells = [
            s["body_p"],
            s["body_r"],
            s["body_f1"],
            s["title_exact"],
            s["authors_exact"],
            s["date_exact"],
        ]
        shown = " | ".join("n/a" if value is None else f"{value:.3f}" for value in cells)
        print(
            f"| {result.name} | {result.dataset} | {s['pages']} | {shown} | "
            f"{result.pages_per_second:.1f} | {result.notices_left} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="pages per dataset")
    parser.add_argument("--dataset", choices=("scrapinghub", "fundus"), action="append")
    args = parser.parse_args(argv)
    if not (BENCHMARKS / "load.py").is_file():
        print(f"skipped: no benchmarks at {BENCHMARKS} (they live in ../shared/, outside the repo)")
        return 0
    sys.path.insert(0, str(BENCHMARKS))
    from load import load  # type: ignore[import-not-found]

    results: list[Result] = []
    for dataset in args.dataset or ["scrapinghub", "fundus"]:
        records = list(load(dataset, limit=args.limit))
        for name, factory in (
            ("newsnorm", newsnorm_extractor),
            ("trafilatura", trafilatura_extractor),
        ):
            results.append(run(name, factory(), dataset, records))
            print(f"done: {name} on {dataset} ({len(records)} pages)", file=sys.stderr)
    print_table(results)
    for dataset in args.dataset or ["scrapinghub", "fundus"]:
        speed = {r.name: r.pages_per_second for r in results if r.dataset == dataset}
        ratio = speed["newsnorm"] / speed["trafilatura"]
        print(f"{dataset}: newsnorm runs at {ratio:.2f}x trafilatura's pages/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
