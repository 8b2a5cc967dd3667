"""What story linking reads from and asks of the warehouse: unlinked articles, their bodies,
candidate pairs (a band-key join filtered by the estimated containment), current stories.

The SQL lives here; `flows.stories.linking` decides what to link and writes the results.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from newsnorm.transforms.band_pairs import sampled_and_recorded
from newsnorm.transforms.stories import CopyFacts
from newsnorm.warehouse.lake import physical_table
from newsnorm.warehouse.row_reads import bodies_by_row, span_bodies
from newsnorm.warehouse.story_bands import (
    HELD,
    HeldAhead,
    holders_before,
    holders_rebuilt,
    insert_holders,
    record_holders,
)
from newsnorm.warehouse.story_signatures import KeptSignatures, read_signatures, signature_table
from newsnorm.warehouse.writer import Connection, keys_relation

# Each article's current story: its latest membership row.
LATEST_MEMBERS = """
    select article_id, story_id from raw_story_members
    qualify row_number() over (partition by article_id order by assigned_at desc, story_id) = 1
"""

# A chunk's band keys joined to the stored fingerprints': the pairs sharing a key. A key
# held by more than $bucket stored articles meets only the $bucket smallest article ids (a
# sample independent of arrival order): a key in thousands of fingerprints says little, and
# meeting every holder is quadratic. The sample is read from the band-key index
# (warehouse/story_bands.py), which holds each key's smallest holders: unnesting every stored
# fingerprint's keys for it grew with the warehouse, chunk after chunk. Each new article then
# keeps the $per_article articles it shares most keys with (the likeliest copies).
_SHARED = """
    shared as (
        select n.article_id as new_id, s.article_id as other_id
        from new_band_keys n join sampled s using (band_key)
        where s.article_id <> n.article_id
        group by new_id, other_id
        qualify row_number() over (
            partition by new_id order by count(*) desc, other_id
        ) <= $per_article
    )
    select distinct least(new_id, other_id) as a, greatest(new_id, other_id) as b from shared
"""
_CANDIDATES = (
    """
    with sampled as (
        select article_id, band_key from {holders}
        where {held} band_key in (select band_key from new_band_keys)
        qualify row_number() over (partition by band_key order by article_id) <= $bucket
    ),
