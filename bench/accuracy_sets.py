"""What bench/accuracy.py measures on: benchmark pages, dev samples and their labels.

Reads ../shared/ only; pages carry their gold, their part (accuracy_metrics.part_of) and, for the
syndicated set, the labels of bench/syndicated_labels.tsv.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from accuracy_metrics import Part, part_of

BENCH = Path(__file__).resolve().parent
SHARED = BENCH.parent.parent / "shared"
BENCHMARKS = SHARED / "benchmarks"
DEV = SHARED / "corpus" / "dev"
LABELS = BENCH / "syndicated_labels.tsv"
DATASETS = ("wcxb", "scrapinghub", "fundus")

# index.tsv writes "Title: <headline>. <next note>"; these words open the note after it.
_TITLE_NOTE = re.compile(
    r"Title: (?P<title>.+?)\s+(?=Author:|Date|TRUNCATED|No byline|No date|Complete|Published"
    r"|URL date|Whole page|Near-dup|$)"
)
_PAGE_URL = re.compile(r"page URL (https?://\S+?)\)")
# index.tsv names the benchmark file a dev sample was taken from.
_BENCHMARK_SOURCE = re.compile(
    r"github:(?:flairNLP/fundus tests/resources/parser/test_data/(?P<fundus>\S+)"
    r"|scrapinghub/article-extraction-benchmark html/(?P<scrapinghub>\w+)\.html\.gz)"
)


@dataclass(frozen=True, slots=True)
class Label:
    """What the syndicated set's figures need about one sample (bench/syndicated_labels.tsv)."""

    page: str
    syndicator: tuple[str, ...]
    body_lines: str
    cruft: tuple[str, ...]


@dataclass(slots=True)
class Page:
    """One page or sample with its gold. `html` is None for a text sample (`text` holds it)."""

    dataset: str
    id: str
    url: str | None
    part: Part
    html: str | None = None
    html_bytes: bytes | None = None
    text: str | None = None
    gold: dict[str, Any] = field(default_factory=dict)
    label: Label | None = None

    @property
    def key(self) -> str:
        return f"{self.dataset}/{self.id}"


def available() -> str | None:
    """Why the bench cannot run here, or None."""
    if not (BENCHMARKS / "load.py").is_file():
        return f"no benchmarks at {BENCHMARKS} (they live in ../shared/, outside the repository)"
    return None


def load_labels(path: Path = LABELS) -> dict[str, Label]:
    labels: dict[str, Label] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        page, names, body_lines, *cruft = line.split("\t")
        labels[page] = Label(page, tuple(names.split("|")), body_lines, tuple(cruft))
    return labels


def benchmark_pages(dataset: str, wanted: set[str] | None = None) -> Iterator[Page]:
    """A benchmark's pages in load order; only the ids in `wanted` when given."""
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    from load import load  # type: ignore[import-not-found]

    copies = dev_copies()
    for record in load(dataset):
        if wanted is not None and record["id"] not in wanted:
            continue
        key = f"{dataset}/{record['id']}"
        extra = record.get("extra") or {}
        gold = {
            "id": record["id"],
            "expected_title": record["expected_title"],
            "expected_authors": record["expected_authors"],
            "expected_date": record["expected_date"],
            "expected_body": record["expected_body"],
            "extra": {"expected_body_required": extra.get("expected_body_required")},
        }
        yield Page(
            dataset,
            record["id"],
            record["url"],
            "tuning" if key in copies else part_of(dataset, record["id"]),
            html=record["html"],
            html_bytes=record["html_bytes"],
            gold=gold,
        )


def dev_samples(labels: dict[str, Label]) -> Iterator[Page]:
    """The labelled dev-corpus samples. All tuning: newsnorm's rules were written on them."""
    if not (DEV / "index.tsv").is_file():
        print(f"note: no dev corpus at {DEV}; the syndicated set has benchmark pages only")
        return
    index = _read_index()
    for key, label in labels.items():
        dataset, _, name = key.partition("/")
        if dataset != "dev" or name not in index:
            continue
        notes, source = index[name]
        title = match["title"] if (match := _TITLE_NOTE.search(notes)) else None
        url = found[1] if (found := _PAGE_URL.search(source)) else source
        data = (DEV / name).read_bytes()
        is_html = name.endswith((".html", ".htm"))
        page = Page("dev", name, url, "tuning", label=label, gold={"expected_title": title})
        if is_html:
            page.html, page.html_bytes = data.decode("utf-8", errors="replace"), data
        else:
            page.text = data.decode("utf-8", errors="replace")
        yield page


@cache
def dev_copies() -> frozenset[str]:
    """Benchmark pages that are also dev samples: tuning, like every dev sample."""
    if not (DEV / "index.tsv").is_file():
        return frozenset()
    keys = set()
    for _, source in _read_index().values():
        if found := _BENCHMARK_SOURCE.search(source):
            dataset = "fundus" if found["fundus"] else "scrapinghub"
            keys.add(f"{dataset}/{found['fundus'] or found['scrapinghub']}")
    return frozenset(keys)


def _read_index() -> dict[str, tuple[str, str]]:
    with (DEV / "index.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {row["file"]: (row["notes"], row["source_url_or_repo_path"]) for row in rows}
