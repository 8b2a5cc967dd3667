"""What `newsnorm stories` and `newsnorm story ID` show: the most-copied stories, and one
story's copies next to its original with what each copy changed.

Read-only, from the views (warehouse.story_reads), so the answers are the ones an analyst
gets from SQL; only the paragraph comparison is done here (transforms.paragraph_diff),
because "which paragraphs did this copy drop" is awkward SQL. The CLI renders them
(flows/cli/story_output.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from newsnorm.transforms.paragraph_diff import ParagraphDiff, diff_paragraphs, normalize_paragraph
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.story_reads import (
    article_version,
    cruft_rows,
    linked_totals,
    placement_rows,
    story_copy_rows,
    story_ids_with_prefix,
    top_story_rows,
)

# A story id is an article id: 32 hex digits. Fewer than 6 would match too much to be useful.
MIN_PREFIX = 6
# Candidates a prefix lookup fetches: five to show, one more to say there are others.
_PREFIX_MATCHES = 6
_HEX = re.compile(r"[0-9a-f]+")


class StoryReportError(RuntimeError):
    """A story id that names no story or several, or a warehouse without story views."""


@dataclass(frozen=True, slots=True)
class StoryList:
    """The stories with at least `min_copies` copies, and how many articles (in how many
    stories) are linked at all: an empty list should say whether linking ran."""

    rows: list[tuple[Any, ...]]
    min_copies: int
    linked_articles: int
    linked_stories: int

    def empty_message(self) -> str:
        return (
            f"no story has {self.min_copies} or more copies "
            f"({self.linked_articles} articles are linked to stories, "
            f"in {self.linked_stories} stories)"
        )


@dataclass(frozen=True, slots=True)
class Cruft:
    rule: str
    kind: str
    action: str
    text: str


@dataclass(frozen=True, slots=True)
class Placement:
    """Another place a copy ran verbatim: an input that held the identical article at
    another site or URL (the `placements` view)."""

    site: str | None
    url: str | None
    input_uri: str
    published_at: datetime | None

    @property
    def where(self) -> str:
        return self.url or self.input_uri


@dataclass(frozen=True, slots=True)
class CopyReport:
    """One copy of a story as the original sees it. `headline` is set only when it differs
    from the original's (beyond typography)."""

    article_id: str
    is_original: bool
    site: str | None
    url: str | None
    source_uri: str
    syndicator: str | None
    credits_syndicator: bool
    similarity: float | None
    containment: float | None
    published_at: datetime | None
    title: str | None
    headline: str | None
    cruft: tuple[Cruft, ...]
    paragraphs: ParagraphDiff
    # Other sites or URLs that ran this copy's identical text (one article, several inputs).
    also_ran: tuple[Placement, ...] = ()

    @property
    def where(self) -> str:
        """The most readable pointer to the copy: its URL, else its input file."""
        return self.url or self.source_uri


@dataclass(frozen=True, slots=True)
class StoryReport:
    story_id: str
    original_article_id: str
    original_reason: str
    original_title: str | None
    original_paragraphs: int
    copies: tuple[CopyReport, ...]

    @property
    def placements(self) -> int:
        """Copies counted as `stories.copies` counts them: each article's placements."""
        return sum(1 + len(copy.also_ran) for copy in self.copies)


def top_stories(warehouse: Warehouse, min_copies: int, limit: int) -> StoryList:
    """The most-copied stories first: copies, then the earliest seen, then id (stable)."""
    with open_warehouse(warehouse, read_only=True) as connection:
        try:
            rows = top_story_rows(connection, min_copies, limit)
            articles, stories = linked_totals(connection)
        except duckdb.Error as err:
            raise StoryReportError(_explain(err)) from err
    return StoryList(rows, min_copies, articles, stories)


def load_story(warehouse: Warehouse, reference: str) -> StoryReport:
    """The story a full id or unique id prefix names, each copy compared to its original."""
    with open_warehouse(warehouse, read_only=True) as connection:
        try:
            story_id = resolve_story(connection, reference)
            return _report(connection, story_id)
        except duckdb.Error as err:
            raise StoryReportError(_explain(err)) from err


