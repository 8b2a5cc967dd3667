"""Ingest one batch of inputs: read, skip what is known, process, and commit in chunks,
each atomically."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import duckdb

from newsnorm.flows.engine.counts import Counts
from newsnorm.flows.engine.learning import KnownCuts, cut_known_lines_of
from newsnorm.flows.engine.manifest import (
    RETRY_CODES,
    Vouched,
    known_states,
    read_through,
    unchanged_refs,
)
from newsnorm.flows.engine.prebuilt import article_table, facts_of, removal_table
from newsnorm.flows.engine.processing import INTERNAL_ERROR, BatchSettings, Processor, process_here
from newsnorm.flows.engine.reading import RawInput, marked_chunks
from newsnorm.flows.engine.routing import Read, Rows, route
from newsnorm.flows.engine.rows import Row, RunStamp, input_row
from newsnorm.flows.engine.short_runs import let_go_unless_short
from newsnorm.flows.engine.sources import InputRef
from newsnorm.flows.engine.taught import TAUGHT
from newsnorm.schemas.tables import INPUTS, MANIFEST
from newsnorm.schemas.validate import to_table
from newsnorm.transforms.adapters.base import SourceAdapter
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.pipeline import Processed
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.transaction import transaction
from newsnorm.warehouse.writer import (
    InputKey,
    KnownInputs,
    commit_tables,
    lookup_inputs,
    stored_sources,
)

logger = logging.getLogger(__name__)

# Told of each input as it is done, with its uri and "article", "rejected" or "unchanged":
# the terminal's progress bar, and where a run may stop (Ctrl-C) between inputs.
InputCallback = Callable[[str, str], None]
# Reads after a chunk's commit, in its open (the next batch's first questions).
_Then = Callable[[duckdb.DuckDBPyConnection], None]


def _ignore_input(uri: str, outcome: str) -> None:
    return None


def ingest_batch(
    refs: Sequence[InputRef],
    warehouse: Warehouse,
    stamp: RunStamp,
    adapters: Sequence[SourceAdapter],
    settings: BatchSettings,
    on_input: InputCallback = _ignore_input,
    process: Processor = process_here,
    carry: ChunkCarry | None = None,
) -> Counts:
    """Account for every input in `refs` in `inputs`, writing new articles with it.

    A file may hold many inputs (WARC records, JSON lines, array items): they are streamed
    and committed in chunks, so a large archive never sits in memory at once. Files the
    manifest knows unchanged, read with the same settings, are not read at all (unless
    `settings.rescan`); each one counts as one unchanged input.

    With a `carry`, the batch's last large chunk may stay staged in it, and one the batch
    before staged commits here: the counts are of the chunks this call committed."""
    counts = carry.counting() if carry is not None else Counts()
    unchanged: list[InputRef] = []
    asked = carry.asked_for(refs) if carry is not None else None
    if asked is None:
        with _opened(warehouse, read_only=True) as connection:
            asked = _ask_first(connection, refs, settings, early=carry is not None)
    known, early = asked
    if not settings.rescan:
        refs, unchanged = unchanged_refs(refs, known, settings.reading.key)
    for ref in unchanged:
        counts.unchanged += 1
        on_input(ref.uri, "unchanged")
    items = read_through(refs, settings.max_bytes, settings.reading.key, known, stamp)
    cuts = carry.cuts if carry is not None else None
    job = _ChunkJob(warehouse, stamp, adapters, process, settings, on_input, cuts)
    chunks = marked_chunks(items, settings.chunk_inputs, settings.chunk_bytes)
    for number, (chunk, last) in enumerate(chunks):
        let_go_unless_short(chunk, number)  # a file read may hold thousands of inputs
        first, early = early, None
        # The batch's last commit asks what the next batch asks first (only its answer is used).
        then = carry.ask_upcoming if carry is not None and last else None
        if carry is not None and _worth_overlapping(chunk):
            carry.hold(_stage(chunk, job, ask_again=True, early=first), counts, then)
            continue
        if carry is not None:
            carry.flush(counts)  # committed before this chunk is looked up
        _commit(_stage(chunk, job, ask_again=not settings.alone), counts, then)
    return counts


@dataclass(frozen=True, slots=True)
class _ChunkJob:
    """What every chunk of a batch shares."""

    warehouse: Warehouse
    stamp: RunStamp
    adapters: Sequence[SourceAdapter]
    process: Processor
    settings: BatchSettings
    on_input: InputCallback
    cuts: KnownCuts | None  # the run's learned lines, kept by its carry (None: read a chunk)
    # Files an input of which met a bug of ours, in any chunk so far: a file's manifest row
    # travels with its last chunk, which may come after the failing input's.
    failed_files: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Staged:
    """A chunk read, looked up and handed to the processor, not committed yet."""

    job: _ChunkJob
    rows: Rows
    counts: Counts
    # Inputs known at the lookup (told as unchanged when the chunk commits), and the rest.
    known_uris: list[str]
    todo: list[Read]
    results: Iterator[Processed | DocumentRejected]
    # Look up again under the write lock: others (concurrent batches, or this run's
    # chunk before, committed after our lookup) may have committed since.
    ask_again: bool
    known: KnownInputs


class ChunkCarry:
    """At most one large chunk staged and not committed, across a run's batches.

    A chunk's inputs go to the worker pool when it is staged; the chunk before it is
    committed while the workers process them, and the next one is read and staged before
    this one commits, so neither waits for the other. Chunks commit one at a time, in order;
    one staged when the run stops is dropped (the next run processes its inputs again)."""

    def __init__(self) -> None:
        self._staged: _Staged | None = None
        self._upcoming: tuple[Sequence[InputRef], BatchSettings] | None = None
        self._asked: tuple[Sequence[InputRef], _Asked] | None = None
        self.interrupted: KeyboardInterrupt | None = None
        self.cuts = KnownCuts()  # learned lines: constant until the run's batches end
        self._counts = Counts()

    def counting(self) -> Counts:
        """The counts of a batch starting, held here as its chunks commit, so that a stop
        inside it still counts what it committed (`take_counts`)."""
        self._counts = Counts()
        return self._counts

    def take_counts(self) -> Counts:
        """The running batch's counts so far, once (the next call gives none)."""
        counts, self._counts = self._counts, Counts()
        return counts

    def expect(self, upcoming: tuple[Sequence[InputRef], BatchSettings] | None) -> None:
        """The files of the batch after the one about to run: what that batch asks first is
        asked in the open of this batch's last commit, an open fewer (~30 ms of CPU)."""
        self._upcoming = upcoming

    def asked_for(self, refs: Sequence[InputRef]) -> _Asked | None:
        """What was asked in a commit's open for these very files, if it was."""
        asked, self._asked = self._asked, None
        return asked[1] if asked is not None and asked[0] is refs else None

    def hold(self, staged: _Staged, into: Counts, then: _Then | None = None) -> None:
        """Commit the chunk held so far (`then` in its open, its counts `into`), keep `staged`."""
        self.flush(into, then)
        self._staged = staged

    def flush(self, into: Counts, then: _Then | None = None) -> None:
        """Commit the chunk held, if any, its counts `into`, `then` reading in its open."""
        staged, self._staged = self._staged, None
        if staged is not None:
            _commit(staged, into, then)

    def ask_upcoming(self, connection: duckdb.DuckDBPyConnection) -> None:
        """Asked after a batch's last commit: the upcoming batch sees what this one left, as
        an open of its own would have."""
        self._asked = None
        if self._upcoming is None:
            return
        refs, settings = self._upcoming
        try:
            self._asked = (refs, _ask_first(connection, refs, settings, early=True))
        except Exception:  # the chunk is committed: its counts stand; the batch asks itself
            logger.warning("the next batch's questions failed; it asks them", exc_info=True)
        except KeyboardInterrupt as err:  # the runner raises it once the batch's counts are in
            self.interrupted = err


