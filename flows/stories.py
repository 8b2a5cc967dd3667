"""Link newly ingested articles to the stories already in the warehouse.

An article without a fingerprint row has not been linked yet: each ingest links those (in
chunks, each committed whole), so a run killed half-way is finished by the next one, and
the past is never recomputed. Candidates are the stored articles sharing a MinHash band
key with a new one, found by a join in DuckDB; each candidate is verified on exact
shingle sets (transforms.stories) before a link is stored. A story's id is its smallest
member's article id, so the stories found do not depend on the order inputs arrived in.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from newsnorm.schemas.tables import STORY_FINGERPRINTS, STORY_LINKS, STORY_MEMBERS, STORY_ORIGINALS
from newsnorm.schemas.validate import to_table, version_of
from newsnorm.transforms.stories import (
    DEFAULT_SETTINGS,
    CopyFacts,
    Fingerprint,
    Similarity,
    StorySettings,
    assign_stories,
    choose_original,
    fingerprint,
    is_copy,
    shingles,
    similarity,
)
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.writer import commit_tables

logger = logging.getLogger(__name__)

Connection = duckdb.DuckDBPyConnection

# Articles fingerprinted and linked per transaction: bounds memory (their bodies and
# shingle sets) however many articles a backfill has.
LINK_CHUNK = 1_000

_LATEST_MEMBERS = """
    select article_id, story_id from raw_story_members
    qualify row_number() over (partition by article_id order by assigned_at desc, story_id) = 1
"""


@dataclass(slots=True)
class LinkSummary:
    """What one linking pass did."""

    articles: int = 0
    candidates: int = 0
    links: int = 0
    stories_changed: set[str] = field(default_factory=set)

    def describe(self) -> str:
        return (
            f"{self.articles} articles linked: {self.candidates} candidate pairs, "
            f"{self.links} verified copies, {len(self.stories_changed)} stories changed"
        )


def link_stories(
    warehouse: Warehouse, run_id: str, settings: StorySettings = DEFAULT_SETTINGS
) -> LinkSummary | None:
    """Link what no run has linked yet, at the end of an ingest or reprocess (the caller
    holds the writer lock). A failure is logged, never fails the run: its articles are
    committed, and the next run links whatever is still unlinked."""
    try:
        with open_warehouse(warehouse, read_only=False) as connection:
            summary = link_new_articles(connection, run_id, settings)
    except Exception:
        logger.exception("could not link the new articles of %s to stories", warehouse.root)
        return None
    if summary.articles:
        logger.info("stories: %s", summary.describe())
    return summary


def link_new_articles(
    connection: Connection,
    run_id: str,
    settings: StorySettings = DEFAULT_SETTINGS,
    chunk: int = LINK_CHUNK,
) -> LinkSummary:
    """Fingerprint and link every article not linked yet; the caller holds the writer lock."""
    summary = LinkSummary()
    while True:
        # Ids first, bodies of this chunk only: aggregating bodies in the same query held
        # every unlinked body in memory at once (a 100k backfill: hundreds of MiB).
        ids = connection.execute(
            "select distinct article_id from raw_articles a where not exists "
            "(select 1 from raw_story_fingerprints f where f.article_id = a.article_id) "
            "order by article_id limit ?",
            [chunk],
        ).fetchall()
        if not ids:
            return summary
        bodies = _bodies(connection, {str(row[0]) for row in ids})
        _link_chunk(connection, sorted(bodies.items()), run_id, settings, summary)


def _link_chunk(
    connection: Connection,
    rows: Sequence[tuple[str, str]],
    run_id: str,
    settings: StorySettings,
    summary: LinkSummary,
) -> None:
    """Fingerprint, find candidates, verify and assign one chunk, in one transaction."""
    shingled = {article_id: shingles(body, settings.shingle_words) for article_id, body in rows}
    prints = {article_id: fingerprint(s, settings) for article_id, s in shingled.items()}
    connection.execute("BEGIN")
    try:
        # The chunk's own fingerprints go in first, so one join finds its pairs with stored
        # articles and among themselves alike.
        commit_tables(
            connection,
            {"story_fingerprints": _fingerprint_table(prints, settings, run_id)},
            in_transaction=True,
        )
        pairs = _candidates(connection, prints, settings)
        summary.candidates += len(pairs)
        others = {x for pair in pairs for x in pair if x not in shingled}
        shingled.update(_stored_shingles(connection, others, settings))
        links = []
        for a, b in sorted(pairs):
            found = similarity(shingled[a], shingled[b])
            if is_copy(found, settings):
                links.append((a, b, found))
        now = datetime.now(UTC)
        linked = [(a, b) for a, b, _ in links]
        current = _current_members(connection, others & {x for pair in linked for x in pair})
        changed = assign_stories(current, [article_id for article_id, _ in rows], linked)
        commit_tables(
            connection,
            {
                "story_links": _links_table(links, run_id),
                "story_members": _members_table(changed, run_id, now),
            },
            in_transaction=True,
        )
        originals = _originals(connection, set(changed.values()))
        commit_tables(
            connection,
            {"story_originals": _originals_table(originals, run_id, now)},
            in_transaction=True,
        )
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    summary.articles += len(rows)
    summary.links += len(links)
    summary.stories_changed |= set(changed.values())


# A pair's containment estimated from the two MinHash signatures and shingle counts:
# Jaccard J is the share of equal values; shared shingles J(|A|+|B|)/(1+J), over the smaller.
_ESTIMATED_CONTAINMENT = """
    (list_sum(list_transform(list_zip(x.minhash, y.minhash), lambda v: (v[1] = v[2])::int))
        / len(x.minhash)) as jaccard,
    jaccard * (x.shingle_count + y.shingle_count) / (1 + jaccard)
        / least(x.shingle_count, y.shingle_count) as containment
