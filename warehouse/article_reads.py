"""What `newsnorm show` reads of one stored article: its latest version's columns and the
pieces its input lost (the `article_versions` and `boilerplate` views)."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import duckdb

from newsnorm.warehouse.writer import Connection

# An article id is 32 hex digits; fewer than 6 would match too much to be useful.
MIN_PREFIX = 6
_HEX = re.compile(r"[0-9a-f]+")
# The `boilerplate` columns a cut is shown with, in this order.
CUT_COLUMNS = ("rule", "kind", "action", "start", "end", "text", "adapter", "adapter_version")


class ArticleLookupError(LookupError):
    """A reference that names no stored article, or several."""


def resolve_article(connection: Connection, reference: str) -> str:
    """An article id from a full id or a unique prefix (6+ hex digits)."""
    prefix = reference.strip().lower()
    if len(prefix) < MIN_PREFIX or not _HEX.fullmatch(prefix):
        raise ArticleLookupError(
            f"{reference!r} is not an article id: give at least {MIN_PREFIX} hex digits "
            "(`newsnorm search` and `newsnorm query` show them)"
        )
    matches = [
        str(row[0])
        for row in connection.execute(
            "select distinct article_id from article_versions where starts_with(article_id, ?) "
            "order by article_id limit 6",
            [prefix],
        ).fetchall()
    ]
    if not matches:
        raise ArticleLookupError(f"no stored article id starts with {prefix}")
    if len(matches) > 1:
        shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
        raise ArticleLookupError(f"{prefix} is ambiguous: it starts {shown}; give more digits")
    return matches[0]


def stored_article(connection: Connection, article_id: str) -> dict[str, Any]:
    """The article's latest stored version, every column by name."""
    cursor = connection.execute(
        "select * from article_versions where article_id = ? "
        "order by ingested_at desc, source_uri limit 1",
        [article_id],
    )
    row = cursor.fetchone()
    if row is None:
        raise ArticleLookupError(f"no stored article {article_id}")
    return dict(zip([column[0] for column in cursor.description], row, strict=True))


def stored_cuts(
    connection: Connection, article_id: str, input_sha256: str
) -> list[tuple[Any, ...]]:
    """The pieces cut from this input for this article (CUT_COLUMNS), in reading order; an
    input ingested twice has its cuts once."""
    columns = ", ".join(f'"{column}"' for column in CUT_COLUMNS)
    return connection.execute(
        f"select distinct {columns} from boilerplate where article_id = ? and input_sha256 = ? "
        'order by "start", "end", rule',
        [article_id, input_sha256],
    ).fetchall()


class StoredReading(NamedTuple):
    """How ingest read an article's input: its reading settings' key (None: the defaults,
    or none recorded) and its size in bytes (None: not known)."""

    key: str | None
    size: int | None


def stored_reading(connection: Connection, article: dict[str, Any]) -> StoredReading:
    """How the article's input was read when it was ingested."""
    where = (
        "from inputs where input_uri = ? and input_sha256 = ? and article_id = ? "
        "and status = 'ingested' order by first_seen_at desc limit 1"
    )
    keys = [article["source_uri"], article["input_sha256"], article["article_id"]]
    try:
        row = connection.execute(f"select reading_settings, size_bytes {where}", keys).fetchone()
    except duckdb.BinderException:
        # A warehouse no writer of this version has opened yet (show only reads): its
        # inputs recorded no reading settings.
        row = connection.execute(f"select null, size_bytes {where}", keys).fetchone()
    if not row:
        return StoredReading(None, None)
    return StoredReading(str(row[0]) if row[0] is not None else None, row[1])
