"""What `newsnorm stories` and `newsnorm story ID` show: the most-copied stories, and one
story's copies next to its original with what each copy changed.

Read-only, from the `stories`, `copies`, `articles` and `boilerplate` views, so the answers
are the ones an analyst gets from SQL; only the paragraph comparison is done here
(transforms.paragraph_diff), because "which paragraphs did this copy drop" is awkward SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

import duckdb

from newsnorm.flows.formatting import to_jsonable
from newsnorm.transforms.paragraph_diff import (
    ParagraphDiff,
    diff_paragraphs,
    normalize_paragraph,
    shorten,
)
from newsnorm.warehouse.extension import WarehouseError
from newsnorm.warehouse.lake import Warehouse, open_warehouse

# A story id is an article id: 32 hex digits. Fewer than 6 would match too much to be useful.
MIN_PREFIX = 6
EXCERPT_CHARS = 80
# Paragraphs shown per copy in text; the counts and `--format json` have them all.
SHOWN_PARAGRAPHS = 5

STORY_COLUMNS = (
    "story_id",
    "copies",
    "sites",
    "syndicators",
    "crediting_copies",
    "first_seen",
    "original_title",
    "original_reason",
)
COPY_COLUMNS = (
    "article_id",
    "is_original",
    "where",
    "credits_syndicator",
    "similarity",
    "containment",
    "published_at",
    "headline",
    "cruft",
    "missing_paragraphs",
    "added_paragraphs",
)
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


def top_stories(warehouse: Warehouse, min_copies: int, limit: int) -> StoryList:
    """The most-copied stories first: copies, then the earliest seen, then id (stable)."""
    with open_warehouse(warehouse, read_only=True) as connection:
        try:
            rows = connection.execute(
                f"select {', '.join(STORY_COLUMNS)} from stories where copies >= ? "
                "order by copies desc, first_seen, story_id limit ?",
                [min_copies, limit],
            ).fetchall()
            totals = connection.execute(
                "select count(*), count(distinct story_id) from copies"
            ).fetchone()
        except duckdb.Error as err:
            raise StoryReportError(_explain(err)) from err
    articles, stories = totals if totals else (0, 0)
    return StoryList(rows, min_copies, int(articles), int(stories))


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
    matches = [
        str(row[0])
        for row in connection.execute(
            "select distinct story_id from copies where starts_with(story_id, ?) "
            "order by story_id limit 6",
            [prefix],
        ).fetchall()
    ]
    if not matches:
        raise StoryReportError(f"no story id starts with {prefix} (see `newsnorm stories`)")
    if len(matches) > 1:
        shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
        raise StoryReportError(f"{prefix} is ambiguous: it starts {shown}; give more digits")
    return matches[0]


def _report(connection: duckdb.DuckDBPyConnection, story_id: str) -> StoryReport:
    rows = connection.execute(
        "select c.article_id, c.is_original, c.original_article_id, c.original_reason, "
        "c.title, c.site, c.url, c.source_uri, c.syndicator, c.credits_syndicator, "
        "c.similarity, c.containment, c.published_at, a.paragraphs "
        "from copies c join articles a using (article_id) where c.story_id = ? "
        "order by c.is_original desc, coalesce(c.published_at, c.ingested_at), c.article_id",
        [story_id],
    ).fetchall()
    original_id, reason = str(rows[0][2]), str(rows[0][3])
    # The original is normally a row here; if a newer version replaced it at its source,
    # it is still compared against, from `article_versions`.
    original = next((row for row in rows if row[0] == original_id), None)
    if original is None:
        original = connection.execute(
            "select title, paragraphs from article_versions where article_id = ?", [original_id]
        ).fetchone()
        original_title, paragraphs = original if original else (None, None)
    else:
        original_title, paragraphs = original[4], original[13]
    original_paragraphs = list(paragraphs or [])
    cruft = _cruft(connection, [str(row[0]) for row in rows])
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
    rows = connection.execute(
        "select article_id, rule, kind, action, text from boilerplate "
        "where list_contains(?, article_id) "
        "group by article_id, rule, kind, action, text order by article_id, min(start)",
        [article_ids],
    ).fetchall()
    found: dict[str, list[Cruft]] = {}
    for article_id, rule, kind, action, text in rows:
        found.setdefault(str(article_id), []).append(
            Cruft(str(rule), str(kind), str(action), str(text or ""))
        )
    return {article_id: tuple(pieces) for article_id, pieces in found.items()}


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


# Rendering ------------------------------------------------------------------------------


def copy_rows(report: StoryReport) -> list[tuple[object, ...]]:
    """One summary row per copy (COPY_COLUMNS): the side-by-side view as a table."""
    return [
        (
            copy.article_id,
            copy.is_original,
            copy.where,
            copy.credits_syndicator,
            copy.similarity,
            copy.containment,
            copy.published_at,
            copy.headline,
            len(copy.cruft),
            len(copy.paragraphs.missing),
            len(copy.paragraphs.added),
        )
        for copy in report.copies
    ]


def report_json(report: StoryReport) -> dict[str, object]:
    """The whole report, full texts included: for scripts, not for reading."""
    return {
        "story_id": report.story_id,
        "original_article_id": report.original_article_id,
        "original_reason": report.original_reason,
        "original_title": report.original_title,
        "original_paragraphs": report.original_paragraphs,
        "copies": [
            {
                "article_id": copy.article_id,
                "is_original": copy.is_original,
                "site": copy.site,
                "url": copy.url,
                "source_uri": copy.source_uri,
                "syndicator": copy.syndicator,
                "credits_syndicator": copy.credits_syndicator,
                "similarity": copy.similarity,
                "containment": copy.containment,
                "published_at": to_jsonable(copy.published_at),
                "title": copy.title,
                "headline": copy.headline,
                "cruft": [
                    {"rule": c.rule, "kind": c.kind, "action": c.action, "text": c.text}
                    for c in copy.cruft
                ],
                "shared_paragraphs": copy.paragraphs.shared,
                "missing_paragraphs": list(copy.paragraphs.missing),
                "added_paragraphs": list(copy.paragraphs.added),
            }
            for copy in report.copies
        ],
    }


def write_story_list_text(stories: StoryList, out: TextIO) -> None:
    """One block per story: the counts on the first line, then the original's title."""
    for row in stories.rows:
        story = dict(zip(STORY_COLUMNS, row, strict=True))
        syndicators = ", ".join(story["syndicators"] or []) or "none named"
        sites = f" on {story['sites']} sites" if story["sites"] else ""  # text dumps: no site
        out.write(
            f"{story['story_id']}  {story['copies']} copies{sites}, "
            f"{story['crediting_copies']} crediting; first seen {_when(story['first_seen'])}\n"
            f"   {story['original_title'] or '(untitled)'}\n"
            f"   syndicators: {syndicators}; original chosen by {story['original_reason']}\n\n"
        )


