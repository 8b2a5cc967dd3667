"""The line model's training pages and their dumps, labelled unit by unit (for
bench/train_line_model.py and bench/line_model_cv.py).

A page is taken from the tuning part only (bench/accuracy_metrics `part_of`); each converter's
dump of it is cleaned by the adapters as the text path cleans it and aligned to units
(`transforms.dump.units`). A unit's label is the share of its word 4-grams in the page's gold
body (a unit of one to three words: whether its words occur in the gold body in that order).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy_metrics import part_of
from accuracy_pages import CONVERTERS
from accuracy_sets import BENCHMARKS, Page, benchmark_pages

from newsnorm.transforms.adapters.registry import load_adapters, select_adapter
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.records import Article, Document

# Pages of other benchmarks the stages learn from too (their tuning parts), and the
# languages taken from them; docs/history/text-dumps.md has the cross-validated figures.
EXTRA: tuple[str, ...] = ()
LANGUAGES: frozenset[str] | None = None


@dataclass
class Sample:
    """One dump of one page: its units' texts, first-stage rows without the lexicon's
    features yet, labels and the gold title."""

    page: str
    units: list[Any]
    shares: list[float]
    title: str
    dump: str = ""

    @property
    def dataset(self) -> str:
        return self.page.partition("/")[0]


def training_pages(
    extra: tuple[str, ...] = EXTRA, languages: frozenset[str] | None = LANGUAGES
) -> list[Page]:
    """The pages the stages learn from: the wcxb tuning part, then the tuning part of each
    `extra` benchmark (its first hex digit of sha256("<dataset>/<id>") 0-7, by
    accuracy_metrics.part_of alone) in the given `languages` (all when None), in load
    order so that a run is reproducible."""
    pages = [page for page in benchmark_pages("wcxb") if page.part == "tuning"]
    for dataset in extra:
        wanted = in_languages(dataset, languages)
        pages += [
            page
            for page in benchmark_pages(dataset)
            if part_of(dataset, page.id) == "tuning"
            and page.gold.get("expected_body")
            and (wanted is None or page.id in wanted)
        ]
    return pages


def in_languages(dataset: str, languages: frozenset[str] | None) -> set[str] | None:
    """The ids of the benchmark's pages in one of `languages` (its loader's field)."""
    if languages is None:
        return None
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    from load import load  # type: ignore[import-not-found]

    return {record["id"] for record in load(dataset) if record["language"] in languages}


def samples_of(page: Page) -> list[Sample]:
    """The page's dumps as cleaned and aligned units with their labels."""
    gold = Gold(page.gold.get("expected_body") or "")
    title = page.gold.get("expected_title") or ""
    return [
        Sample(page.key, units, [gold.share(unit.text) for unit in units], title, name)
        for name, _, _, units in dumps_of(page)
    ]


def dumps_of(page: Page) -> Iterator[tuple[str, str, Article, list[Any]]]:
    """Each converter's dump of the page, cleaned by the adapters and aligned to units:
    (converter, text, article, units); dumps that are rejected or do not align are left out."""
    from newsnorm.transforms.dump.units import align_units

    adapters = _adapters()
    for name, convert in CONVERTERS.items():
        assert page.html is not None
        text = convert(page.html)
        document = Document.from_text(text)
        try:
            article = select_adapter(document, adapters).adapter.clean(document)
        except DocumentRejected:
            continue
        units = align_units(text, article)
        if units:
            yield name, text, article, units


_ADAPTERS: tuple[Any, ...] = ()


def _adapters() -> tuple[Any, ...]:
    global _ADAPTERS
    if not _ADAPTERS:
        _ADAPTERS = tuple(load_adapters())
    return _ADAPTERS


def score_module() -> Any:
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