"""


def _candidates(
    connection: Connection, prints: dict[str, Fingerprint | None], settings: StorySettings
) -> set[tuple[str, str]]:
    """Pairs (smaller id first) of a chunk article and any fingerprinted article, the chunk
    included, that share a band key and whose estimated containment is within reach of the
    threshold. The estimate, computed in DuckDB, keeps pairs that merely share a common
    phrase or a site's leftover footer from costing an exact comparison each."""
    keys = [(a, key) for a, found in prints.items() if found for key in found.bands]
    if not keys:
        return set()
    table = pa.table(
        {
            "article_id": pa.array([a for a, _ in keys], pa.string()),
            "band_key": pa.array([key for _, key in keys], pa.int64()),
        }
    )
    connection.register("new_band_keys", table)
    try:
        rows = connection.execute(
            f"""
            with stored as (
                select article_id, unnest(bands) as band_key from raw_story_fingerprints
                where settings = $settings and bands is not null
            ),
            pairs as (
                select distinct least(n.article_id, s.article_id) as a,
                    greatest(n.article_id, s.article_id) as b
                from new_band_keys n join stored s using (band_key)
                where s.article_id <> n.article_id
            ),
            estimated as (
                select p.a, p.b, {_ESTIMATED_CONTAINMENT}
                from pairs p
                join raw_story_fingerprints x on x.article_id = p.a
                join raw_story_fingerprints y on y.article_id = p.b
            )
            select a, b from estimated where containment >= $floor
            """,
            {"settings": settings.version(), "floor": settings.candidate_floor},
        ).fetchall()
    finally:
        connection.unregister("new_band_keys")
    return {(str(a), str(b)) for a, b in rows}


def _stored_shingles(
    connection: Connection, article_ids: set[str], settings: StorySettings
) -> dict[str, frozenset[str]]:
    return {
        article_id: shingles(body, settings.shingle_words)
        for article_id, body in _bodies(connection, article_ids).items()
    }


def _bodies(connection: Connection, article_ids: set[str]) -> dict[str, str]:
    """The body of each of these articles (versions with one id have one body)."""
    if not article_ids:
        return {}
    connection.register("wanted_ids", pa.table({"key": pa.array(sorted(article_ids))}))
    try:
        rows = connection.execute(
            "select article_id, any_value(body) from raw_articles "
            "where article_id in (select key from wanted_ids) group by article_id"
        ).fetchall()
    finally:
        connection.unregister("wanted_ids")
    return {str(a): str(body) for a, body in rows}


