"""Link newly ingested articles to the stories already in the warehouse.

An article without a fingerprint row has not been linked yet: each ingest links those (in
chunks, each committed whole), so a run killed half-way is finished by the next one, and
the past is never recomputed. Candidates are the stored articles sharing a MinHash band
key with a new one (a bounded sample of a key's holders when very many share it), found by
a join in DuckDB; each candidate is verified on exact shingle counts (transforms.overlap,
hashed shingles) before a link is stored, most alike first, skipping candidates already in
the article's story. A story's id is its smallest member's article id, so the stories found do not
depend on the order inputs arrived in.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from operator import attrgetter
from typing import Any

from newsnorm.flows.engine.stopping import STOP
from newsnorm.flows.stories.chunks import Chunk, fingerprinted
from newsnorm.flows.stories.handed import HandedFingerprints
from newsnorm.flows.stories.originals import WeighedStories
from newsnorm.flows.stories.rows import (
    fingerprints_table,
    links_table,
    members_table,
    originals_table,
)
from newsnorm.transforms.overlap import overlap, shingle_hashes
from newsnorm.transforms.stories import (
    DEFAULT_SETTINGS,
    Fingerprint,
    Similarity,
    StorySettings,
    assign_stories,
    is_copy,
    verify_candidates,
)
from newsnorm.warehouse.instance import recycle_instance
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.story_bands import HeldAhead
from newsnorm.warehouse.story_links import (
    article_bodies,
    candidate_pairs,
    drop_other_fingerprints,
    other_fingerprints,
    stories_of,
    story_members,
    unlinked_articles,
)
from newsnorm.warehouse.story_signatures import KeptSignatures, latest_kept
from newsnorm.warehouse.transaction import transaction
from newsnorm.warehouse.writer import Connection, insert_tables

# Articles fingerprinted and linked per transaction: bounds memory (their bodies and
# shingle sets) however many articles a backfill has.
LINK_CHUNK = 1_000
# Articles linked on one DuckDB instance; the next ones go on a fresh one. An instance keeps
# memory from each chunk's scans of the warehouse (relinking 40,000 stored articles: 471 MiB
# peak in one pass, 449 in passes of 10,000).
LINK_PASS = 10_000
# Hashed shingle sets carried from chunk to chunk (the latest paired), in bytes (8 a
# shingle: ~4 KB a 500-word body, ~40 KB a 5,000-word one; a dense chunk pairs ~1,500): a
# count would let long bodies hold hundreds of MB.
CARRIED_BYTES = 16 * 2**20


@dataclass(slots=True)
class LinkSummary:
    """What one linking pass did."""

    articles: int = 0
    candidates: int = 0
    links: int = 0
    stories_changed: set[str] = field(default_factory=set)
    # Whether articles are still unlinked when a pass stopped at its limit (1), else 0: a
    # pass asks for one article past its own, not for all of them.
    left: int = 0

    def add(self, other: LinkSummary) -> None:
        """Count another pass in."""
        self.articles += other.articles
        self.candidates += other.candidates
        self.links += other.links
        self.stories_changed |= other.stories_changed
        self.left = other.left

    def describe(self) -> str:
        return (
            f"{self.articles} articles linked: {self.candidates} candidate pairs, "
            f"{self.links} verified copies, {len(self.stories_changed)} stories changed"
        )


def link_in_passes(
    warehouse: Warehouse,
    run_id: str,
    settings: StorySettings = DEFAULT_SETTINGS,
    per_pass: int | None = None,
    handed: HandedFingerprints | None = None,
) -> LinkSummary:
    """Link every article not linked yet, `per_pass` (LINK_PASS) at most on one DuckDB
    instance: a backfill's chunks do not pile their scans' memory on one instance. Passes
    take the unlinked articles in the same order, in the same chunks, as one pass would."""
    summary, weighed = LinkSummary(), WeighedStories()
    carried: dict[str, Any] = {}  # hashed shingles, chunk to chunk (_hashed_shingles)
    while True:
        with open_warehouse(warehouse, read_only=False) as connection:
            limit = per_pass or LINK_PASS
            done = link_new_articles(
                connection,
                run_id,
                settings,
                limit=limit,
                handed=handed,
                weighed=weighed,
                carried=carried,
            )
        if done.articles:  # a pass that linked nothing scanned nothing worth a fresh instance
            recycle_instance()
        summary.add(done)
        if not done.left or not done.articles:
            return summary


def link_new_articles(
    connection: Connection,
    run_id: str,
    settings: StorySettings = DEFAULT_SETTINGS,
    chunk: int = LINK_CHUNK,
    limit: int | None = None,
    handed: HandedFingerprints | None = None,
    weighed: WeighedStories | None = None,
    carried: dict[str, Any] | None = None,
) -> LinkSummary:
    """Fingerprint and link every article not linked yet; the caller holds the writer lock.
    Each chunk fingerprints all its articles, so the ids asked for once are, chunk by chunk,
    those a query per chunk would find (nothing else writes under the lock).

    The next chunk is fingerprinted on a thread while this one is linked: fingerprints are
    pure Python and linking mostly waits on DuckDB, which leaves the GIL to the thread, so
    the two overlap on two cores. The results are those of one chunk after the other.
    With `limit`, the first `limit` articles only, in whole chunks (`_this_pass`).
    Fingerprints `handed` over (made by the run's workers from the body stored under the
    same id) are used instead of fingerprinting again; the shingle sets are then made only
    for articles met in a candidate pair. The stories `weighed` (kept by the caller across
    passes, under one writer lock) are the ones whose originals need no read; the hashed
    shingles `carried` (also kept across passes) those the last chunk paired."""
    summary = LinkSummary()
    unlinked = _this_pass(connection, settings.version(), chunk, limit, summary)
    weighed = weighed if weighed is not None else WeighedStories()
    carried = carried if carried is not None else {}
    replacing = other_fingerprints(connection, settings.version())
    # Replacing fingerprints rebuilds index rows and gives an id a second fingerprint row
    # for a while: no chunk may keep the next one's rows or the signatures it paired then.
    held = None if replacing else HeldAhead()
    signatures = None if replacing else KeptSignatures()
    step = partial(_link_chunk, replacing=replacing, held=held, signatures=signatures)

    def link(done: Future[Chunk], following: Future[Chunk] | None, handed: bool) -> None:
        if held is not None:
            held.expect(_next_keys(following, handed))
        step(connection, done.result(), run_id, settings, summary, weighed, carried)

    with ThreadPoolExecutor(1, thread_name_prefix="newsnorm-fingerprints") as ahead:
        pending: Future[Chunk] | None = None
        for start in range(0, len(unlinked), chunk):
            STOP.check()  # Ctrl-C: each chunk is its own transaction, the rest waits
            # Bodies of this chunk only: aggregating bodies with the ids held every unlinked
            # body in memory at once (a 100k backfill: hundreds of MiB). Chunks follow row ids,
            # so each reads a few data files, not every body stored (quadratic in a backfill).
            rows = unlinked[start : start + chunk]
            ids, span = [a for _, a in rows], (rows[0][0], rows[-1][0])
            given = handed.take(ids, settings) if handed is not None else {}
            # Only the bodies to fingerprint here; a handed article's is read if it is paired.
            bodies = article_bodies(connection, [a for a in ids if a not in given], span)
            upcoming = ahead.submit(fingerprinted, ids, bodies, span, settings, given)
            if pending is not None:
                link(pending, upcoming, not bodies)  # all handed: made at once
            pending = upcoming
        if pending is not None:
            link(pending, None, False)
    return summary


def _next_keys(following: Future[Chunk] | None, handed: bool) -> list[tuple[int, ...]] | None:
    """The next chunk's band keys, for the index rows read ahead: waited for when they were
    all `handed` over (nothing to make), else only if made (linking and the next chunk's
    fingerprints overlap)."""
    if following is None or not (handed or following.done()) or following.exception():
        return None
    return [found.bands for found in following.result().prints.values() if found]


def _this_pass(
    connection: Connection, settings: str, chunk: int, limit: int | None, summary: LinkSummary
) -> list[tuple[int, str]]:
    """The first `limit` unlinked articles, rounded down to whole chunks (all without a
    limit), so passes cut the same chunks as one pass; `summary.left` says whether any is
    left for another (one past the pass is asked for, to know)."""
    if limit is None:
        return unlinked_articles(connection, settings)
    limit = max(chunk, limit - limit % chunk)
    unlinked = unlinked_articles(connection, settings, limit + 1)
    summary.left = min(1, len(unlinked) - len(unlinked[:limit]))
    return unlinked[:limit]


def _link_chunk(
    connection: Connection,
    chunk: Chunk,
    run_id: str,
    settings: StorySettings,
    summary: LinkSummary,
    weighed: WeighedStories,
    carried: dict[str, Any],
    *,
    replacing: bool = True,
    held: HeldAhead | None = None,
    signatures: KeptSignatures | None = None,
) -> None:
    """Find candidates, verify and assign one fingerprinted chunk, in one transaction;
    the run's weighed stories take the chunk's once it commits, and `carried` the hashed
    shingles of the articles it paired. `replacing`: whether the warehouse may hold
    fingerprints of other settings (else none is looked for); `held`: the band-key index
    rows read ahead for the next chunk (`story_bands.HeldAhead`); `signatures`: those the
    pass's chunks paired last (`story_signatures.KeptSignatures`)."""
    prints = chunk.prints
    with transaction(connection):
        # Articles fingerprinted before with other settings or another engine keep their
        # stories and first run; their new fingerprints replace the old ones.
        refingerprinted = (
            drop_other_fingerprints(connection, prints, settings.version()) if replacing else {}
        )
        # The chunk's own fingerprints go in first, so one join finds its pairs with stored
        # articles and among themselves alike.
        table = fingerprints_table(prints, settings, run_id, refingerprinted)
        insert_tables(connection, {"story_fingerprints": table})
        pairs = _candidates(connection, prints, settings, held, signatures)
        summary.candidates += len(pairs)
        paired = {x for pair in pairs for x in pair}
        others = paired - prints.keys()
        hashed = _hashed_shingles(connection, paired, chunk, carried, settings)

        def verify(a: str, b: str) -> Similarity | None:
            found = overlap(hashed[a], hashed[b])
            return found if is_copy(found, settings) else None

        known = stories_of(connection, others)
        links = verify_candidates(pairs, known, verify, settings.spare_links)
        now = datetime.now(UTC)
        linked = [(a, b) for a, b, _ in links]
        touched = others & {x for pair in linked for x in pair} | refingerprinted.keys()
        asked = (others, known)  # read above, no membership written since
        changed, before = _story_changes(connection, touched, chunk.article_ids, linked, asked)
        originals = weighed.choose(connection, changed, before)
        insert_tables(
            connection,
            {
                "story_links": links_table(links, run_id),
                "story_members": members_table(changed, run_id, now),
                "story_originals": originals_table(originals, run_id, now),
            },
        )
    weighed.commit()
    summary.articles += len(chunk.article_ids)
    summary.links += len(links)
    summary.stories_changed |= set(changed.values())