def write_story_text(report: StoryReport, out: TextIO) -> None:
    """The story's original, then each copy: where it ran and what it changed."""
    out.write(
        f"story {report.story_id}: {len(report.copies)} copies; original "
        f"{report.original_article_id[:12]} (chosen by {report.original_reason})\n"
        f"headline: {report.original_title or '(untitled)'}\n"
        f"paragraphs: {report.original_paragraphs}\n"
    )
    if not any(copy.is_original for copy in report.copies):
        out.write("(the original is no longer a current article; compared against it anyway)\n")
    for number, copy in enumerate(report.copies, start=1):
        label = "original" if copy.is_original else f"copy {number}"
        out.write(f"\n[{label}] {copy.article_id[:12]}  {copy.where}\n")
        similarity = "—" if copy.similarity is None else f"{copy.similarity:.3f}"
        containment = "—" if copy.containment is None else f"{copy.containment:.3f}"
        credit = (
            f"yes ({copy.syndicator})"
            if copy.syndicator
            else ("yes" if copy.credits_syndicator else "no")
        )
        facts = [f"site {copy.site}"] if copy.site else []
        facts += [
            f"published {_when(copy.published_at)}",
            f"credits syndicator {credit}",
            f"similarity {similarity}",
            f"containment {containment}",
        ]
        out.write("  " + " · ".join(facts) + "\n")
        if copy.headline is not None:
            out.write(f"  headline differs: {copy.headline}\n")
        if not copy.is_original:
            _write_paragraphs(copy.paragraphs, out)
        if copy.cruft:
            out.write(f"  cruft cut ({len(copy.cruft)}):\n")
            for piece in copy.cruft:
                out.write(
                    f"    {piece.rule} ({piece.kind}, {piece.action}): "
                    f"{shorten(piece.text, EXCERPT_CHARS)}\n"
                )
        else:
            out.write("  cruft cut: none\n")


def _write_paragraphs(diff: ParagraphDiff, out: TextIO) -> None:
    if diff.identical:
        out.write(f"  paragraphs: the same {diff.shared} as the original\n")
        return
    out.write(
        f"  paragraphs: {diff.shared} shared, {len(diff.missing)} of the original's missing, "
        f"{len(diff.added)} added\n"
    )
    for sign, paragraphs in (("-", diff.missing), ("+", diff.added)):
        for paragraph in paragraphs[:SHOWN_PARAGRAPHS]:
            out.write(f"    {sign} {shorten(paragraph, EXCERPT_CHARS)}\n")
        if len(paragraphs) > SHOWN_PARAGRAPHS:
            out.write(f"    {sign} … {len(paragraphs) - SHOWN_PARAGRAPHS} more\n")


def _when(value: object) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M %Z").strip()
    return "—" if value is None else str(value)


__all__ = [
    "COPY_COLUMNS",
    "STORY_COLUMNS",
    "CopyReport",
    "StoryList",
    "StoryReport",
    "StoryReportError",
    "WarehouseError",
    "copy_rows",
    "load_story",
    "report_json",
    "resolve_story",
    "top_stories",
    "write_story_list_text",
    "write_story_text",
]
