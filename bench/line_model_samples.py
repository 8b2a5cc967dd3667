"""The line model's training material: tuning pages as cleaned, aligned and labelled dumps.

Each wcxb page of the tuning part (bench/accuracy_metrics `part_of`; the check part is never
read) becomes the three text dumps bench/accuracy.py measures, each cleaned by the adapters
as the text path does and aligned to units (`transforms.dump.units`). A unit is story when
most of its word 4-grams are in the page's gold body (a unit of one to three words: when its
words occur in the gold body in that order). Making them takes minutes, so `load_samples`
keeps them in a pickle (bench/out/, git-ignored) keyed by the code that made them.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accuracy_pages import CONVERTERS
from accuracy_sets import BENCHMARKS, Page, benchmark_pages

from newsnorm.transforms.adapters.registry import load_adapters, select_adapter
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.records import Article, Document

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / "out" / "line_model_samples.pickle"
# What the cache depends on: a change to the adapters or the alignment makes it stale.
_SOURCES = ("transforms/adapters", "transforms/dump/units.py", "transforms/rules.py",
            "transforms/text.py", "bench/line_model_samples.py")  # fmt: skip


@dataclass
class Sample:
    """One dump of one page: the dump, the adapters' article, its units, each unit's share of
    4-grams in the gold body, and the gold title and bodies (the second: without the gold's
    optional paragraphs, when it has them)."""

    page: str
    converter: str
    text: str
    article: Article
    units: list[Any]
    shares: list[float]
    title: str
    golds: tuple[str, ...]


def load_samples(jobs: int, cache: Path | None = CACHE) -> list[Sample]:
    """Every tuning page's dumps as samples, from the cache when it is current."""
    stamp = _stamp()
    if cache is not None and cache.is_file():
        with cache.open("rb") as handle:
            saved = pickle.load(handle)
        if saved.get("stamp") == stamp:
            return list(saved["samples"])
    pages = [page for page in benchmark_pages("wcxb") if page.part == "tuning"]
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        samples = [s for found in pool.imap(samples_of, pages, chunksize=4) for s in found]
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("wb") as handle:
            pickle.dump({"stamp": stamp, "samples": samples}, handle)
    return samples


def samples_of(page: Page) -> list[Sample]:
    """The page's dumps as cleaned and aligned units with their labels."""
    from newsnorm.transforms.dump.units import align_units

    body = page.gold.get("expected_body") or ""
    alternative = page.gold.get("extra", {}).get("expected_body_required")
    golds = (body, alternative) if alternative and alternative != body else (body,)
    gold = Gold(body)
    found: list[Sample] = []
    for name, convert in CONVERTERS.items():
        assert page.html is not None
        text = convert(page.html)
        document = Document.from_text(text)
        try:
            article = select_adapter(document, _adapters()).adapter.clean(document)
        except DocumentRejected:
            continue
        units = align_units(text, article) or []
        shares = [gold.share(unit.text) for unit in units]
        title = page.gold.get("expected_title") or ""
        found.append(Sample(page.key, name, text, article, units, shares, title, golds))
    return found


_ADAPTERS: tuple[Any, ...] = ()


def _adapters() -> tuple[Any, ...]:
    global _ADAPTERS
    if not _ADAPTERS:
        _ADAPTERS = tuple(load_adapters())
    return _ADAPTERS


def _stamp() -> str:
    digest = hashlib.sha256()
    for name in _SOURCES:
        path = ROOT / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.read_bytes())
    return digest.hexdigest()


def score_module() -> Any:
    """../shared/benchmarks/score.py, the benchmarks' own metric."""
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    import score  # type: ignore[import-not-found]

    return score


class Gold:
    """A page's gold body as score.py tokenizes it, to label units."""

    def __init__(self, body: str) -> None:
        score = score_module()
        self.tokenize = score.tokenize
        tokens = self.tokenize(body)
        self.grams = set(_grams(tokens))
        self.joined = " " + " ".join(tokens) + " "

    def share(self, text: str) -> float:
        tokens = self.tokenize(text)
        if not tokens:
            return 0.0
        if len(tokens) < 4:
            return 1.0 if " " + " ".join(tokens) + " " in self.joined else 0.0
        grams = _grams(tokens)
        return sum(gram in self.grams for gram in grams) / len(grams)


def _grams(tokens: list[str]) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)]