def _hashed_shingles(
    connection: Connection,
    paired: set[str],
    chunk: Chunk,
    carried: dict[str, Any],
    settings: StorySettings,
) -> dict[str, Any]:
    """The hashed shingles of the paired articles, then held in `carried` for the next
    chunks: at most CARRIED_BYTES, the most recently paired first (this chunk's, smallest
    ids first, then what was carried before, in its order: every run keeps the same). A
    dense story's chunks pair mostly the same stored articles (the smallest ids holding
    its band keys) and the chunks before's own. Of ~500 stored articles a dense chunk
    pairs, 7-59 were not paired by the chunk before but most by one a few chunks back:
    carrying only the last chunk's read them every chunk (by id over every data file),
    carrying the budget's worth of the latest leaves 0-7 to read, by row. An article id
    hashes its body, so what is carried for an id stays true."""
    missing = paired - carried.keys()
    own = chunk.prints.keys()
    unread = sorted(missing & (own - chunk.bodies.keys()))  # handed, paired
    bodies = {a: chunk.bodies[a] for a in missing & chunk.bodies.keys()}
    bodies |= article_bodies(connection, unread, chunk.span)
    bodies |= article_bodies(connection, missing - own)
    hashed = {a: carried[a] for a in paired - missing}
    hashed |= {a: shingle_hashes(bodies[a], settings.shingle_words) for a in missing}
    # Most recently paired first: this chunk's (smallest ids first), then what the chunks
    # before carried, in the order they held it, while the budget lasts.
    earlier = [(a, found) for a, found in carried.items() if a not in hashed]
    latest = [(a, hashed[a]) for a in sorted(hashed)]
    kept = latest_kept(latest, earlier, CARRIED_BYTES, attrgetter("nbytes"))
    carried.clear()
    carried.update(kept)
    return hashed