# Chunks with fewer inputs to process are committed before the next is read: overlapping
# pays only when the worker pool takes the chunk (workers.MIN_POOLED).
OVERLAP_MIN_INPUTS = 64


def _worth_overlapping(items: list[RawInput | Row]) -> bool:
    readable = sum(
        1
        for item in items
        if isinstance(item, RawInput) and not item.skipped and item.rejection is None
    )
    return readable >= OVERLAP_MIN_INPUTS


# Inputs looked up by the uris of a batch's files before they were read: (uris, known).
_Early = tuple[frozenset[str], KnownInputs]
# What a batch asks before reading its files: the manifest's states of its files, and (when a
# carry may hold its first chunk) the inputs known under their uris.
_Asked = tuple[dict[str, Vouched], _Early | None]


def _ask_first(
    connection: duckdb.DuckDBPyConnection,
    refs: Sequence[InputRef],
    settings: BatchSettings,
    *,
    early: bool,
) -> _Asked:
    """Asked in one transaction (reads in one: half the CPU). The early lookup is of the
    files the manifest does not vouch for: nothing commits before their chunk is staged."""
    with transaction(connection):
        known = known_states(connection, [ref.uri for ref in refs])
        if not early:
            return known, None
        todo = refs if settings.rescan else unchanged_refs(refs, known, settings.reading.key)[0]
        return known, _early_lookup(connection, todo, settings)