"""
    + _SHARED
)
# Every stored fingerprint's keys, unnested: the sample for a `bucket_cap` above what the
# index holds.
_ALL_KEYS = """(
        select article_id, unnest(bands) as band_key from raw_story_fingerprints
        where settings = $settings and bands is not null
    )"""


def unlinked_articles(
    connection: Connection, settings: str, most: int | None = None
) -> list[tuple[int, str]]:
    """(first row id, article id) of every article without a fingerprint row made with
    `settings`, in row id order: new articles, and stored ones fingerprinted with other
    settings or another MinHash engine (their signatures could never meet today's); the
    first `most` only, if given. Asked once per linking pass: the query reads every article
    and fingerprint, so asking it once per chunk made a backfill's linking quadratic. A pass
    asks for its own articles only: the whole list of a 100,000-article run held ~23 MiB
    for every pass (docs/history/scale.md, ppeak30). Row ids (DuckLake's, kept by
    compaction) follow insertion, so a run of them sits in a few data files:
    `article_bodies` reads a chunk of them without scanning every body in the table."""
    rows = connection.execute(
        "select min(rowid), article_id from raw_articles a where not exists "
        "(select 1 from raw_story_fingerprints f where f.article_id = a.article_id "
        "and f.settings = $settings) group by article_id order by 1, 2 limit $most",
        {"settings": settings, "most": most},
    ).fetchall()
    return [(int(row_id), str(article_id)) for row_id, article_id in rows]


def other_fingerprints(connection: Connection, settings: str) -> bool:
    """Whether any fingerprint was made with other settings than `settings`. Asked once a
    linking pass (its chunks add only today's): when none is, no chunk has one to replace
    and none asks by id (a read of every fingerprint file, every chunk)."""
    found = connection.execute(
        "select 1 from raw_story_fingerprints where settings <> ? limit 1", [settings]
    ).fetchone()
    return found is not None


def drop_other_fingerprints(
    connection: Connection, article_ids: Iterable[str], settings: str
) -> dict[str, str]:
    """Delete these articles' fingerprints made with other settings (one fingerprint per
    article, which the `copies` view and learning read); the run that first linked each
    one, so learning does not count its article again."""
    wanted = sorted(article_ids)
    if not wanted:
        return {}
    with keys_relation(connection, "refingerprinted_ids", wanted):
        rows = connection.execute(
            "select article_id, min(run_id) from raw_story_fingerprints "
            "where article_id in (select key from refingerprinted_ids) and settings <> ? "
            "group by article_id",
            [settings],
        ).fetchall()
        if not rows:  # nothing to replace (every chunk asks): no delete, no rebuild
            return {}
        with holders_rebuilt(connection, [str(a) for a, _ in rows], other_than=settings):
            connection.execute(
                f"delete from {physical_table('story_fingerprints')} "
                "where article_id in (select key from refingerprinted_ids) and settings <> ?",
                [settings],
            )
    return {str(article): str(run) for article, run in rows}


def article_bodies(
    connection: Connection, article_ids: Iterable[str], row_ids: tuple[int, int] | None = None
) -> dict[str, str]:
    """The body of each of these articles (versions with one id have one body). With
    `row_ids` (lowest, highest), rows outside that range are skipped unread (the range read
    whole when it holds few more rows than articles asked), and any of the articles not
    found inside it is read again without it (by row when few, else by id over the whole
    table). A few articles without `row_ids` are read from the data files holding them only
    (`row_reads.bodies_by_row`); an id not stored is left out either way."""
    wanted = sorted(article_ids)
    if not wanted:
        return {}
    if row_ids:
        found = span_bodies(connection, wanted, row_ids)
        rest = [a for a in wanted if a not in found] if found is not None else []
        if found is not None:  # those not in the span read again without it
            return found | article_bodies(connection, rest) if rest else found
    elif (found := bodies_by_row(connection, wanted)) is not None:
        return found  # the id column said which are stored: the rest are not
    within = "and rowid between $low and $high" if row_ids else ""
    bounds = {"low": row_ids[0], "high": row_ids[1]} if row_ids else {}
    with keys_relation(connection, "wanted_ids", wanted):
        rows = connection.execute(
            "select article_id, any_value(body) from raw_articles "
            f"where article_id in (select key from wanted_ids) {within} group by article_id",
            bounds,
        ).fetchall()
    bodies = {str(a): str(body) for a, body in rows}
    if row_ids and len(bodies) < len(wanted):  # row ids moved under us: never lose one
        bodies |= article_bodies(connection, [a for a in wanted if a not in bodies])
    return bodies


def candidate_pairs(
    connection: Connection,
    band_keys: list[tuple[str, int]],
    settings: str,
    floor: float,
    caps: tuple[int, int],
    *,
    record: bool = False,
    held: HeldAhead | None = None,
    kept: KeptSignatures | None = None,
) -> dict[tuple[str, str], float]:
    """Pairs (smaller id first) of an article in `band_keys` and a fingerprinted article
    made with `settings`, the chunk's own included, that share a band key among the
    `caps[0]` smallest ids holding it and are among the `caps[1]` sharing most keys with
    the new article, with their estimated containment when at least `floor`. With
    `record`, the keys are a chunk's just-stored fingerprints and are first added to the
    band-key index (in the caller's transaction); `held` keeps the next chunk's index rows
    read with theirs; `kept` the signatures of the pass's latest paired and the chunk's."""
    if not band_keys:
        return {}
    table = pa.table(
        {
            "article_id": pa.array([a for a, _ in band_keys], pa.string()),
            "band_key": pa.array([key for _, key in band_keys], pa.int64()),
        }
    )
    indexed = caps[0] <= HELD
    params: dict[str, Any] = {"bucket": caps[0], "per_article": caps[1], "settings": settings}
    query = _CANDIDATES.format(
        holders=physical_table("story_band_holders") if indexed else _ALL_KEYS,
        held="settings = $settings and" if indexed else "",
    )
    connection.register("new_band_keys", table)
    try:
        if record and indexed:
            before = holders_before(connection, settings, table, held)
            pairs, recorded = _sampled(before, table, caps, HELD)
            insert_holders(connection, settings, table.take(recorded))
        else:
            if record:
                record_holders(connection, settings, table, held)
            pairs = connection.execute(query, params).to_arrow_table()
    finally:
        connection.unregister("new_band_keys")
    return _estimated(connection, pairs, floor, kept)


def _sampled(
    before: pa.Table, new: pa.Table, caps: tuple[int, int], kept: int = HELD
) -> tuple[pa.Table, Any]:
    """The pairs `_CANDIDATES` finds once the chunk's keys are recorded, from the rows the
    index held for them before (`before`) and the chunk's own (`new`): the index holds the
    chunk's rows that rank among their key's HELD smallest holders, so with a bucket cap
    <= HELD the smallest are the same, and the index is not read again. Counted in numpy
    (`transforms.band_pairs`) on codes that sort as the ids do: the query over strings was
    the largest step of a dense chunk. With them, the positions in `new` of the rows that
    rank among their key's `kept` smallest holders: those the index records (as
    `story_bands._RECORD` ranks them), from the same sort."""
    ids = pc.unique(pa.concat_arrays([t["article_id"].combine_chunks() for t in (before, new)]))
    ids = ids.take(pc.sort_indices(ids))

    def rows(found: pa.Table) -> tuple[Any, Any]:
        codes = pc.index_in(found["article_id"], ids).to_numpy(zero_copy_only=False)
        return found["band_key"].to_numpy(), codes

    a, b, recorded = sampled_and_recorded(rows(before), rows(new), *caps, kept)
    return pa.table({"a": ids.take(a), "b": ids.take(b)}), recorded


def _estimated(
    connection: Connection,
    pairs: pa.Table,
    floor: float,
    signatures: KeptSignatures | None = None,
) -> dict[tuple[str, str], float]:
    """The pairs whose containment, estimated from the two signatures, is at least
    `floor`. The number is the SQL macros' (`containment_from_jaccard(estimated_jaccard(..))`,
    kept for the `copies` view), computed with the same operations in the same order, so
    equal to the last bit (a test holds it). The `signatures` the pass kept (with the
    chunk's own) are not read again."""
    a, b = pairs["a"].combine_chunks(), pairs["b"].combine_chunks()
    ids, minhash, counts = _signatures(connection, pc.unique(pa.concat_arrays([a, b])), signatures)
    x = pc.index_in(a, ids).to_numpy(zero_copy_only=False)
    y = pc.index_in(b, ids).to_numpy(zero_copy_only=False)
    signed = np.flatnonzero(~(np.isnan(x) | np.isnan(y)))  # both signatures stored
    x, y = x[signed].astype(np.int64), y[signed].astype(np.int64)
    width = minhash.shape[1]
    jaccard = (minhash[x] == minhash[y]).sum(axis=1) / width
    shared = jaccard * (counts[x] + counts[y]) / (1 + jaccard)
    containment = shared / np.minimum(counts[x], counts[y])
    kept = np.flatnonzero(containment >= floor)
    firsts, seconds, values = a.to_pylist(), b.to_pylist(), containment.tolist()
    return {(firsts[signed[i]], seconds[signed[i]]): values[i] for i in kept.tolist()}


def _signatures(
    connection: Connection, paired: pa.Array, kept: KeptSignatures | None
) -> tuple[pa.Array, Any, Any]:
    """The ids of the `paired` articles with a signature, their MinHash matrix (int64) and
    shingle counts (int32), in one order: read, or from what the pass `kept`."""
    if kept is not None:
        found = kept.signatures(connection, paired.to_pylist())
        kept.keep(sorted(found), found)
        return signature_table(found)
    stored = read_signatures(connection, paired.to_pylist())
    ids = stored["article_id"].combine_chunks()
    width = len(stored["minhash"][0]) if len(ids) else 0
    minhash = stored["minhash"].combine_chunks().flatten().to_numpy().reshape(len(ids), width)
    return ids, minhash, stored["shingle_count"].to_numpy()


def stories_of(connection: Connection, article_ids: Iterable[str]) -> dict[str, str]:
    """The current story of each of these stored articles that has one."""
    wanted = sorted(article_ids)
    if not wanted:
        return {}
    with keys_relation(connection, "story_of_ids", wanted):
        rows = connection.execute(
            "select article_id, story_id from raw_story_members "
            "where article_id in (select key from story_of_ids) "
            "qualify row_number() over (partition by article_id order by assigned_at desc, "
            "story_id) = 1"
        ).fetchall()
    return {str(a): str(s) for a, s in rows}


def story_members(connection: Connection, story_ids: Iterable[str]) -> dict[str, str]:
    """Every current member of these stories. The latest rows are ranked for the articles
    that ever had one of these stories only: ranking every membership row, as the view
    does, made a chunk's read grow with the whole table."""
    wanted = sorted(story_ids)
    if not wanted:
        return {}
    with keys_relation(connection, "member_story_ids", wanted):
        rows = connection.execute(
            "with ever as (select distinct article_id from raw_story_members "
            "where story_id in (select key from member_story_ids)), "
            "latest as (select article_id, story_id from raw_story_members "
            "where article_id in (select article_id from ever) "
            "qualify row_number() over (partition by article_id order by assigned_at desc, "
            "story_id) = 1) "
            "select article_id, story_id from latest "
            "where story_id in (select key from member_story_ids)"
        ).fetchall()
    return {str(a): str(s) for a, s in rows}


def story_copies(connection: Connection, story_ids: Iterable[str]) -> list[tuple[Any, ...]]:
    """What choosing an original weighs, by story and article: (story_id, article_id, url,
    site, syndicator, original_url, earliest published_at, earliest ingested_at,
    original_publisher, earliest published_on, the story's number of copies). Reads the
    caller's own uncommitted memberships.

    Only the copies that can change the choice come back, so a story's cost in Python does
    not grow with its copies: every copy with a URL or a site (the rules that name a copy
    look at those), one copy per distinct (syndicator, original_url, original_publisher)
    (the names those rules look for), and the earliest published and earliest ingested
    copies (ties by article id, as `choose_original` breaks them)."""
    wanted = sorted(story_ids)
    if not wanted:
        return []
    with keys_relation(connection, "changed_stories", wanted):
        return connection.execute(_STORY_COPIES.format(facts=_FACTS)).fetchall()


def copy_facts(connection: Connection, article_ids: Iterable[str]) -> dict[str, CopyFacts]:
    """What choosing an original weighs of each of these articles, aggregated over its
    versions as `story_copies` does."""
    wanted = sorted(article_ids)
    if not wanted:
        return {}
    with keys_relation(connection, "weighed_ids", wanted):
        rows = connection.execute(
            f"select article_id, {_FACTS} from raw_articles "
            "where article_id in (select key from weighed_ids) group by article_id"
        ).fetchall()
    return {str(row[0]): CopyFacts(str(row[0]), *row[1:]) for row in rows}


# A copy's facts, aggregated over the rows of its versions.
_FACTS = """any_value(url) as url, any_value(site) as site,
            any_value(syndicator) as syndicator, any_value(original_url) as original_url,
            min(published_at) as published, min(ingested_at) as ingested,
            any_value(original_publisher) as publisher, min(published_on) as published_day"""

_STORY_COPIES = """
    with ever as (
        select distinct article_id from raw_story_members
        where story_id in (select key from changed_stories)
    ),
    members as (
        select article_id, story_id from raw_story_members
        where article_id in (select article_id from ever)
        qualify row_number() over (
            partition by article_id order by assigned_at desc, story_id
        ) = 1
    ),
    facts as (
        select m.story_id, article_id, {facts}
        from members m join raw_articles a using (article_id)
        where m.story_id in (select key from changed_stories)
        group by m.story_id, article_id
    )
    select *, count(*) over (partition by story_id) as copies from facts
    qualify url is not null or site is not null
        or row_number() over (
            partition by story_id, syndicator, original_url, publisher order by article_id
        ) = 1
        or row_number() over (
            partition by story_id order by published nulls last, article_id
        ) = 1
        or row_number() over (
            partition by story_id order by published is not null, published_day nulls last,
                article_id
        ) = 1
        or row_number() over (partition by story_id order by ingested, article_id) = 1
    order by story_id, article_id
"""
