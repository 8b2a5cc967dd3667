"""What the story report reads: the `stories`, `copies`, `placements`, `articles`,
`article_versions` and `boilerplate` views, the same answers an analyst gets from SQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsnorm.warehouse.writer import Connection

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
# A story's copies, the original first, then by date: what `story_copy_rows` returns.
COPY_ROW_COLUMNS = (
    "article_id",
    "is_original",
    "original_article_id",
    "original_reason",
    "title",
    "site",
    "url",
    "source_uri",
    "syndicator",
    "credits_syndicator",
    "similarity",
    "containment",
    "published_at",
    "paragraphs",
)


def top_story_rows(connection: Connection, min_copies: int, limit: int) -> list[tuple[Any, ...]]:
    """The most-copied stories first (STORY_COLUMNS): copies, then the earliest seen, then
    id (stable)."""
    return connection.execute(
        f"select {', '.join(STORY_COLUMNS)} from stories where copies >= ? "
        "order by copies desc, first_seen, story_id limit ?",
        [min_copies, limit],
    ).fetchall()


def linked_totals(connection: Connection) -> tuple[int, int]:
    """How many articles are linked to a story at all, and in how many stories."""
    row = connection.execute("select count(*), count(distinct story_id) from copies").fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def story_ids_with_prefix(connection: Connection, prefix: str, limit: int) -> list[str]:
    return [
        str(row[0])
        for row in connection.execute(
            "select distinct story_id from copies where starts_with(story_id, ?) "
            "order by story_id limit ?",
            [prefix, limit],
        ).fetchall()
    ]


def story_copy_rows(connection: Connection, story_id: str) -> list[tuple[Any, ...]]:
    """Every current copy of a story (COPY_ROW_COLUMNS), the original first, then by date."""
    columns = ", ".join(f"c.{name}" for name in COPY_ROW_COLUMNS[:-1])
    return connection.execute(
        f"select {columns}, a.paragraphs "
        "from copies c join articles a using (article_id) where c.story_id = ? "
        "order by c.is_original desc, coalesce(c.published_at, c.ingested_at), c.article_id",
        [story_id],
    ).fetchall()


def placement_rows(connection: Connection, story_id: str) -> list[tuple[Any, ...]]:
    """(article_id, site, url, input_uri, published_at) of the story's placements beyond
    each article's own: identical copies other inputs held at another site or URL."""
    return connection.execute(
        "select article_id, site, url, input_uri, published_at from placements "
        "where story_id = ? and not is_source "
        "order by coalesce(published_at, first_seen_at), input_uri",
        [story_id],
    ).fetchall()


def article_version(connection: Connection, article_id: str) -> tuple[Any, ...] | None:
    """(title, paragraphs) of any stored version of an article, current or replaced."""
    return connection.execute(
        "select title, paragraphs from article_versions where article_id = ?", [article_id]
    ).fetchone()


def cruft_rows(connection: Connection, article_ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """(article_id, rule, kind, action, text) of every cut piece of these articles in
    reading order; an article read from several identical inputs has their cuts once each."""
    return connection.execute(
        "select article_id, rule, kind, action, text from boilerplate "
        "where list_contains(?, article_id) "
        "group by article_id, rule, kind, action, text order by article_id, min(start)",
        [list(article_ids)],
    ).fetchall()