def _early_lookup(
    connection: duckdb.DuckDBPyConnection, refs: Sequence[InputRef], settings: BatchSettings
) -> _Early | None:
    """The inputs known under these files' uris, when they may make a chunk worth holding."""
    if len(refs) < OVERLAP_MIN_INPUTS:
        return None
    uris = [ref.uri for ref in refs]
    known = lookup_inputs(connection, uris, [], sorted(RETRY_CODES), settings.max_bytes)
    return frozenset(uris), known


def _stage(
    items: list[RawInput | Row], job: _ChunkJob, *, ask_again: bool, early: _Early | None = None
) -> _Staged:
    """Look up a chunk's inputs and hand those not seen before to the processor."""
    raws = [item for item in items if isinstance(item, RawInput)]
    rows = Rows(manifest=[item for item in items if not isinstance(item, RawInput)])
    counts = Counts(skipped=sum(raw.skipped for raw in raws))
    # A skipped record with a reason (an HTTP error page) is recorded, so an operator sees why.
    rows.inputs.extend(
        input_row(raw, job.stamp, "skipped", rejection=raw.rejection)
        for raw in raws
        if raw.skipped and raw.rejection is not None
    )
    reads = [Read(raw, raw.reading_key(job.settings.reading)) for raw in raws if not raw.skipped]
    if early is not None and ask_again and {read.raw.uri for read in reads} <= early[0]:
        known = early[1]  # asked before the files were read; nothing committed since
    else:
        with _opened(job.warehouse, read_only=True) as connection, transaction(connection):
            # Contents seen before are asked for once, when nothing can commit before ours.
            known = _lookup(connection, reads, job.settings, hashes=not ask_again)
    known_uris: list[str] = []
    todo: list[Read] = []
    keys_in_chunk: set[InputKey] = set()
    for read in reads:
        if read.key in known.inputs or read.key in keys_in_chunk:
            known_uris.append(read.raw.uri)
            continue
        keys_in_chunk.add(read.key)
        todo.append(read)
    # A pool submits now: its workers start on these while this process does other work.
    results = iter(
        job.process(
            [read.raw for read in todo if not read.raw.rejection], job.adapters, job.settings
        )
    )
    return _Staged(job, rows, counts, known_uris, todo, results, ask_again, known)


