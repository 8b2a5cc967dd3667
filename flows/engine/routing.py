"""Route one processed input of a chunk to the rows it adds: rejected, a new article, a
duplicate of a stored one, or a stored article read again with other settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsnorm.flows.engine.prebuilt import ArticleRow, RemovalRows, facts_of, prebuilt_ref
from newsnorm.flows.engine.reading import RawInput
from newsnorm.flows.engine.rows import Row, RunStamp, article_row, boilerplate_rows, input_row
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.pipeline import Processed
from newsnorm.warehouse.writer import ContentKey, InputKey


@dataclass(slots=True)
class Rows:
    """What a chunk commits, table by table."""

    # Rows built here, or taken from a worker's prebuilt ones (flows/engine/prebuilt.py).
    articles: list[Row | ArticleRow] = field(default_factory=list)
    boilerplate: list[Row | RemovalRows] = field(default_factory=list)
    inputs: list[Row] = field(default_factory=list)
    manifest: list[Row] = field(default_factory=list)
    # (article_id, input_sha256) of stored articles this chunk replaces: the same input
    # read again with other settings, giving the same article with other fields.
    replacing: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Read:
    """An input with the key of the reading settings it is read with."""

    raw: RawInput
    reading: str | None

    @property
    def key(self) -> InputKey:
        return (self.raw.uri, self.raw.sha256, self.reading)

    @property
    def content(self) -> ContentKey:
        return (self.raw.sha256 or "", self.reading)


def route(
    read: Read,
    result: Processed | DocumentRejected,
    stamp: RunStamp,
    stored: dict[str, tuple[str, str]],
    seen_contents: set[ContentKey],
    rows: Rows,
) -> str:
    """Record one input and return its status: rejected, a new article (ingested), the
    same article as another input's (duplicate), or its own article read again with other
    settings (replaced in place, counted ingested)."""
    raw = read.raw
    if isinstance(result, DocumentRejected):
        rows.inputs.append(
            input_row(raw, stamp, "rejected", rejection=result, reading=read.reading)
        )
        return "rejected"
    assert raw.sha256 is not None
    # What routing asks of a worker's article it reads from its facts (flows/engine/prebuilt.py).
    facts = facts_of(result)
    article_id = facts.article_id
    source = stored.get(article_id)
    # The same bytes at the same place read with other settings (a corrected --field, a
    # --timezone) give the same article_id when title and body stay: the new reading
    # replaces the stored row, its other fields corrected.
    replaced = source == (raw.uri, raw.sha256)
    status = "ingested" if source is None or replaced else "duplicate"
    if replaced:
        rows.replacing.append((article_id, raw.sha256))
    ref = prebuilt_ref(result)
    if status == "ingested":
        rows.articles.append(
            ArticleRow(ref, raw.uri, raw.sha256)
            if ref is not None
            else article_row(result.article, raw, stamp)
        )
        stored[article_id] = (raw.uri, raw.sha256)
    # Removals are recorded once per distinct input content and reading, duplicates
    # included: another copy of an article may carry other cruft worth auditing.
    if replaced or read.content not in seen_contents:
        if ref is not None:
            rows.boilerplate.append(RemovalRows(ref, raw.sha256))
        else:
            rows.boilerplate.extend(boilerplate_rows(result.article, raw, stamp))
    rows.inputs.append(
        input_row(raw, stamp, status, article=facts, encoding=facts.encoding, reading=read.reading)
    )
    return status
