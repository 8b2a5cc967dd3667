"""Ingest one batch of inputs: read, skip what is known, process, and commit atomically."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from flows.formats import expand
from flows.reading import RawInput
from flows.rows import Row, RunStamp, article_row, boilerplate_rows, input_row
from flows.sources import InputRef
from schemas.tables import ARTICLES, BOILERPLATE, INPUTS
from schemas.validate import to_table
from transforms.adapters.base import SourceAdapter
from transforms.errors import DocumentRejected
from transforms.jsonrecord import field_mapping, parse_record, record_article
from transforms.pipeline import Processed, process, process_page
from warehouse.lake import Warehouse, open_warehouse
from warehouse.writer import (
    commit_tables,
    existing_article_ids,
    lookup_inputs,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BatchSettings:
    """How inputs are read and what to do when our own code fails on one."""

    max_bytes: int
    # Raise on an unexpected error instead of recording the input as rejected.
    strict: bool = False
    # Where JSON-lines fields are looked for (transforms.jsonrecord.field_mapping).
    fields: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: field_mapping({}))
    # Inputs are committed in chunks of at most this many, or this many bytes.
    chunk_inputs: int = 500
    chunk_bytes: int = 64 * 1024 * 1024


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


def ingest_batch(
    refs: Sequence[InputRef],
    warehouse: Warehouse,
    stamp: RunStamp,
    adapters: Sequence[SourceAdapter],
    settings: BatchSettings,
) -> Counts:
    """Account for every input in `refs` in `inputs`, writing new articles with it.

    A file may hold many inputs (WARC records, JSON lines): they are streamed and
    committed in chunks, so a large archive never sits in memory at once.
    """
    counts = Counts()
    inputs = (raw for ref in refs for raw in expand(ref, settings.max_bytes))
    for chunk in _chunks(inputs, settings.chunk_inputs, settings.chunk_bytes):
        counts.add(_ingest_chunk(chunk, warehouse, stamp, adapters, settings))
    return counts


def _ingest_chunk(
    raws: list[RawInput],
    warehouse: Warehouse,
    stamp: RunStamp,
    adapters: Sequence[SourceAdapter],
    settings: BatchSettings,
) -> Counts:
    """Skip inputs seen before, process the rest without holding the catalog, commit."""
    counts = Counts(skipped=sum(raw.kind == "skipped" for raw in raws))
    raws = [raw for raw in raws if raw.kind != "skipped"]
    with open_warehouse(warehouse, read_only=True) as connection:
        known = lookup_inputs(
            connection, [raw.uri for raw in raws], [raw.sha256 for raw in raws if raw.sha256]
        )
    pending: list[tuple[RawInput, Processed | DocumentRejected]] = []
    pairs_in_chunk: set[tuple[str, str | None]] = set()
    for raw in raws:
        pair = (raw.uri, raw.sha256)
        if pair in known.pairs or pair in pairs_in_chunk:
            counts.unchanged += 1
            continue
        pairs_in_chunk.add(pair)
        pending.append((raw, raw.rejection or _process(raw, adapters, settings)))
    article_ids = [
        result.article.article_id for _, result in pending if isinstance(result, Processed)
    ]
    with open_warehouse(warehouse, read_only=False) as connection:
        existing = existing_article_ids(connection, article_ids)
        rows = _Rows()
        hashes_in_chunk: set[str] = set()
        for raw, result in pending:
            _route(raw, result, stamp, existing, known.hashes | hashes_in_chunk, rows, counts)
            if raw.sha256:
                hashes_in_chunk.add(raw.sha256)
            if isinstance(result, Processed):
                existing = existing | {result.article.article_id}
        commit_tables(
            connection,
            {
                "articles": to_table(rows.articles, ARTICLES),
                "boilerplate": to_table(rows.boilerplate, BOILERPLATE),
                "inputs": to_table(rows.inputs, INPUTS),
            },
        )
    return counts


def _chunks(
    inputs: Iterable[RawInput], max_inputs: int, max_bytes: int
) -> Iterator[list[RawInput]]:
    chunk: list[RawInput] = []
    size = 0
    for raw in inputs:
        chunk.append(raw)
        size += raw.size or 0
        if len(chunk) >= max_inputs or size >= max_bytes:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _process(
    raw: RawInput, adapters: Sequence[SourceAdapter], settings: BatchSettings
) -> Processed | DocumentRejected:
    assert raw.data is not None
    try:
        if raw.kind == "html":
            return process_page(raw.data, adapters, raw.url)
        if raw.kind == "record":
            return record_article(parse_record(raw.data, settings.fields), adapters)
        return process(raw.data, adapters)
    except DocumentRejected as rejection:
        return rejection
    except Exception as err:
        if settings.strict:
            raise
        # A bug of ours must not cost the run or the other inputs: record it loudly.
        logger.exception("internal error on %s", raw.uri)
        return DocumentRejected("internal_error", f"{type(err).__name__}: {err}")


def _route(
    raw: RawInput,
    result: Processed | DocumentRejected,
    stamp: RunStamp,
    existing: frozenset[str],
    seen_hashes: frozenset[str] | set[str],
    rows: _Rows,
    counts: Counts,
) -> None:
    if isinstance(result, DocumentRejected):
        rows.inputs.append(input_row(raw, stamp, "rejected", rejection=result))
        counts.rejected += 1
        return
    article = result.article
    status = "duplicate" if article.article_id in existing else "ingested"
    if status == "ingested":
        rows.articles.append(article_row(article, raw, stamp))
    # Removals are recorded once per distinct input content, duplicates included:
    # another copy of an article may carry other cruft worth auditing.
    if raw.sha256 not in seen_hashes:
        rows.boilerplate.extend(boilerplate_rows(article, raw, stamp))
    rows.inputs.append(input_row(raw, stamp, status, article=article, encoding=result.encoding))
    if status == "ingested":
        counts.ingested += 1
    else:
        counts.duplicate += 1
