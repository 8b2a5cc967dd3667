"""The record model: what cleaning one document produces, before it meets a schema."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Literal

from newsnorm.transforms.literalscan import Tested
from newsnorm.transforms.picklestate import field_names, quick_state
from newsnorm.transforms.rules import caseless_text
from newsnorm.transforms.text import NormalizedLines, count_words_in, fold_for_matching

Action = Literal["removed", "moved"]


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded input and its folded shadow (same length: offsets are shared)."""

    text: str
    folded: str
    # For an HTML dump: the keys (text.line_key) of lines in the page's main content.
    # Other kept lines are chrome and do not end the head zone; None for plain text.
    body_keys: frozenset[str] | None = None
    # `folded` lower-cased for detection signals' substring pre-tests (rules.caseless_text).
    caseless: str = ""
    # What literal pre-tests found in this document (one scan, literalscan.Tested): every
    # adapter's signals and every rule set test overlapping texts.
    tested: Tested = field(init=False, default_factory=Tested, repr=False, compare=False)
    # The lines the rule engine normalized, for the story stage to read rather than redo.
    lines: NormalizedLines = field(
        init=False, default_factory=NormalizedLines, repr=False, compare=False
    )

    @classmethod
    def from_text(cls, text: str, body_keys: frozenset[str] | None = None) -> Document:
        folded = fold_for_matching(text)
        return cls(text, folded, body_keys, caseless_text(folded))


@quick_state
@dataclass(frozen=True, slots=True)
class Removal:
    """One piece cut out of the input: `text == decoded_input[start:end]`, always."""

    rule: str
    kind: str
    action: Action
    start: int
    end: int
    text: str


@quick_state
@dataclass(frozen=True, slots=True)
class Related:
    """An inline promo for another article, moved out of the body."""

    title: str
    url: str | None = None


@quick_state
@dataclass(frozen=True, slots=True)
class Credit:
    """A photo credit or caption moved out of the body."""

    kind: Literal["photo_credit", "caption"]
    text: str


@quick_state
@dataclass(frozen=True, slots=True)
class Dateline:
    """A wire dateline: 'DOVER, Del. (AP) —' is place 'DOVER, Del.', agency 'AP'."""

    place: str | None
    agency: str | None


@quick_state
@dataclass(frozen=True, slots=True)
class Embed:
    """Something the page embedded in the story (a social post, a video), moved out of the
    body: `kind` says what (`social_post`, …), `text` what it showed, `url` where it lives."""

    kind: str
    text: str
    url: str | None = None


@quick_state
@dataclass(frozen=True, slots=True)
class Evidence:
    """One signal that identified the syndicator, with its weight."""

    signal: str
    weight: float


@quick_state
@dataclass(frozen=True, slots=True)
class Author:
    """A person from a byline, with the institution or outlet named beside them."""

    name: str
    affiliation: str | None = None


@quick_state
@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: metadata split from a body of normalized paragraphs.

    This is the one declaration of an article's fields: each field but `removals` (which
    go to the `boilerplate` table) is an `articles` column of the same name, and
    `article_columns` turns an article into those columns' values. `schemas.tables.ARTICLES`
    adds the columns that say where and when it was stored, and a test holds the two, the
    view SQL and the golden files' format to this class.
    """

    title: str
    paragraphs: tuple[str, ...]
    adapter: str
    adapter_version: int
    authors: tuple[str, ...] = ()
    byline: str | None = None
    published_at: datetime | None = None
    syndicator: str | None = None
    license: str | None = None
    related: tuple[Related, ...] = ()
    removals: tuple[Removal, ...] = field(default=())
    author_affiliations: tuple[Author, ...] = ()
    original_publisher: str | None = None
    original_url: str | None = None
    co_publishers: tuple[str, ...] = ()
    dateline: Dateline | None = None
    credits: tuple[Credit, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    url: str | None = None
    site: str | None = None
    language: str | None = None
    # Where published_at came from ('json-ld', 'meta:article:published_time', 'text', …)
    # and the calendar date as the source states it, in its own time zone.
    published_at_source: str | None = None
    published_on: date | None = None
    # Organisations credited as authors (an agency, a desk, a house byline); `authors`
    # holds people only.
    author_organizations: tuple[str, ...] = ()
    # Stable codes for what a user may want to check or filter on (`no_date`,
    # `title_guessed`, `main_text_dropped`, …; docs/warnings.md lists them).
    warnings: tuple[str, ...] = ()
    embeds: tuple[Embed, ...] = ()
    # What the source says the article is about, as it says it: a standfirst, a summary, a
    # teaser (a JSON record's `description` or `excerpt`); never taken from the body.
    description: str | None = None
    body: str = field(init=False)
    word_count: int = field(init=False)
    # Stable identity: the same normalized title and body give the same id anywhere.
    article_id: str = field(init=False)

    def __post_init__(self) -> None:
        try:
            body, word_count, article_id = _derived(self.title, self.paragraphs)
        except TypeError:  # unhashable paragraphs (a list): nothing to remember them by
            body, word_count, article_id = _derived.__wrapped__(self.title, self.paragraphs)
        object.__setattr__(self, "body", body)
        object.__setattr__(self, "word_count", word_count)
        object.__setattr__(self, "article_id", article_id)


@lru_cache(maxsize=16)
def _derived(title: str, paragraphs: tuple[str, ...]) -> tuple[str, int, str]:
    """Body, word count and id of an article. Remembered for the last few articles, because
    `dataclasses.replace` (the pipeline adds evidence, the HTML path page metadata) runs
    `__post_init__` again on the same title and paragraphs."""
    body = "\n\n".join(paragraphs)
    digest = hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()
    return body, count_words_in(paragraphs, body), digest[:32]


# Article fields that are not `articles` columns: removals are rows of their own table.
NOT_COLUMNS = frozenset({"removals"})


# Values `plain` gives back as they are: answered first (the run's process turns every
# article into plain data), and by `article_columns` without calling it.
_AS_THEY_ARE = frozenset({str, int, float, bool, type(None), datetime, date})


def plain(value: object) -> object:
    """A record value as plain data, as table rows and golden files hold it: a record is a
    dict of its fields, a tuple a list; other values stay as they are."""
    if type(value) in _AS_THEY_ARE:
        return value
    if isinstance(value, tuple):
        return [item if type(item) is str else plain(item) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {name: plain(getattr(value, name)) for name in field_names(type(value))}
    return value


# The `articles` columns an Article fills, in field order.
_COLUMNS = tuple(item.name for item in fields(Article) if item.name not in NOT_COLUMNS)


def article_columns(article: Article) -> dict[str, object]:
    """The article's `articles` column values, by field name (all but `removals`)."""
    columns: dict[str, object] = {}
    for name in _COLUMNS:
        value = getattr(article, name)
        columns[name] = value if type(value) in _AS_THEY_ARE else plain(value)
    return columns


def removal_columns(removal: Removal) -> dict[str, object]:
    """A removal as plain data: the `boilerplate` columns it fills, and what audits show."""
    return {name: getattr(removal, name) for name in field_names(Removal)}
