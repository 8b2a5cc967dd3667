"""Reads of a few articles' rows by their row ids, for story linking: a chunk's few paired
stored articles' bodies and signatures.

Article ids are hashes, so every data file's id range spans them all and a filter on ids
prunes no file; DuckDB then decodes every file's other columns (a body, a 128-value
signature) whatever the number of ids. Found first from the id column alone, the rows are
read by `rowid between` ranges, which DuckLake answers from the files holding them.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from newsnorm.warehouse.writer import Connection, keys_relation

# Articles up to which bodies or signatures asked by id are read by row: each file touched
# costs ~0.005 s of CPU, the id column ~0.04 at 100,000 articles, every file's bodies
# ~0.25 (diverse 100k, 53 files: 5 ids 0.25 -> 0.08 s, 30 ids 0.25 -> 0.19).
FEW_ROWS = 24

_FINGERPRINTS = "raw_story_fingerprints"
# The signatures of the paired articles, whose containment is estimated in numpy: the SQL
# macros' lambda over the two lists cost half the query (0.29 s of CPU of 0.57 a chunk).
_SIGNATURES = f"""
    select article_id, minhash, shingle_count from {_FINGERPRINTS}
    where article_id in (select key from paired_ids) and minhash is not null
"""
_SIGNATURE_TYPES = pa.schema(
    [("article_id", pa.string()), ("minhash", pa.list_(pa.int64())), ("shingle_count", pa.int32())]
)


def row_ranges(connection: Connection, table: str, wanted: list[str]) -> str | None:
    """A filter on the rows of `wanted` in `table` by their row ids, found from its id
    column alone; None when none is stored."""
    with keys_relation(connection, "row_ids_of", wanted):
        rows = connection.execute(
            f"select rowid from {table} where article_id in (select key from row_ids_of)"
        ).fetchall()
    if not rows:
        return None
    ranges = (f"rowid between {row} and {row}" for row in sorted(int(r) for (r,) in rows))
    return "(" + " or ".join(ranges) + ")"


def bodies_by_row(connection: Connection, wanted: list[str]) -> dict[str, str] | None:
    """The bodies of `wanted` (at most FEW_ROWS of them, else None: read them by id),
    read from the data files holding them."""
    if len(wanted) > FEW_ROWS:
        return None
    ranges = row_ranges(connection, "raw_articles", wanted)
    if ranges is None:
        return {}
    found = connection.execute(
        f"select article_id, any_value(body) from raw_articles where {ranges} group by article_id"
    ).fetchall()
    asked = set(wanted)  # the rows found are theirs: a check, not a filter
    return {str(a): str(body) for a, body in found if a in asked}


def signatures(connection: Connection, ids: pa.Array, known: pa.Table | None) -> pa.Table:
    """(article_id, minhash, shingle_count) of `ids` with a signature: those in `known` (a
    chunk's just-stored fingerprints) from it, the others read, by row when few."""
    columns = _SIGNATURE_TYPES.names
    parts = []
    if known is not None:
        mine = pc.is_in(known["article_id"], ids)
        parts.append(known.select(columns).filter(pc.and_(mine, pc.is_valid(known["minhash"]))))
        ids = pc.filter(ids, pc.invert(pc.is_in(ids, known["article_id"])))
    wanted = ids.to_pylist()
    if len(wanted) > FEW_ROWS:
        with keys_relation(connection, "paired_ids", wanted):
            parts.append(connection.execute(_SIGNATURES).to_arrow_table())
    elif ranges := row_ranges(connection, _FINGERPRINTS, wanted) if wanted else None:
        query = f"select {', '.join(columns)} from {_FINGERPRINTS} where {ranges} "
        parts.append(connection.execute(query + "and minhash is not null").to_arrow_table())
    if not parts:
        return _SIGNATURE_TYPES.empty_table()
    return pa.concat_tables([part.cast(_SIGNATURE_TYPES) for part in parts])