def _story_changes(
    connection: Connection,
    stored: set[str],
    new_articles: list[str],
    linked: list[tuple[str, str]],
    read: tuple[set[str], dict[str, str]] = (set(), {}),
) -> tuple[dict[str, str], dict[str, str]]:
    """What `assign_stories` finds given every member of the stored articles' stories,
    reading the members of renamed stories only, and the stories read (of the stored
    articles and of every member of a renamed story), which originals are weighed from.
    A story's id is its smallest member, so a member of a story that keeps its id keeps it
    too: only a story merged under a smaller id has every member moved. Reading every
    member of each touched story made a chunk's cost grow with its stories (one wire
    story: the whole warehouse). The stories of the articles `read` (asked, found) earlier
    in the chunk's transaction, which wrote no membership since, are not read again."""
    asked, known = read
    current = {a: known[a] for a in stored & asked if a in known}
    current |= stories_of(connection, stored - asked)
    heads = {story: story for story in current.values()}
    probe = assign_stories(heads | current, new_articles, linked)
    renamed = {story for story in heads if story in probe}
    before = story_members(connection, renamed) | current
    return assign_stories(before, new_articles, linked), before


def _candidates(
    connection: Connection,
    prints: dict[str, Fingerprint | None],
    settings: StorySettings,
    held: HeldAhead | None = None,
    signatures: KeptSignatures | None = None,
) -> dict[tuple[str, str], float]:
    """Pairs (smaller id first) of a chunk article and a fingerprinted article, the chunk
    included, that share a band key and whose estimated containment is within reach of the
    threshold, with that estimate. The estimate keeps pairs that merely share a common
    phrase or a site's leftover footer from costing an exact comparison each. The chunk's
    keys join the band-key index first; the pairs are counted from the rows it held for
    them and the chunk's own (`story_links.candidate_pairs`)."""
    keys = [(a, key) for a, found in prints.items() if found for key in found.bands]
    if signatures is not None:
        signatures.chunk(prints)  # stored above: estimated without a read
    return candidate_pairs(
        connection,
        keys,
        settings.version(),
        settings.candidate_floor,
        (settings.bucket_cap, settings.candidate_cap),
        record=True,
        held=held,
        kept=signatures,
    )