def resolve_story(connection: duckdb.DuckDBPyConnection, reference: str) -> str:
    """A story id from a prefix, as git resolves commits: unknown and ambiguous are errors
    that say so (listing the candidates), never a guess."""
    prefix = reference.strip().lower()
    if len(prefix) < MIN_PREFIX or not _HEX.fullmatch(prefix):
        raise StoryReportError(
            f"{reference!r} is not a story id: give at least {MIN_PREFIX} hex digits "
            "(see `newsnorm stories`)"
        )
    matches = story_ids_with_prefix(connection, prefix, _PREFIX_MATCHES)
    if not matches:
        raise StoryReportError(f"no story id starts with {prefix} (see `newsnorm stories`)")
    if len(matches) > 1:
        shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
        raise StoryReportError(f"{prefix} is ambiguous: it starts {shown}; give more digits")
    return matches[0]


def _report(connection: duckdb.DuckDBPyConnection, story_id: str) -> StoryReport:
    rows = story_copy_rows(connection, story_id)
    original_id, reason = str(rows[0][2]), str(rows[0][3])
    # The original is normally a row here; if a newer version replaced it at its source,
    # it is still compared against, from `article_versions`.
    original = next((row for row in rows if row[0] == original_id), None)
    if original is None:
        original = article_version(connection, original_id)
        original_title, paragraphs = original if original else (None, None)
    else:
        original_title, paragraphs = original[4], original[13]
    original_paragraphs = list(paragraphs or [])
    cruft = _cruft(connection, [str(row[0]) for row in rows])
    also_ran = _placements(connection, story_id)
    copies = tuple(
        CopyReport(
            article_id=str(row[0]),
            is_original=bool(row[1]),
            site=row[5],
            url=row[6],
            source_uri=str(row[7]),
            syndicator=row[8],
            credits_syndicator=bool(row[9]),
            similarity=row[10],
            containment=row[11],
            published_at=row[12],
            title=row[4],
            headline=None if _same_headline(row[4], original_title) else row[4],
            cruft=cruft.get(str(row[0]), ()),
            paragraphs=diff_paragraphs(original_paragraphs, list(row[13] or [])),
            also_ran=also_ran.get(str(row[0]), ()),
        )
        for row in rows
    )
    return StoryReport(
        story_id, original_id, reason, original_title, len(original_paragraphs), copies
    )


def _cruft(
    connection: duckdb.DuckDBPyConnection, article_ids: list[str]
) -> dict[str, tuple[Cruft, ...]]:
    """Each copy's cut pieces in reading order; an article read from several identical inputs
    has their cuts once each."""
    found: dict[str, list[Cruft]] = {}
    for article_id, rule, kind, action, text in cruft_rows(connection, article_ids):
        found.setdefault(str(article_id), []).append(
            Cruft(str(rule), str(kind), str(action), str(text or ""))
        )
    return {article_id: tuple(pieces) for article_id, pieces in found.items()}


def _placements(
    connection: duckdb.DuckDBPyConnection, story_id: str
) -> dict[str, tuple[Placement, ...]]:
    """Each article's other placements, earliest first; none in a warehouse no newsnorm
    with the `placements` view has written to yet (it is read as it is, read-only)."""
    try:
        rows = placement_rows(connection, story_id)
    except duckdb.CatalogException:
        return {}
    found: dict[str, list[Placement]] = {}
    for article_id, site, url, input_uri, published_at in rows:
        found.setdefault(str(article_id), []).append(
            Placement(site, url, str(input_uri), published_at)
        )
    return {article_id: tuple(places) for article_id, places in found.items()}


def _same_headline(title: str | None, original: str | None) -> bool:
    return normalize_paragraph(title or "") == normalize_paragraph(original or "")


def _explain(err: duckdb.Error) -> str:
    message = str(err)
    if isinstance(err, duckdb.CatalogException) and ("stories" in message or "copies" in message):
        return (
            "this warehouse has no story views yet; an `newsnorm ingest` run adds them "
            f"(DuckDB: {message})"
        )
    return message