def _commit(staged: _Staged, into: Counts, then: _Then | None = None) -> None:
    """Gather a staged chunk's results, skip what was committed since, route, commit, `then`.
    The chunk's counts go `into` the batch's as soon as it is committed: a stop or error after
    that (the look-ahead, the catalog's close) leaves them counted."""
    job, rows, counts = staged.job, staged.rows, staged.counts
    for uri in staged.known_uris:
        counts.unchanged += 1
        job.on_input(uri, "unchanged")
    pending: list[tuple[Read, Processed | DocumentRejected]] = []
    for read in staged.todo:
        result = read.raw.rejection or next(staged.results)
        pending.append((read, result))
        outcome = "rejected" if isinstance(result, DocumentRejected) else "article"
        job.on_input(read.raw.uri, outcome)
    _untrust_failed_files(rows, pending, job.failed_files)
    known = staged.known
    with _opened(job.warehouse, read_only=False) as connection:
        # A writable attach excludes every other process from the catalog, so what we look up
        # here stays true until our commit: ask again (reads in one transaction: half the CPU).
        with transaction(connection):
            if staged.ask_again:
                known = _lookup(connection, [read for read, _ in pending], job.settings)
            fresh = [(read, result) for read, result in pending if read.key not in known.inputs]
            counts.unchanged += len(pending) - len(fresh)
            fresh = cut_known_lines_of(connection, fresh, job.cuts)
            article_ids = [
                facts_of(result).article_id for _, result in fresh if isinstance(result, Processed)
            ]
            stored = stored_sources(connection, article_ids)
        seen, taught = set(known.contents), TAUGHT.get()
        for read, result in fresh:
            made = result if isinstance(result, Processed) else None
            new = made is not None and facts_of(made).article_id not in stored
            status = route(read, result, job.stamp, stored, seen, rows)
            if taught is not None and made is not None and new and read.content not in seen:
                taught.add_result(made)  # new, with its removals written: its lines, for learning
            counts.count(status)
            seen.add(read.content)
        if taught is not None:
            taught.end_chunk()
        commit_tables(
            connection,
            {
                "articles": article_table(rows.articles, job.stamp),
                "boilerplate": removal_table(rows.boilerplate, job.stamp),
                "inputs": to_table(rows.inputs, INPUTS),
                "manifest": to_table(rows.manifest, MANIFEST),
            },
            rows.replacing,
        )
        into.add(counts)
        if then is not None:
            then(connection)


def _untrust_failed_files(
    rows: Rows, pending: Sequence[tuple[Read, Processed | DocumentRejected]], failed: set[str]
) -> None:
    """Drop the manifest rows of files an input of which met a bug of ours
    (`internal_error`), in this chunk or an earlier one of the batch (`failed`, grown here):
    such a file is read and processed again next run, once the bug is fixed, rather than
    vouched for as done. An input's URI is its file's, or the file's with `#line=`, `#item=`
    or a record after it (flows/engine/formats.py; a file's own '#' is written %23)."""
    failed.update(
        read.raw.uri.split("#", 1)[0]
        for read, result in pending
        if isinstance(result, DocumentRejected) and result.code == INTERNAL_ERROR
    )
    if failed:
        rows.manifest[:] = [row for row in rows.manifest if row["file_uri"] not in failed]


def manifest_states(warehouse: Warehouse, uris: Sequence[str]) -> dict[str, Vouched]:
    """The manifest's latest rows of these files, in an open of their own."""
    with _opened(warehouse, read_only=True) as connection, transaction(connection):
        return known_states(connection, uris)


@contextmanager
def _opened(warehouse: Warehouse, *, read_only: bool) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse, with DuckDB on one thread: a chunk's queries are small, and a second
    thread spent ~40% more CPU than they need (136 -> 98 ms a chunk alone on a 10k
    warehouse). The setting is the instance's: a large run's linking starts on a fresh one
    (followups.py), a small run's keeps it; learning sets its own."""
    with open_warehouse(warehouse, read_only=read_only) as connection:
        connection.execute("SET threads = 1")
        yield connection


def _lookup(
    connection: duckdb.DuckDBPyConnection,
    reads: Sequence[Read],
    settings: BatchSettings,
    *,
    hashes: bool = True,
) -> KnownInputs:
    """Which inputs are known already, and (`hashes`) which contents were seen before."""
    return lookup_inputs(
        connection,
        [read.raw.uri for read in reads],
        [read.raw.sha256 for read in reads if read.raw.sha256] if hashes else [],
        sorted(RETRY_CODES),
        settings.max_bytes,
    )