def _current_members(connection: Connection, article_ids: set[str]) -> dict[str, str]:
    """The stories of these stored articles, with every other member of those stories."""
    if not article_ids:
        return {}
    connection.register("linked_ids", pa.table({"key": pa.array(sorted(article_ids))}))
    try:
        rows = connection.execute(
            f"with m as ({_LATEST_MEMBERS}) select article_id, story_id from m where story_id in "
            "(select story_id from m where article_id in (select key from linked_ids))"
        ).fetchall()
    finally:
        connection.unregister("linked_ids")
    return {str(a): str(s) for a, s in rows}


def _originals(connection: Connection, story_ids: set[str]) -> list[tuple[str, str, str]]:
    """(story, original, reason) for stories of two or more copies; reads this
    transaction's own membership rows."""
    if not story_ids:
        return []
    connection.register("changed_stories", pa.table({"key": pa.array(sorted(story_ids))}))
    try:
        rows = connection.execute(
            f"with m as ({_LATEST_MEMBERS}) "
            "select m.story_id, a.article_id, any_value(a.url), any_value(a.site), "
            "any_value(a.syndicator), any_value(a.original_url), min(a.published_at), "
            "min(a.ingested_at) from m join raw_articles a using (article_id) "
            "where m.story_id in (select key from changed_stories) "
            "group by m.story_id, a.article_id order by m.story_id, a.article_id"
        ).fetchall()
    finally:
        connection.unregister("changed_stories")
    copies: defaultdict[str, list[CopyFacts]] = defaultdict(list)
    for story, article, url, site, syndicator, original_url, published, ingested in rows:
        copies[str(story)].append(
            CopyFacts(str(article), url, site, syndicator, original_url, published, ingested)
        )
    return [
        (story, *choose_original(members)) for story, members in copies.items() if len(members) > 1
    ]


def _fingerprint_table(
    prints: dict[str, Fingerprint | None], settings: StorySettings, run_id: str
) -> pa.Table:
    version = version_of(STORY_FINGERPRINTS)
    return to_table(
        [
            {
                "article_id": article_id,
                "settings": settings.version(),
                "shingle_count": found.shingle_count if found else 0,
                "minhash": list(found.minhash) if found else None,
                "bands": list(found.bands) if found else None,
                "run_id": run_id,
                "schema_version": version,
            }
            for article_id, found in sorted(prints.items())
        ],
        STORY_FINGERPRINTS,
    )


def _links_table(links: Sequence[tuple[str, str, Similarity]], run_id: str) -> pa.Table:
    version = version_of(STORY_LINKS)
    rows = []
    for a, b, found in links:
        rows.append(
            {
                "article_id": a,
                "linked_article_id": b,
                "shared_shingles": found.shared,
                "jaccard": found.jaccard,
                "containment": found.containment,
                "run_id": run_id,
                "schema_version": version,
            }
        )
    return to_table(rows, STORY_LINKS)


def _members_table(changed: dict[str, str], run_id: str, now: datetime) -> pa.Table:
    version = version_of(STORY_MEMBERS)
    return to_table(
        [
            {
                "article_id": article_id,
                "story_id": story_id,
                "run_id": run_id,
                "assigned_at": now,
                "schema_version": version,
            }
            for article_id, story_id in sorted(changed.items())
        ],
        STORY_MEMBERS,
    )


def _originals_table(
    originals: Sequence[tuple[str, str, str]], run_id: str, now: datetime
) -> pa.Table:
    version = version_of(STORY_ORIGINALS)
    return to_table(
        [
            {
                "story_id": story,
                "original_article_id": original,
                "reason": reason,
                "run_id": run_id,
                "chosen_at": now,
                "schema_version": version,
            }
            for story, original, reason in originals
        ],
        STORY_ORIGINALS,
    )
