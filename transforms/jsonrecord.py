"""One JSON record (a scraper's or news API's export, a CMS's REST post) → an Article."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

from newsnorm.transforms.bylines import parse_byline
from newsnorm.transforms.dates import in_zone, parse_published
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.html.pagedate import stated_date
from newsnorm.transforms.jsonfields import DEFAULT_FIELDS, UTC_TWINS, field_mapping, lookup
from newsnorm.transforms.jsonrepair import (
    composed_strings,
    json_text,
    load_object,
    without_lone_surrogates,
)
from newsnorm.transforms.jsonshapes import (
    epoch_instant,
    one_text,
    paragraph_list,
    unreadable_text,
)
from newsnorm.transforms.records import Article
from newsnorm.transforms.text import normalize_text

__all__ = ["DEFAULT_FIELDS", "JsonRecord", "field_mapping", "parse_record", "record_text"]

# A block's tags part words ("<p>One</p><p>Two</p>"); inline tags sit inside a word's run.
_BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|ul|ol|h[1-6]|blockquote)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


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
    # It escaped lone UTF-16 surrogates (no text can hold them): each became U+FFFD.
    invalid_characters: bool = False
    site: str | None = None
    language: str | None = None
    description: str | None = None
    # The same moment as `published` stated in UTC without a zone (WordPress's `date_gmt`).
    published_utc: str | None = None
    # A title field holds a shape none of the readers know (jsonshapes.py): not guessed at.
    title_unreadable: bool = False


def parse_record(data: bytes | str, mapping: Mapping[str, Sequence[str]]) -> JsonRecord:
    """Parse one record (a JSON line, a file holding one object, an object cut off at its end);
    anything else is rejected on its own."""
    text = json_text(data)
    loaded = load_object(text)
    if loaded is None:
        raise DocumentRejected("invalid_json", _why_not_an_object(text))
    value, truncated = loaded
    try:
        value, repaired = without_lone_surrogates(value, text)
    except RecursionError:
        raise DocumentRejected(
            "invalid_json", "the record nests too deep to repair its lone surrogates"
        ) from None
    found = {target: _first(value, mapping[target], read) for target, read in _READERS.items()}
    if found["body"][0] and isinstance(lookup(value, found["body"][0]), list):
        # A body written as text under any of its names goes before one written as a list
        # (which records read before lists were: `{"body": [...], "text": "…"}` kept `text`).
        written = _first(value, mapping["body"], _written_body)
        found["body"] = written if written[0] else found["body"]
    # The values read are composed, not the whole record: it may nest deeper than a walk goes.
    found = {
        target: (source, composed_strings(got, text)) for target, (source, got) in found.items()
    }
    title = _text(found["title"][1])
    published_from, published = found["published"]
    return JsonRecord(
        # Titles from CMS exports carry HTML entities ("&#8217;"): read them as the text.
        title=html.unescape(title) if title else None,
        body=_str(found["body"][1]),
        html=_str(found["html"][1]),
        authors=_authors(found["authors"][1]),
        published=_str(published),
        url=_str(found["url"][1]),
        truncated=truncated,
        invalid_characters=repaired,
        site=_str(found["site"][1]),
        language=_str(found["language"][1]),
        description=_str(found["description"][1]),
        published_utc=_text(lookup(value, UTC_TWINS[published_from]))
        if published_from in UTC_TWINS
        else None,
        title_unreadable=title is None
        and any(unreadable_text(lookup(value, source)) for source in mapping["title"]),
    )


def _why_not_an_object(data: str) -> str:
    try:
        value = json.loads(data)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data" and _next_line_object(data, err.pos):
            return f"not valid JSON: {err}; one object a line is JSON lines: name the file .jsonl"
        return f"not valid JSON: {err}"
    except (ValueError, RecursionError) as err:
        return f"not valid JSON: {err}"
    return f"a JSON {_JSON_NAMES.get(type(value), 'value')}, not an object"


def _next_line_object(data: str, extra: int) -> bool:
    """Whether the extra data after a whole object at `extra` is another object on a later
    line: JSON lines, which only a `.jsonl` file is split into when its first line is too
    long to be told by (`inputs.opens_as_json_lines`)."""
    return data[extra : extra + 1] == "{" and "\n" in data[data.rfind("}", 0, extra) : extra]


# What JSON calls the values `json.loads` makes, for a message (not Python's `NoneType`).
_JSON_NAMES = {
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
    type(None): "null",
}


def record_text(record: JsonRecord) -> str | None:
    """The text a record without HTML is cleaned as: its title line above its body. A body
    that opens with the title (trafilatura's `text` does) does not say it twice."""
    if not record.body:
        return None
    if not record.title:
        return record.body
    first, _, rest = record.body.lstrip().partition("\n")
    body = rest.lstrip("\n") if normalize_text(first) == normalize_text(record.title) else None
    return f"{record.title}\n\n{body or record.body}\n"


def with_record_fields(
    article: Article, record: JsonRecord, timezone: str | None = None
) -> Article:
    """The record's own fields win over what cleaning guessed; its HTML's title stays.

    `timezone` (an IANA name, `--timezone`) is the zone of a date-time the record states
    without one; a date that states its zone is never read in another.
    """
    published_at, source = record_instant(record, timezone)
    url = record.url or article.url
    return replace(
        article,
        title=normalize_text(record.title) if record.title and not record.html else article.title,
        authors=record.authors or article.authors,
        published_at=published_at or article.published_at,
        published_on=stated_date(record.published) if record.published else article.published_on,
        published_at_source=source if record.published else article.published_at_source,
        url=url,
        site=record.site or article.site or (_host(url) if url else None),
        language=record.language or article.language,
        description=record.description or article.description,
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
    flagged = (
        ("input_truncated", record.truncated),
        ("invalid_characters", record.invalid_characters),
        ("title_unreadable", record.title_unreadable),
    )
    return (*kept, *(code for code, flag in flagged if flag))


def record_instant(record: JsonRecord, timezone: str | None) -> tuple[datetime | None, str]:
    """The instant a record states and where it came from: a date with its zone (`json`),
    its UTC twin (`json:date_gmt`), or a zoneless date read in `timezone`
    (`json+timezone:<zone>`)."""
    stated = parse_published(record.published)
    if stated is not None:
        return stated, "json"
    twin = _utc_twin(record.published_utc)
    if twin is not None:
        return twin, "json:date_gmt"
    zoned = in_zone(record.published, timezone) if timezone else None
    if zoned is not None:
        return zoned, f"json+timezone:{timezone}"
    return None, "json"


def _utc_twin(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _first(
    value: Mapping[str, object], sources: Sequence[str], read: Callable[[object], object]
) -> tuple[str, object]:
    """The first source holding a usable value, with that value read; ('', None) if none."""
    for source in sources:
        found = lookup(value, source)
        if found in (None, "", []):
            continue
        usable = read(found)
        if usable not in (None, ()):
            return source, usable
    return "", None


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _authors(value: object) -> tuple[str, ...]:
    return (
        tuple(item for item in value if isinstance(item, str)) if isinstance(value, tuple) else ()
    )


def _text(value: object) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _single(value: object) -> str | None:
    """A string or a number, or a list holding one text (Scrapy's ItemLoader writes lists)."""
    return one_text(value) if isinstance(value, list) else _text(value)


def _title(value: object) -> str | None:
    """A title: a text, or an object wrapping one (WordPress's `rendered`)."""
    return one_text(value) if isinstance(value, dict) else _single(value)


def _published(value: object) -> str | None:
    """A date as written, or a Unix time as an instant in UTC; a number out of the
    plausible range (jsonshapes.py) is no date."""
    if isinstance(value, list):  # Scrapy's one-item list
        value = value[0] if len(value) == 1 else one_text(value)
    instant = epoch_instant(value)
    if instant is not None or isinstance(value, int | float):
        return instant
    return _single(value)


def _written_body(value: object) -> str | None:
    """A body written as text or fundus' structure, not as a list."""
    return None if isinstance(value, list) else _body(value)


def _body(value: object) -> str | None:
    """A body as text: a string, a list of paragraphs, or fundus' structure (a summary and
    sections, each with headline and paragraph lists), one paragraph per line pair."""
    if isinstance(value, list):
        return paragraph_list(value)
    if not isinstance(value, dict):
        return _text(value)
    parts: list[object] = list(_strings(value.get("summary")))
    sections = value.get("sections")
    for section in sections if isinstance(sections, list) else []:
        if isinstance(section, dict):
            parts.extend(_strings(section.get("headline")))
            parts.extend(_strings(section.get("paragraphs")))
    return "\n\n".join(str(part) for part in parts) or None


def _strings(value: object) -> list[str]:
    items = value if isinstance(value, list) else []
    return [item.strip() for item in items if isinstance(item, str) and item.strip()]


def _plain(value: object) -> str | None:
    """A short text that may be HTML (WordPress's `excerpt.rendered`), as plain text."""
    text = _single(value)
    if text is None:
        return None
    return normalize_text(html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", text)))) or None


def _url(value: object) -> str | None:
    """An absolute http(s) URL, else None: `source` is a URL in one tool, a name in others."""
    text = _single(value)
    if text is None or urlsplit(text).scheme not in ("http", "https"):
        return None
    return text


def _site(value: object) -> str | None:
    text = _single(value)
    return normalize_text(text) if text else None


def _names(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            # "By Jane Doe and John Roe", "AP", "A; B": the same rules as a byline in the text.
            names.extend(author.name for author in parse_byline(normalize_text(name)))
    return tuple(dict.fromkeys(names))


def _host(url: str) -> str | None:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


_READERS: dict[str, Callable[[object], object]] = {
    "title": _title,
    "body": _body,
    "html": _single,
    "authors": _names,
    "published": _published,
    "url": _url,
    "site": _site,
    "language": _single,
    "description": _plain,
}
