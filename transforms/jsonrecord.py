"""One JSON record (a scraper's or news API's export, a CMS's REST post) → an Article."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from newsnorm.transforms.bylines import parse_byline
from newsnorm.transforms.dates import parse_published
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.html.pagedate import stated_date
from newsnorm.transforms.jsonrepair import load_object
from newsnorm.transforms.records import Article
from newsnorm.transforms.text import normalize_text

# Where each field is looked for, in order; `--field title=headline` puts a name first.
# WordPress REST posts keep title and content under `rendered` (`title.rendered`, HTML).
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title.rendered", "title", "headline", "name"),
    "body": ("body", "text", "content", "maintext", "articleBody", "article", "full_text"),
    "html": ("html", "raw_html", "content_html", "rawHtml", "content.rendered"),
    "authors": ("authors", "author", "byline", "creator", "creators"),
    "published": ("published_at", "published", "publishedAt", "date_publish", "datePublished",
                  "pubDate", "date"),
    "url": ("url", "link", "source_url", "canonical_url"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class JsonRecord:
    """The fields newsnorm uses from one record, after the field mapping."""

    title: str | None = None
    body: str | None = None
    html: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    url: str | None = None
    # The JSON ended before it closed (a capture cut off): read for what it holds.
    truncated: bool = False


def field_mapping(overrides: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """The defaults with each `target=source` override looked up first."""
    if unknown := overrides.keys() - DEFAULT_FIELDS.keys():
        raise ValueError(f"unknown target fields {sorted(unknown)}; use {sorted(DEFAULT_FIELDS)}")
    return {
        target: (overrides[target], *sources) if target in overrides else sources
        for target, sources in DEFAULT_FIELDS.items()
    }


def parse_record(data: bytes, mapping: Mapping[str, Sequence[str]]) -> JsonRecord:
    """Parse one record (a JSON line, a file holding one object, an object cut off at its end);
    anything else is rejected on its own."""
    loaded = load_object(data)
    if loaded is None:
        raise DocumentRejected("invalid_json", _why_not_an_object(data))
    value, truncated = loaded
    found = {target: _first(value, sources) for target, sources in mapping.items()}
    title = _text(found["title"])
    return JsonRecord(
        # Titles from CMS exports carry HTML entities ("&#8217;"): read them as the text.
        title=html.unescape(title) if title else None,
        body=_text(found["body"]),
        html=_text(found["html"]),
        authors=_names(found["authors"]),
        published=_text(found["published"]),
        url=_text(found["url"]),
        truncated=truncated,
    )


def _why_not_an_object(data: bytes) -> str:
    try:
        value = json.loads(data)
    except (ValueError, RecursionError) as err:
        return f"not valid JSON: {err}"
    return f"a JSON {type(value).__name__}, not an object"


def record_text(record: JsonRecord) -> str | None:
    """The text a record without HTML is cleaned as: its title line above its body."""
    if not record.body:
        return None
    return f"{record.title}\n\n{record.body}\n" if record.title else record.body


def with_record_fields(article: Article, record: JsonRecord) -> Article:
    """The record's own fields win over what cleaning guessed; its HTML's title stays."""
    published_at = parse_published(record.published) if record.published else None
    return replace(
        article,
        title=normalize_text(record.title) if record.title and not record.html else article.title,
        authors=record.authors or article.authors,
        published_at=published_at or article.published_at,
        published_on=stated_date(record.published) if record.published else article.published_on,
        published_at_source="json" if record.published else article.published_at_source,
        url=record.url or article.url,
        warnings=_warnings(article.warnings, record),
    )


# Warnings a record's own fields settle: the page read from its HTML lacked what it states.
_SETTLED_BY = {
    "published": frozenset({"no_date", "date_guessed", "date_modified"}),
    "authors": frozenset({"no_author"}),
    "title": frozenset({"title_guessed"}),
}


def _warnings(warnings: tuple[str, ...], record: JsonRecord) -> tuple[str, ...]:
    settled = frozenset().union(
        *(codes for name, codes in _SETTLED_BY.items() if getattr(record, name))
    )
    kept = tuple(code for code in warnings if code not in settled)
    return (*kept, "input_truncated") if record.truncated else kept


def _first(value: Mapping[str, object], sources: Sequence[str]) -> object:
    for source in sources:
        current: object = value
        for part in source.split("."):
            current = current.get(part) if isinstance(current, dict) else None
        if current not in (None, "", []):
            return current
    return None


def _text(value: object) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _names(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            # "By Jane Doe and John Roe", "AP": the same rules as a byline in the text.
            names.extend(author.name for author in parse_byline(normalize_text(name)))
    return tuple(dict.fromkeys(names))
