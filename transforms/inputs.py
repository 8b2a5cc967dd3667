"""What one input is and how it is read: the one place that decides an input's path.

An input is bytes plus what is known about them (`InputMeta`): a name, a media type, a URL and
how JSON fields map. `input_kind` decides from those (a declared media type first, then the
name, then the content) whether the bytes are a text dump, an HTML page or a JSON record;
`prepare_input` reads them into the text the cleaner will see. Containers (gzip, WARC, JSON
lines) are split into inputs before they reach this module, by the run engine.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from newsnorm.transforms.dates import check_zone
from newsnorm.transforms.decode import bom_encoding, decode_bytes, decode_html_bytes, refuse_empty
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.html.reader import HtmlPage, read_page
from newsnorm.transforms.jsonfields import field_mapping
from newsnorm.transforms.jsonrecord import JsonRecord, parse_record, record_text
from newsnorm.transforms.jsonrepair import load_object

InputKind = Literal["text", "html", "json"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
JSON_SUFFIXES = (".json",)
_HTML_SNIFF = (b"<!doctype html", b"<html")
# Markup that a file starting with "<" holds within its first bytes when it is HTML (a page
# saved without its doctype, a CMS fragment), and not text that merely opens with a bracket.
_HTML_TAGS = re.compile(rb"<(?:p|div|body|head|meta|article|section|span|br|h[1-6])[\s/>]", re.I)
# How much of a file its content is told by (here and by the run engine's expansion).
SNIFF_BYTES = 1024


@dataclass(frozen=True, slots=True)
class InputMeta:
    """What is known about one input besides its bytes.

    `name` is a file name or URI (only its suffix is read; a gzip member's name is given
    without `.gz`); `media_type` is declared by the container (a WARC record's Content-Type,
    `application/json` for a JSON line); `url` is the page's own address where known; `fields`
    says where a JSON record's fields are (`jsonfields.field_mapping`). `fields` and
    `timezone` are the reading settings (`Reading`).
    """

    name: str = ""
    media_type: str | None = None
    url: str | None = None
    fields: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: field_mapping({}))
    # The IANA zone of dates the input states without one (`--timezone`); None: such a
    # date gives a calendar day (`published_on`) but no instant.
    timezone: str | None = None


@dataclass(frozen=True, slots=True)
class PreparedInput:
    """An input read for the cleaner. `text` is what removal offsets index: the decoded text,
    an HTML page's dump, or a JSON record's title and body; `page` and `record` keep what the
    page or record says about itself, for the fields the cleaner cannot see."""

    kind: InputKind
    text: str
    encoding: str
    page: HtmlPage | None = None
    record: JsonRecord | None = None
    url: str | None = None
    timezone: str | None = None


@dataclass(frozen=True, slots=True)
class Reading:
    """How a run reads inputs beyond their bytes: the `--field` overrides and `--timezone`.

    They are part of an input's identity: the same bytes read with other settings can be
    another article, so each input is recorded with the `key` it was read with and is known
    only under that key. `applying_to` keeps what an input's kind uses (a text dump reads
    neither, a page only the zone), so a new `--field` reads JSON records again, not pages.
    """

    fields: tuple[tuple[str, str], ...] = ()
    timezone: str | None = None

    @classmethod
    def of(cls, fields: Mapping[str, str] | None = None, timezone: str | None = None) -> Reading:
        """Checked settings: an unknown target field or time zone raises ValueError."""
        overrides = dict(fields or {})
        field_mapping(overrides)
        return cls(tuple(sorted(overrides.items())), check_zone(timezone) if timezone else None)

    @classmethod
    def from_key(cls, key: str | None) -> Reading:
        """The settings a recorded `key` names (None: the defaults)."""
        data = json.loads(key) if key else {}
        return cls.of(data.get("fields"), data.get("timezone"))

    def mapping(self) -> dict[str, tuple[str, ...]]:
        return field_mapping(dict(self.fields))

    def applying_to(self, kind: InputKind) -> Reading:
        if kind == "json":
            return self
        return Reading(timezone=self.timezone) if kind == "html" else Reading()

    @property
    def key(self) -> str | None:
        """The settings as canonical JSON; None for the defaults, which is also what inputs
        recorded before reading settings were recorded hold."""
        data: dict[str, object] = {}
        if self.fields:
            data["fields"] = dict(self.fields)
        if self.timezone:
            data["timezone"] = self.timezone
        return json.dumps(data, sort_keys=True, separators=(",", ":")) if data else None


def input_kind(data: bytes, meta: InputMeta) -> InputKind:
    """Which path an input takes: its declared media type, else its name, else its content
    (a file of any name holding a JSON object or an HTML page is read as what it holds; JSON
    lines are split by the run engine before they reach here)."""
    media_type = (meta.media_type or "").split(";")[0].strip().lower()
    if media_type in ("application/json", "application/x-ndjson"):
        return "json"
    if "html" in media_type:  # text/html, application/xhtml+xml
        return "html"
    name = meta.name.lower()
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(JSON_SUFFIXES):
        return "json"
    head = _head(data).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.lower().startswith(_HTML_SNIFF) or (head[:1] == b"<" and _HTML_TAGS.search(head)):
        return "html"
    if head[:1] == b"{" and (load_object(data) is not None or opens_as_json_lines(data)):
        return "json"  # JSON lines reaching here whole are refused with a hint (jsonrecord)
    return "text"


def opens_as_json_lines(head: bytes) -> bool:
    """Whether a file's bytes (or its first) open JSON lines whatever its name: its first non-blank
    line is a whole JSON object and the next non-blank line opens another (`{`). A single
    object, printed on one line or over many, and an array are no JSON lines."""
    encoding = bom_encoding(head)
    if encoding not in (None, "utf-8", "utf-8-sig"):
        head = head.decode(encoding, errors="ignore").encode()
    first, newline, rest = head.removeprefix(b"\xef\xbb\xbf").lstrip().partition(b"\n")
    if not newline or not first.startswith(b"{") or not rest.lstrip().startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


def _head(data: bytes) -> bytes:
    """The input's first bytes as UTF-8 for sniffing: a page or record saved as UTF-16 or
    UTF-32 (with its BOM, or a record without one, told by its NULs as `json.loads` tells
    it) is sniffed as what it holds, as it is then decoded."""
    encoding = bom_encoding(data)
    if encoding is None and b"\x00" in data[:4]:
        encoding = json.detect_encoding(data[:4])
    if encoding in (None, "utf-8", "utf-8-sig"):
        return data[:SNIFF_BYTES]
    return data[: SNIFF_BYTES * 4].decode(encoding, errors="ignore").encode()[:SNIFF_BYTES]


def prepare_input(data: bytes, meta: InputMeta) -> PreparedInput:
    """Read one input into the text the cleaner sees, or raise DocumentRejected."""
    kind = input_kind(data, meta)
    if kind == "html":
        decoded = decode_html_bytes(data)
        page = read_page(decoded.text, meta.url)
        return PreparedInput(
            "html", page.text, decoded.encoding, page=page, url=meta.url, timezone=meta.timezone
        )
    if kind == "json":
        refuse_empty(data)  # not `invalid_json`: an empty file is empty whatever its name
        # JSON is UTF-8, or UTF-16/32 as RFC 8259's predecessor allowed (json.loads reads all).
        encoding = json.detect_encoding(data)
        return _prepare_record(parse_record(data, meta.fields), meta, encoding)
    decoded = decode_bytes(data)
    return PreparedInput("text", decoded.text, decoded.encoding, url=meta.url)


def _prepare_record(record: JsonRecord, meta: InputMeta, encoding: str) -> PreparedInput:
    """A JSON record's HTML is read as a page; otherwise its title and body are the text."""
    url = record.url or meta.url
    if record.html:
        page = read_page(_as_page(record.html, record.title), url)
        return PreparedInput(
            "json", page.text, encoding, page=page, record=record, url=url, timezone=meta.timezone
        )
    text = record_text(record)
    if text is None:
        raise DocumentRejected("no_article", "the record has no body, text or html field")
    return PreparedInput("json", text, encoding, record=record, url=url, timezone=meta.timezone)


def _as_page(markup: str, title: str | None) -> str:
    """A record's HTML as a page: a fragment (a CMS post's content) gets the record's own title
    as its headline, so its first paragraph is never taken for one."""
    if title is None or "<html" in markup[:SNIFF_BYTES].lower():
        return markup
    return f"<html><head><title>{html.escape(title)}</title></head><body>{markup}</body></html>"
