"""One page through every tool bench/accuracy.py compares, in one worker call.

Each page is read once: newsnorm's HTML path and trafilatura on the HTML, the text dumps the
converters make of it, and newsnorm's text path on each dump (as a `.txt` file of that text
would go: `pipeline.process_input` on its UTF-8 bytes, named `.txt`). Only predictions come
back, never the HTML.
"""

from __future__ import annotations

import html as html_lib
import re
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import Any

from accuracy_sets import BENCHMARKS, Page

from newsnorm.transforms.adapters.base import SourceAdapter
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.pipeline import process_input
from newsnorm.transforms.records import Article

Prediction = dict[str, Any]
Counts = tuple[float, float, float]
# A text dump is read as a scraper's .txt file of it would be.
_DUMP = InputMeta("dump.txt")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
# Removals of these kinds are the HTML path's own drops (outside trafilatura's main content),
# not a named rule about a kind of cruft; a repeat of the body's text is `repeated_text`.
UNNAMED_KINDS = frozenset({"page_chrome"})


def inscriptis_dump(html: str) -> str:
    """What the issue's hidden set used: inscriptis with its defaults."""
    from inscriptis import get_text

    return str(get_text(html))


def html2text_dump(html: str) -> str:
    """html2text as scrapers call it for plain reading: no wrapping, no image links."""
    import html2text

    converter = html2text.HTML2Text()
    converter.body_width = 0
    converter.ignore_images = True
    return str(converter.handle(html))


def soup_dump(html: str) -> str:
    """BeautifulSoup's get_text("\\n") of the page without scripts and styles."""
    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    return str(soup.get_text("\n"))


CONVERTERS: dict[str, Callable[[str], str]] = {
    "inscriptis": inscriptis_dump,
    "html2text": html2text_dump,
    "get_text": soup_dump,
}


@dataclass(frozen=True, slots=True)
class Task:
    page: Page
    html_path: bool = False
    converters: tuple[str, ...] = ()


@dataclass(slots=True)
class Outcome:
    """Predictions for one page; `dumps` and `text_path` are keyed by converter name."""

    key: str
    newsnorm: Prediction | None = None
    trafilatura: Prediction | None = None
    page_title: str = ""
    dumps: dict[str, str] = field(default_factory=dict)
    text_path: dict[str, Prediction] = field(default_factory=dict)
    # The syndicated set's input (the sample itself, or its inscriptis dump) and reading.
    sample_text: str | None = None
    sample: Prediction | None = None
    # score.py's body counts (tp, fp, fn) of each reading against the gold body, made here so
    # the costly part of scoring runs in the workers: "newsnorm", "trafilatura", "change
    # nothing" for the HTML, "<converter>/newsnorm" and "<converter>/change nothing".
    counts: dict[str, Counts] = field(default_factory=dict)


@cache
def _adapters() -> tuple[SourceAdapter, ...]:
    return tuple(load_adapters())


def run(task: Task) -> Outcome:
    """Everything measured on one page (the worker function of bench/accuracy.py)."""
    page = task.page
    outcome = Outcome(page.key)
    if page.html is not None and task.html_path:
        outcome.newsnorm = newsnorm_page(page)
        outcome.trafilatura = trafilatura_page(page)
        found = _TITLE.search(page.html)
        outcome.page_title = html_lib.unescape(found[1]).strip() if found else ""
    # inscriptis' dump is also the HTML set's "change nothing" and the syndicated sample.
    needs_dump = task.html_path or (page.label is not None and page.text is None)
    wanted = set(task.converters) | ({"inscriptis"} if needs_dump else set())
    for name in sorted(wanted):
        assert page.html is not None
        outcome.dumps[name] = CONVERTERS[name](page.html)
    for name in task.converters:
        outcome.text_path[name] = newsnorm_text(outcome.dumps[name])
        outcome.counts[f"{name}/newsnorm"] = body_counts(page, outcome.text_path[name])
        dump = outcome.dumps[name]
        outcome.counts[f"{name}/change nothing"] = body_counts(page, {"body": dump})
    if outcome.newsnorm is not None and outcome.trafilatura is not None:
        outcome.counts["newsnorm"] = body_counts(page, outcome.newsnorm)
        outcome.counts["trafilatura"] = body_counts(page, outcome.trafilatura)
        whole = {"body": outcome.dumps["inscriptis"]}
        outcome.counts["change nothing"] = body_counts(page, whole)
    if page.label is not None:
        outcome.sample_text = page.text if page.text is not None else outcome.dumps["inscriptis"]
        outcome.sample = newsnorm_text(outcome.sample_text)
    return outcome


@cache
def _score() -> ModuleType:
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    import score  # type: ignore[import-not-found]

    return score  # type: ignore[no-any-return]


def body_counts(page: Page, prediction: Prediction) -> Counts:
    """score.py's (tp, fp, fn) for one page, against the gold variant score_pages would pick."""
    score = _score()
    gold = page.gold.get("expected_body") or ""
    body = prediction.get("body") or ""
    alternative = page.gold.get("extra", {}).get("expected_body_required")
    if gold and alternative and alternative != gold:
        gold = score.best_gold(body, (gold, alternative))
    tp, fp, fn = score.body_counts(body, gold)
    return (tp, fp, fn)


def newsnorm_page(page: Page) -> Prediction:
    assert page.html_bytes is not None
    try:
        meta = InputMeta(media_type="text/html", url=page.url)
        article = process_input(page.html_bytes, meta, _adapters()).article
    except DocumentRejected as rejection:
        return {"rejected": rejection.code}
    named = [r.text for r in article.removals if r.kind not in UNNAMED_KINDS]
    removals = [(r.rule, r.text) for r in article.removals]
    return {**_fields(article), "removed_by_named_rules": named, "removals": removals}


def newsnorm_text(text: str) -> Prediction:
    try:
        article = process_input(text.encode("utf-8"), _DUMP, _adapters()).article
    except DocumentRejected as rejection:
        return {"rejected": rejection.code}
    return _fields(article)


def _fields(article: Article) -> Prediction:
    day = article.published_on or (article.published_at.date() if article.published_at else None)
    return {
        "body": article.body,
        "title": article.title,
        # The benchmarks' authors are whoever is credited: people and organisations.
        "authors": [*article.authors, *article.author_organizations],
        "date": day.isoformat() if day else None,
        # Where the date came from and what the reader warned of, for bench/html_date_sources.py.
        "date_source": article.published_at_source,
        "warnings": list(article.warnings),
        "syndicator": article.syndicator,
        "adapter": article.adapter,
    }


def trafilatura_page(page: Page) -> Prediction:
    """trafilatura called as bench/extraction.py calls it."""
    import trafilatura

    document: Any = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True)
    if not document:
        return {}
    authors = [name.strip() for name in (document.author or "").split(";") if name.strip()]
    return {
        "body": document.text,
        "title": document.title,
        "authors": authors,
        "date": document.date,
    }
