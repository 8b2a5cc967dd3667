"""A reprocessed article's duplicate inputs: their removals re-derived with the article's.

A `duplicate` input (other bytes that clean to an article already stored) records its own
removals, under the article's id and its own hash: its copy may carry other cruft worth
auditing. When `reprocess` re-cleans the article, those rows would otherwise keep the older
rules' classification beside the article's new rows, two answers for one text. So each
duplicate is read again and cleaned as its article's input is. Where it still cleans to the
article's text, updated in place, its rows are replaced by the new ones; where the article
became a new version, the duplicate gets a new `inputs` row naming that version (so a later
reprocess, `forget` and the `placements` view find it there) and its rows under the new id,
its older rows staying with the older version, as the article's own do. One that cannot be
(changed or gone since, now rejected, now cleaning to another text) keeps its rows, and the
run says why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from newsnorm.flows.engine.learning import cut_known_lines
from newsnorm.flows.engine.reading import RawInput
from newsnorm.flows.engine.rows import Row, RunStamp, boilerplate_rows, input_row
from newsnorm.flows.engine.stale import Stale
from newsnorm.transforms.pipeline import Processed
from newsnorm.warehouse.lake import physical_table
from newsnorm.warehouse.writer import Connection, keys_relation


def copies_of(connection: Connection, stale: Sequence[Stale]) -> dict[str, list[Stale]]:
    """Each stale article's duplicate inputs whose removals were recorded apart from its
    source's (other bytes), one per input hash, as `Stale` items to read again (the
    article's adapter, the duplicate's own URI, hash, reading settings and size). Read from
    the physical table, filtered by article first: the `inputs` view would rank every
    input ever seen to find a few."""
    by_id = {item.article_id: item for item in stale}
    inputs = physical_table("inputs")
    with keys_relation(connection, "reprocessed_ids", list(by_id)):
        # Only a duplicate row still its path's latest: a path that holds other bytes since
        # (ingested as an article of its own, rejected) is no copy of this article any more.
        rows = connection.execute(
            "with dup as (select i.article_id, i.input_uri, i.input_sha256, "
            f"i.reading_settings, i.size_bytes, i.first_seen_at from {inputs} i "
            "join articles a on a.article_id = i.article_id "
            "where i.article_id in (select key from reprocessed_ids) "
            "and i.status = 'duplicate' and i.input_sha256 <> a.input_sha256), "
            "newest as (select input_uri, max(first_seen_at) as at from "
            f"{inputs} where input_uri in (select input_uri from dup) group by input_uri) "
            "select d.article_id, d.input_uri, d.input_sha256, d.reading_settings, "
            "d.size_bytes from dup d join newest n "
            "on n.input_uri = d.input_uri and n.at = d.first_seen_at "
            "qualify row_number() over (partition by d.article_id, d.input_sha256 "
            "order by d.first_seen_at, d.input_uri) = 1 "
            "order by d.input_uri"
        ).fetchall()
    copies: dict[str, list[Stale]] = {}
    for article_id, uri, sha, reading, size in rows:
        item = by_id[str(article_id)]
        copies.setdefault(item.article_id, []).append(
            Stale(
                item.article_id,
                str(uri),
                str(sha),
                item.adapter,
                item.adapter_version,
                None if reading is None else str(reading),
                size,
            )
        )
    return copies


@dataclass(slots=True)
class CopyRows:
    """What a chunk's duplicates change: the removals replaced in place, as (article_id,
    input_sha256); the new removal rows; the `inputs` rows naming a new version; and (uri,
    why) for each duplicate whose rows stay as they were."""

    dropped: list[tuple[str, str]] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    inputs: list[Row] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)


def copy_rows(
    connection: Connection,
    results: Sequence[tuple[Stale, RawInput, Processed]],
    remade: Mapping[str, str],
    stamp: RunStamp,
    reading_key: Callable[[Stale, RawInput], str | None],
) -> CopyRows:
    """The duplicates' removals made again (`results`: each read and cleaned again), where
    their article was re-cleaned (`remade`: its stored id → the id it has now) and they
    still clean to it; learned lines are cut first, as from any input. `reading_key`: the
    key of the reading settings a duplicate was read with, for its new `inputs` row."""
    out = CopyRows()
    cut = cut_known_lines(connection, [(raw.uri, found) for _, raw, found in results])
    for (item, raw, _), found in zip(results, cut, strict=True):
        now = remade.get(item.article_id)
        if now is None:
            out.kept.append((raw.uri, "its article was kept as it was"))
            continue
        if found.article.article_id != now:
            out.kept.append((raw.uri, "now cleans to another text than its article's"))
            continue
        out.rows.extend(boilerplate_rows(found.article, raw, stamp))
        if now == item.article_id:  # updated in place: one classification under one id
            out.dropped.append((item.article_id, item.input_sha256))
        else:  # a new version: the copy now duplicates it; the older keeps its history
            out.inputs.append(
                input_row(
                    raw,
                    stamp,
                    "duplicate",
                    article=found.article,
                    encoding=found.encoding,
                    reading=reading_key(item, raw),
                )
            )
    return out
