"""Ingest one batch of inputs: read, skip what is known, process, and commit atomically."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import duckdb

from newsnorm.flows.engine.formats import expand
from newsnorm.flows.engine.learning import cut_known_lines
from newsnorm.flows.engine.manifest import (
    Vouched,
    file_state,
    known_states,
    manifest_row,
    unchanged_refs,
)
from newsnorm.flows.engine.reading import RawInput
from newsnorm.flows.engine.rows import Row, RunStamp, article_row, boilerplate_rows, input_row
from newsnorm.flows.engine.sources import InputRef
from newsnorm.schemas.tables import ARTICLES, BOILERPLATE, INPUTS, MANIFEST
from newsnorm.schemas.validate import to_table
from newsnorm.transforms import pipeline
from newsnorm.transforms.adapters.base import SourceAdapter
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import Reading
from newsnorm.transforms.pipeline import Processed
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.writer import (
    ContentKey,
    InputKey,
    KnownInputs,
    commit_tables,
    lookup_inputs,
    stored_sources,
)

logger = logging.getLogger(__name__)

# Rejections that depend on the moment, not on the file's content (and bugs of ours): a
# file that got one is not trusted as done, and its input is processed again next run.
# A `too_large` input is processed again once --max-bytes admits it, on a --rescan.
RETRY_CODES = frozenset({"not_found", "unreadable", "internal_error", "symlink_outside"})

# Told of each input as it is done, with its uri and "article", "rejected" or "unchanged":
# the terminal's progress bar, and where a run may stop (Ctrl-C) between inputs.
InputCallback = Callable[[str, str], None]


def _ignore_input(uri: str, outcome: str) -> None:
    return None


@dataclass(frozen=True, slots=True)
class BatchSettings:
    """How inputs are read and what to do when our own code fails on one."""

    max_bytes: int
    # Raise on an unexpected error instead of recording the input as rejected.
    strict: bool = False
    # How inputs are read beyond their bytes (--field, --timezone): part of their identity.
    reading: Reading = field(default_factory=Reading)
    # Inputs are committed in chunks of at most this many, or this many bytes.
    chunk_inputs: int = 500
    chunk_bytes: int = 64 * 1024 * 1024
    # Read and hash every file again instead of trusting the manifest.
    rescan: bool = False
    # The run's batches run one after another and hold the writer lock: nothing commits
    # between a chunk's lookup and its commit, so the lookup is not repeated (~70 ms a chunk).
    alone: bool = False


# Turns a chunk's inputs into articles or rejections, in order: `process_here`, or a pool
# of worker processes (flows/engine/workers.py).
Processor = Callable[
    [Sequence[RawInput], Sequence[SourceAdapter], BatchSettings],
    Iterable[Processed | DocumentRejected],
]


def process_here(
    raws: Sequence[RawInput], adapters: Sequence[SourceAdapter], settings: BatchSettings
) -> Iterator[Processed | DocumentRejected]:
    """Process inputs one after another in this process."""
    for raw in raws:
        yield process_input(raw, adapters, settings)


@dataclass(slots=True)
class Counts:
    """Per-status input counts; `seen` is their sum."""

    ingested: int = 0
    duplicate: int = 0
    unchanged: int = 0
    rejected: int = 0
    # WARC records that are not HTML responses: counted, never stored as inputs.
    skipped: int = 0

    @property
    def seen(self) -> int:
        return self.ingested + self.duplicate + self.unchanged + self.rejected

    def add(self, other: Counts) -> None:
        self.ingested += other.ingested
        self.duplicate += other.duplicate
        self.unchanged += other.unchanged
        self.rejected += other.rejected
        self.skipped += other.skipped


@dataclass(slots=True)
class _Rows:
    articles: list[Row] = field(default_factory=list)
    boilerplate: list[Row] = field(default_factory=list)
    inputs: list[Row] = field(default_factory=list)
    manifest: list[Row] = field(default_factory=list)
    # (article_id, input_sha256) of stored articles this chunk replaces: the same input
    # read again with other settings, giving the same article with other fields.
    replacing: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Read:
    """An input with the key of the reading settings it is read with."""

    raw: RawInput
    reading: str | None

    @property
    def key(self) -> InputKey:
        return (self.raw.uri, self.raw.sha256, self.reading)

    @property
    def content(self) -> ContentKey:
        return (self.raw.sha256 or "", self.reading)


def ingest_batch(
    refs: Sequence[InputRef],
    warehouse: Warehouse,
    stamp: RunStamp,
    adapters: Sequence[SourceAdapter],
    settings: BatchSettings,
    on_input: InputCallback = _ignore_input,
    process: Processor = process_here,
) -> Counts:
    """Account for every input in `refs` in `inputs`, writing new articles with it.

    A file may hold many inputs (WARC records, JSON lines, array items): they are streamed
    and committed in chunks, so a large archive never sits in memory at once. Files the
    manifest knows unchanged, read with the same settings, are not read at all (unless
    `settings.rescan`); each one counts as one unchanged input.
    """
    counts = Counts()
    with open_warehouse(warehouse, read_only=True) as connection:
        known = known_states(connection, [ref.uri for ref in refs])
    if not settings.rescan:
        refs, unchanged = unchanged_refs(refs, known, settings.reading.key)
        counts.unchanged += len(unchanged)
        for ref in unchanged:
            on_input(ref.uri, "unchanged")
    items = _read_through(refs, settings, known, stamp)
    for chunk in _chunks(items, settings.chunk_inputs, settings.chunk_bytes):
        counts.add(_ingest_chunk(chunk, warehouse, stamp, (adapters, process), settings, on_input))
    return counts


def _read_through(
    refs: Sequence[InputRef], settings: BatchSettings, known: dict[str, Vouched], stamp: RunStamp
) -> Iterator[RawInput | Row]:
    """Every input of every file, each file followed by its manifest row once it was read
    to the end unchanged (a row, not an input: it is committed with the file's last chunk)."""
    reading = settings.reading.key
    for ref in refs:
        before = file_state(ref.path)
        count, sha256, retry = 0, None, False
        for raw in expand(ref, settings.max_bytes):
            count += 1
            sha256 = raw.sha256 if raw.uri == ref.uri else None
            retry = retry or (raw.rejection is not None and raw.rejection.code in RETRY_CODES)
            yield raw
        if before is None or retry or known.get(ref.uri) == Vouched(before, reading):
            continue
        if file_state(ref.path) == before:  # not changed while we read it
            yield manifest_row(ref, before, sha256 if count == 1 else None, count, stamp, reading)


def _ingest_chunk(
    items: list[RawInput | Row],
    warehouse: Warehouse,
    stamp: RunStamp,
    processing: tuple[Sequence[SourceAdapter], Processor],
    settings: BatchSettings,
    on_input: InputCallback,
) -> Counts:
    """Skip inputs seen before, process the rest without holding the catalog, commit."""
    raws = [item for item in items if isinstance(item, RawInput)]
    rows = _Rows(manifest=[item for item in items if not isinstance(item, RawInput)])
    counts = Counts(skipped=sum(raw.skipped for raw in raws))
    # A skipped record with a reason (an HTTP error page) is recorded, so an operator sees why.
    rows.inputs.extend(
        input_row(raw, stamp, "skipped", rejection=raw.rejection)
        for raw in raws
        if raw.skipped and raw.rejection is not None
    )
    reads = [_Read(raw, raw.reading_key(settings.reading)) for raw in raws if not raw.skipped]
    with open_warehouse(warehouse, read_only=True) as connection:
        known = _lookup(connection, reads, settings, hashes=settings.alone)
    pending = _process(reads, known, processing, settings, on_input, counts)
    with open_warehouse(warehouse, read_only=False) as connection:
        # Batches running concurrently (--runner process/dask) commit between our lookup
        # and now. A writable attach excludes every other process from the catalog, so what
        # we look up here stays true until our commit: ask again, then route.
        if not settings.alone:
            known = _lookup(connection, [read for read, _ in pending], settings)
        fresh = [(read, result) for read, result in pending if read.key not in known.inputs]
        counts.unchanged += len(pending) - len(fresh)
        fresh = _cut_known_lines(connection, fresh)
        article_ids = [
            result.article.article_id for _, result in fresh if isinstance(result, Processed)
        ]
        stored = stored_sources(connection, article_ids)
        seen = set(known.contents)
        for read, result in fresh:
            _route(read, result, stamp, stored, seen, rows, counts)
            seen.add(read.content)
        commit_tables(
            connection,
            {
                "articles": to_table(rows.articles, ARTICLES),
                "boilerplate": to_table(rows.boilerplate, BOILERPLATE),
                "inputs": to_table(rows.inputs, INPUTS),
                "manifest": to_table(rows.manifest, MANIFEST),
            },
            rows.replacing,
        )
    return counts


def _process(
    reads: list[_Read],
    known: KnownInputs,
    processing: tuple[Sequence[SourceAdapter], Processor],
    settings: BatchSettings,
    on_input: InputCallback,
    counts: Counts,
) -> list[tuple[_Read, Processed | DocumentRejected]]:
    """Each input not seen before with its article or rejection, in order; the others
    counted unchanged."""
    todo: list[_Read] = []
    keys_in_chunk: set[InputKey] = set()
    for read in reads:
        if read.key in known.inputs or read.key in keys_in_chunk:
            counts.unchanged += 1
            on_input(read.raw.uri, "unchanged")
            continue
        keys_in_chunk.add(read.key)
        todo.append(read)
    adapters, process = processing
    results = iter(
        process([read.raw for read in todo if not read.raw.rejection], adapters, settings)
    )
    pending: list[tuple[_Read, Processed | DocumentRejected]] = []
    for read in todo:
        result = read.raw.rejection or next(results)
        pending.append((read, result))
        on_input(read.raw.uri, "rejected" if isinstance(result, DocumentRejected) else "article")
    return pending


def _cut_known_lines(
    connection: duckdb.DuckDBPyConnection,
    pending: list[tuple[_Read, Processed | DocumentRejected]],
) -> list[tuple[_Read, Processed | DocumentRejected]]:
    """Cut the lines learned as boilerplate of each article's scope (read now: what earlier
    runs learned), before the article's id decides whether it is new."""
    processed = [
        (read.raw.uri, result) for read, result in pending if isinstance(result, Processed)
    ]
    if not processed:
        return pending
    cut = iter(cut_known_lines(connection, processed))
    return [
        (read, next(cut) if isinstance(result, Processed) else result) for read, result in pending
    ]


def _lookup(
    connection: duckdb.DuckDBPyConnection,
    reads: Sequence[_Read],
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


def _chunks(
    items: Iterable[RawInput | Row], max_inputs: int, max_bytes: int
) -> Iterator[list[RawInput | Row]]:
    """Bounded chunks of inputs. Chunks commit in order, so a file's manifest row, which
    follows its last input, is never committed before the inputs it vouches for."""
    chunk: list[RawInput | Row] = []
    inputs = size = 0
    for item in items:
        chunk.append(item)
        if isinstance(item, RawInput):
            inputs += 1
            size += item.size or 0
        if inputs >= max_inputs or size >= max_bytes:
            yield chunk
            chunk, inputs, size = [], 0, 0
    if chunk:
        yield chunk


def process_input(
    raw: RawInput, adapters: Sequence[SourceAdapter], settings: BatchSettings
) -> Processed | DocumentRejected:
    """The article in one read input, or why there is none (our own bugs included)."""
    assert raw.data is not None
    try:
        return pipeline.process_input(raw.data, raw.meta(settings.reading), adapters)
    except DocumentRejected as rejection:
        return rejection
    except Exception as err:
        if settings.strict:
            raise
        # A bug of ours must not cost the run or the other inputs: record it loudly.
        logger.exception("internal error on %s", raw.uri)
        return DocumentRejected("internal_error", f"{type(err).__name__}: {err}")


def _route(
    read: _Read,
    result: Processed | DocumentRejected,
    stamp: RunStamp,
    stored: dict[str, tuple[str, str]],
    seen_contents: set[ContentKey],
    rows: _Rows,
    counts: Counts,
) -> None:
    """Record one input: rejected, a new article, the same article as another input's
    (duplicate), or its own article read again with other settings (replaced in place)."""
    raw = read.raw
    if isinstance(result, DocumentRejected):
        rows.inputs.append(
            input_row(raw, stamp, "rejected", rejection=result, reading=read.reading)
        )
        counts.rejected += 1
        return
    assert raw.sha256 is not None
    article = result.article
    source = stored.get(article.article_id)
    # The same bytes at the same place read with other settings (a corrected --field, a
    # --timezone) give the same article_id when title and body stay: the new reading
    # replaces the stored row, its other fields corrected.
    replaced = source == (raw.uri, raw.sha256)
    status = "ingested" if source is None or replaced else "duplicate"
    if replaced:
        rows.replacing.append((article.article_id, raw.sha256))
    if status == "ingested":
        rows.articles.append(article_row(article, raw, stamp))
        stored[article.article_id] = (raw.uri, raw.sha256)
    # Removals are recorded once per distinct input content and reading, duplicates
    # included: another copy of an article may carry other cruft worth auditing.
    if replaced or read.content not in seen_contents:
        rows.boilerplate.extend(boilerplate_rows(article, raw, stamp))
    rows.inputs.append(
        input_row(
            raw, stamp, status, article=article, encoding=result.encoding, reading=read.reading
        )
    )
    if status == "ingested":
        counts.ingested += 1
    else:
        counts.duplicate += 1
