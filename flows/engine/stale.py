"""Which stored articles a `reprocess` re-cleans, and how each one's input was read.

An article is stale when its adapter's installed version is newer than the one that made
it, when the shared stages are (`transforms.pipeline.PIPELINE_VERSION`, or none recorded),
or when its body still holds a line learned as boilerplate of its scope since it was
ingested (flows.engine.learning).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from newsnorm.transforms.pipeline import PIPELINE_VERSION
from newsnorm.warehouse.lake import physical_table
from newsnorm.warehouse.learned import carrying_known_lines
from newsnorm.warehouse.writer import Connection, keys_relation

__all__ = ["Stale", "made_by", "stale_articles"]


@dataclass(frozen=True, slots=True)
class Stale:
    article_id: str
    source_uri: str
    input_sha256: str
    adapter: str
    adapter_version: int
    # The key of the reading settings its input was read with (None: none recorded).
    reading: str | None = None
    # Its input's size when ingested (None: not known): the limit it is read again under.
    size: int | None = None


def stale_articles(
    connection: Connection,
    installed: Mapping[str, int],
    adapter: str | None,
    everything: bool = False,
) -> list[Stale]:
    """Current articles whose adapter is installed in a newer version, that older shared
    stages made, or whose body holds a line now cut as boilerplate of their scope (their
    adapter installed), by source file; with `everything`, every current article, those
    whose adapter is no longer installed too (the adapters installed now re-clean them)."""
    rows = connection.execute(
        "select article_id, source_uri, input_sha256, adapter, adapter_version "
        "from articles where (? is null or adapter = ?) and (? "
        "or adapter_version < coalesce(map(?::varchar[], ?::integer[])[adapter], 0) "
        "or coalesce(pipeline_version, 0) < ?) order by source_uri",
        [
            adapter,
            adapter,
            everything,
            list(installed),
            list(installed.values()),
            PIPELINE_VERSION,
        ],
    ).fetchall()
    stale = {
        str(a): Stale(str(a), str(uri), str(sha), str(name), int(ver))
        for a, uri, sha, name, ver in rows
        if everything or name in installed
    }
    for a, uri, sha, name, ver in carrying_known_lines(connection, adapter):
        if name in installed:
            stale.setdefault(str(a), Stale(str(a), str(uri), str(sha), str(name), int(ver)))
    recorded = _recorded_reads(connection, list(stale))
    none: tuple[str | None, int | None] = (None, None)
    return sorted(
        (
            replace(item, reading=reading, size=size)
            for item in stale.values()
            for reading, size in [recorded.get(item.article_id, none)]
        ),
        key=lambda item: (item.source_uri, item.article_id),
    )


def made_by(connection: Connection, adapter: str) -> int:
    """How many current articles `adapter` made (one no longer installed may have some)."""
    rows = connection.execute("select count(*) from articles where adapter = ?", [adapter])
    return int(rows.fetchall()[0][0])


def _recorded_reads(
    connection: Connection, article_ids: list[str]
) -> dict[str, tuple[str | None, int | None]]:
    """How each article's input was last ingested: its reading settings key (where
    recorded) and its size."""
    with keys_relation(connection, "stale_ids", article_ids):
        rows = connection.execute(
            "select a.article_id, i.reading_settings, i.size_bytes from articles a "
            f"join {physical_table('inputs')} i on i.input_uri = a.source_uri "
            "and i.input_sha256 = a.input_sha256 and i.article_id = a.article_id "
            "where a.article_id in (select key from stale_ids) and i.status = 'ingested' "
            "qualify row_number() over "
            "(partition by a.article_id order by i.first_seen_at desc) = 1"
        ).fetchall()
    return {
        str(article_id): (None if reading is None else str(reading), size)
        for article_id, reading, size in rows
    }
