"""Reads of articles' rows by their row ids, for story linking: the bodies of a chunk's few
paired stored articles, and of its own, from the span of rows they were stored in.

Article ids are hashes, so every data file's id range spans them all and a filter on ids
prunes no file; DuckDB then decodes every file's body column whatever the number of ids.
Found first from the id column alone, the rows are read by `rowid between` ranges, which
DuckLake answers from the files holding them.
"""

from __future__ import annotations

from newsnorm.warehouse.writer import Connection, keys_relation

# Articles up to which bodies asked by id are read by row: each file touched costs ~0.005 s
# of CPU, the id column ~0.04 at 100,000 articles, every file's bodies ~0.25 (diverse 100k,
# 53 files: 5 ids 0.25 -> 0.08 s, 30 ids 0.25 -> 0.19; past ~50 no gain).
FEW_ROWS = 24
# Rows of a span read whole for the bodies of a chunk's articles, at most, per body wanted
# (`span_bodies`): more, and those articles are read through a join on their ids.
SPAN_ROWS = 2


def bodies_by_row(connection: Connection, wanted: list[str]) -> dict[str, str] | None:
    """The bodies of those of `wanted` that are stored, read from the data files holding
    them: their row ids from the id column alone, then those rows (`rowid between`, which
    prunes files; single rows, measured cheaper than `rowid in (...)`). None where they
    must be read by id: more than FEW_ROWS ids, or a row found first not read back."""
    if len(wanted) > FEW_ROWS:
        return None
    with keys_relation(connection, "row_ids_of", wanted):
        rows = connection.execute(
            "select article_id, rowid from raw_articles "
            "where article_id in (select key from row_ids_of)"
        ).fetchall()
    if not rows:
        return {}
    stored = {str(article) for article, _ in rows}
    ranges = " or ".join(
        f"rowid between {row} and {row}" for row in sorted(int(r) for _, r in rows)
    )
    found = connection.execute(
        f"select article_id, any_value(body) from raw_articles where ({ranges}) group by article_id"
    ).fetchall()
    bodies = {str(article): str(body) for article, body in found}
    return bodies if bodies.keys() == stored else None


def span_bodies(
    connection: Connection, wanted: list[str], row_ids: tuple[int, int]
) -> dict[str, str] | None:
    """The bodies of the `wanted` articles among the rows `row_ids` (lowest, highest), read
    whole when those rows are few more than the articles (a chunk's own, most of them
    wanted): the join on ids that picks them cost twice the read (~0.06 s of CPU against
    ~0.03 for a dense chunk's 1,000 bodies). None when the span holds too many rows."""
    low, high = row_ids
    if high - low + 1 > SPAN_ROWS * len(wanted):
        return None
    rows = connection.execute(
        "select article_id, body from raw_articles where rowid between $low and $high",
        {"low": low, "high": high},
    ).fetchall()
    asked, found = set(wanted), dict[str, str]()
    for article, body in rows:
        if article in asked:
            found.setdefault(str(article), str(body))
    return found
