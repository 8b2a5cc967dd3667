"""Table rows the worker processes build as Arrow, so the run's process neither rebuilds them
from Python objects nor converts them row by row (docs/history/scale.md, twenty-second round).

A worker turns each group of inputs it is sent into articles, then builds their `articles`
columns and their removals' `boilerplate` columns as one Arrow record batch each, with the
very types of `schemas.tables` (the same `from_pylist` the run's process used: the same
values). The batches cross as Arrow IPC bytes, read here without copying. The run's process
keeps what needs the whole run (which article is new, duplicates, learned lines cut, the
commit): for each row it writes it takes a prebuilt row and adds the columns only it knows
(where and when the article was stored). An article this process changed (a learned line
cut) is no longer the one its row was built from, and has its row built here, as before.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple, cast

import pyarrow as pa

from newsnorm.flows.engine.rows import Row, RunStamp
from newsnorm.schemas.tables import ARTICLES, BOILERPLATE
from newsnorm.schemas.validate import SchemaError, table_of, to_table, version_of
from newsnorm.transforms.learned import RULE
from newsnorm.transforms.picklestate import field_names
from newsnorm.transforms.pipeline import PIPELINE_VERSION, Processed
from newsnorm.transforms.records import Article, Removal, plain

# Columns only the run's process knows: the input's place and the run's stamp.
ARTICLE_RUN_COLUMNS = (
    "source_uri",
    "input_sha256",
    "run_id",
    "ingested_at",
    "schema_version",
    "pipeline_version",
)
REMOVAL_RUN_COLUMNS = ("input_sha256", "run_id", "schema_version", "evidence")
_ARTICLE_OWN = pa.schema([f for f in ARTICLES if f.name not in ARTICLE_RUN_COLUMNS])
_REMOVAL_OWN = pa.schema([f for f in BOILERPLATE if f.name not in REMOVAL_RUN_COLUMNS])
_REMOVAL_FIELDS = frozenset(field_names(Removal))  # the rest are the article's
_HOLDS_STRUCTS = frozenset(
    item.name
    for item in (*_ARTICLE_OWN, *_REMOVAL_OWN)
    if pa.types.is_struct(item.type)
    or (pa.types.is_list(item.type) and pa.types.is_struct(item.type.value_type))
)
_ARTICLES_VERSION = version_of(ARTICLES)
_BOILERPLATE_VERSION = version_of(BOILERPLATE)


@dataclass(frozen=True, slots=True)
class GroupRows:
    """A worker's group of articles as Arrow: article `i`'s row is `articles[i]`, its
    removals rows `removals[ends[i - 1]:ends[i]]`."""

    articles: pa.RecordBatch
    removals: pa.RecordBatch
    ends: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class RowRef:
    """Where an article's prebuilt rows are in its group."""

    group: GroupRows
    index: int


class ArticleFacts(NamedTuple):
    """What a batch asks of an article before it commits it (its id decides whether it is
    new; its scope whether a learned line is cut), sent beside the pickled article (a tuple:
    it pickles as one). `lines`: the lines it teaches learning (flows/engine/taught.py),
    when they were asked for."""

    article_id: str
    adapter: str
    encoding: str
    url: str | None
    site: str | None
    lines: frozenset[str] | None = None
    # A removal under the learned lines' rule name (an adapter's own rule may carry it):
    # its lines only cut must then be read from the article (flows/engine/taught.py).
    learned_rule: bool = False
    # Its instant, stored on its input's row with `url` and `site` (where this copy ran).
    published_at: datetime | None = None


class NotMadeAgain(RuntimeError):
    """An article that crossed without its pickle could not be made again from its input in
    this process (processing disagreed with the worker's: a recursion limit met at another
    stack depth, memory): its reader does without it rather than end the run."""


class Prebuilt(Processed):
    """A worker's processed input whose article stays pickled until something reads it
    (`article`, `text`: a learned line to cut, a row built here); a batch that only routes
    and commits it reads its `facts` and its prebuilt rows (`ref`). Unpickling an article
    cost the run's process ~30 µs (docs/history/scale.md, twenty-second round). A worker sends no
    pickle (empty bytes) for an article the batch has no reason to read (docs/history/scale.md,
    twenty-fifth round): read all the same, it is made again here by `remake` (processing
    is pure: the same input gives the same article). It equals, hashes and pickles as the
    `Processed` it holds; `dataclasses.replace` cannot make one (its fields are not its
    own): make a new `Processed` from `processed()` instead."""

    __slots__ = ("_pickled", "_read", "_remake", "facts", "ref")
    facts: ArticleFacts
    ref: RowRef | None
    _pickled: bytes
    _read: Processed | None
    _remake: Callable[[], object] | None

    def __init__(
        self,
        pickled: bytes,
        facts: ArticleFacts,
        ref: RowRef | None,
        remake: Callable[[], object] | None = None,
    ) -> None:
        object.__setattr__(self, "facts", facts)
        object.__setattr__(self, "ref", ref)
        object.__setattr__(self, "_pickled", pickled)
        object.__setattr__(self, "_read", None)
        object.__setattr__(self, "_remake", remake)

    def processed(self) -> Processed:
        """The `Processed` the worker made, unpickled (or made again) once. The bytes are
        read before the result: a thread that finished the read stored its result before
        it let the bytes go, so a reader that finds them gone finds the result."""
        pickled = self._pickled
        read = self._read
        if read is None:
            read = cast(Processed, pickle.loads(pickled)) if pickled else self._made_again()
            object.__setattr__(self, "_read", read)
            object.__setattr__(self, "_pickled", b"")
        return read

    def _made_again(self) -> Processed:
        made = self._remake() if self._remake is not None else None
        if not isinstance(made, Processed) or made.article.article_id != self.facts.article_id:
            raise NotMadeAgain(f"input of article {self.facts.article_id} not made again")
        return made

    @property
    def article(self) -> Article:
        return self.processed().article

    @property
    def encoding(self) -> str:
        return self.facts.encoding

    @property
    def text(self) -> str:
        return self.processed().text

    def __eq__(self, other: object) -> bool:
        return self.processed() == (other.processed() if isinstance(other, Prebuilt) else other)

    def __hash__(self) -> int:
        return hash(self.processed())

    def __reduce__(self) -> tuple[type[Processed], tuple[Article, str, str]]:
        return Processed, (self.article, self.encoding, self.text)

    def __repr__(self) -> str:
        return f"Prebuilt({self.facts.article_id!r})"


def facts_of(result: Processed) -> ArticleFacts:
    """A result's facts: sent by its worker, or read from its article."""
    if isinstance(result, Prebuilt):
        return result.facts
    article = result.article
    return ArticleFacts(
        article.article_id,
        article.adapter,
        result.encoding,
        article.url,
        article.site,
        published_at=article.published_at,
    )


def facts_made(result: Processed, lines: frozenset[str] | None) -> ArticleFacts:
    """In a worker: what the run's process will ask of this result."""
    article = result.article
    learned_rule = any(removal.rule == RULE for removal in article.removals)
    return ArticleFacts(
        article.article_id,
        article.adapter,
        result.encoding,
        article.url,
        article.site,
        lines,
        learned_rule,
        article.published_at,
    )


def prebuilt_ref(result: Processed) -> RowRef | None:
    """The rows prebuilt for this result's article (an article this process changed, a
    learned line cut, is a new `Processed` and has none)."""
    return result.ref if isinstance(result, Prebuilt) else None


# A group's rows as they cross: the two batches' IPC bytes, each article's removals' end.
PrebuiltGroup = tuple[bytes, bytes, tuple[int, ...]]


def build_group(articles: Sequence[Article]) -> PrebuiltGroup | None:
    """In a worker: the group's articles and removals as two IPC-serialized record batches
    and each article's removals' end; None when they do not fit the schema (the run's
    process then builds them, and names the fault, as it always did). Built column by
    column from the records' fields (a column holding structs from their plain dicts):
    ~30% less CPU than `from_pylist` of each article's dict, the same arrays."""
    removed = [(article, removal) for article in articles for removal in article.removals]
    ends, end = [], 0
    for article in articles:
        end += len(article.removals)
        ends.append(end)
    try:
        built = (
            _batch(_ARTICLE_OWN, [articles] * len(_ARTICLE_OWN)),
            _batch(_REMOVAL_OWN, [_holders(name, removed) for name in _REMOVAL_OWN.names]),
        )
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return None
    if any(_has_missing(batch) for batch in built):
        return None
    first, second = (batch.serialize().to_pybytes() for batch in built)
    return first, second, tuple(ends)


def _holders(name: str, removed: Sequence[tuple[Article, Removal]]) -> list[object]:
    """Each removal's record holding column `name`: the removal, or its article."""
    return [removal if name in _REMOVAL_FIELDS else article for article, removal in removed]


def _batch(schema: pa.Schema, records: Sequence[Sequence[object]]) -> pa.RecordBatch:
    """A record batch whose column `i` holds field `schema[i]` of each of `records[i]`."""
    columns = []
    for item, column in zip(schema, records, strict=True):
        values = [getattr(record, item.name) for record in column]
        if item.name in _HOLDS_STRUCTS:
            values = [plain(value) for value in values]
        columns.append(pa.array(values, item.type))
    return pa.RecordBatch.from_arrays(columns, schema=schema)


def read_group(built: PrebuiltGroup) -> GroupRows:
    """In the run's process: a worker's `build_group`, read without copying its buffers."""
    articles, removals, ends = built
    return GroupRows(
        pa.ipc.read_record_batch(pa.py_buffer(articles), _ARTICLE_OWN),
        pa.ipc.read_record_batch(pa.py_buffer(removals), _REMOVAL_OWN),
        ends,
    )


def _has_missing(batch: pa.RecordBatch) -> bool:
    return any(
        batch.column(index).null_count
        for index, item in enumerate(batch.schema)
        if not item.nullable
    )


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article row to write from its prebuilt columns, with what this process adds."""

    ref: RowRef
    source_uri: str
    input_sha256: str


@dataclass(frozen=True, slots=True)
class RemovalRows:
    """An article's removals' rows to write from their prebuilt columns."""

    ref: RowRef
    input_sha256: str


def article_table(rows: Sequence[Row | ArticleRow], stamp: RunStamp) -> pa.Table:
    """The chunk's `articles` table: rows built here (dicts, checked by `to_table`) and
    prebuilt ones, in their order."""
    refs = [row for row in rows if isinstance(row, ArticleRow)]
    if not refs:
        return to_table(rows, ARTICLES)  # type: ignore[arg-type]
    taken = _taken(refs, [range(row.ref.index, row.ref.index + 1) for row in refs], "articles")
    count = len(refs)
    added = {
        "source_uri": pa.array([ref.source_uri for ref in refs], pa.string()),
        "input_sha256": pa.array([ref.input_sha256 for ref in refs], pa.string()),
        "run_id": pa.array([stamp.run_id] * count, pa.string()),
        "ingested_at": pa.array([stamp.at] * count, ARTICLES.field("ingested_at").type),
        "schema_version": pa.array([_ARTICLES_VERSION] * count, pa.int32()),
        "pipeline_version": pa.array([PIPELINE_VERSION] * count, pa.int32()),
    }
    prebuilt = _completed(taken, added, ARTICLES)
    return prebuilt if len(refs) == len(rows) else _merged(rows, prebuilt, ARTICLES)


def removal_table(rows: Sequence[Row | RemovalRows], stamp: RunStamp) -> pa.Table:
    """The chunk's `boilerplate` table: rows built here and prebuilt ones, in their order."""
    refs = [row for row in rows if isinstance(row, RemovalRows)]
    if not refs:
        return to_table(rows, BOILERPLATE)  # type: ignore[arg-type]
    spans = [_removal_indices(row.ref) for row in refs]
    taken = _taken(refs, spans, "removals")
    count = len(taken)
    shas = [row.input_sha256 for row, span in zip(refs, spans, strict=True) for _ in span]
    added = {
        "input_sha256": pa.array(shas, pa.string()),
        "run_id": pa.array([stamp.run_id] * count, pa.string()),
        "schema_version": pa.array([_BOILERPLATE_VERSION] * count, pa.int32()),
        "evidence": pa.nulls(count, pa.string()),
    }
    prebuilt = _completed(taken, added, BOILERPLATE)
    if len(refs) == len(rows):
        return prebuilt
    expanded: list[object] = []
    for row in rows:  # one place a removal row, so rows built here keep their order
        size = len(_removal_indices(row.ref)) if isinstance(row, RemovalRows) else 1
        expanded.extend([row] * size)
    return _merged(expanded, prebuilt, BOILERPLATE)


def _removal_indices(ref: RowRef) -> range:
    ends, index = ref.group.ends, ref.index
    return range(ends[index - 1] if index else 0, ends[index])


def _taken(
    refs: Sequence[ArticleRow | RemovalRows], spans: Sequence[range], batch: str
) -> pa.Table:
    """The prebuilt rows `refs` point at (`spans` of their group's `batch`), in order."""
    offsets: dict[int, int] = {}
    batches: list[pa.RecordBatch] = []
    wanted: list[int] = []
    size = 0
    for row, span in zip(refs, spans, strict=True):
        group = row.ref.group
        start = offsets.get(id(group))
        if start is None:
            start = offsets[id(group)] = size
            batches.append(getattr(group, batch))
            size += len(batches[-1])
        wanted.extend(range(start + span.start, start + span.stop))
    return pa.Table.from_batches(batches).take(pa.array(wanted, pa.int64()))


def _completed(taken: pa.Table, added: dict[str, pa.Array], schema: pa.Schema) -> pa.Table:
    """The taken columns and the added ones, in the schema's order, checked as `to_table`
    checks what it builds (required values present)."""
    columns = [added[name] if name in added else taken.column(name) for name in schema.names]
    table = pa.Table.from_arrays(columns, schema=schema)
    missing = [f.name for f in schema if not f.nullable and table.column(f.name).null_count]
    if missing:
        raise SchemaError(f"{table_of(schema)}: prebuilt rows miss required {missing}")
    return table


def _merged(rows: Sequence[object], prebuilt: pa.Table, schema: pa.Schema) -> pa.Table:
    """Prebuilt rows (the `ArticleRow` or `RemovalRows` among `rows`, one place each) and
    rows built here (dicts), in the chunk's order."""
    here = [row for row in rows if isinstance(row, dict)]
    built = to_table(here, schema)
    order, next_prebuilt, next_here = [], 0, len(prebuilt)
    for row in rows:
        if isinstance(row, dict):
            order.append(next_here)
            next_here += 1
        else:
            order.append(next_prebuilt)
            next_prebuilt += 1
    return pa.concat_tables([prebuilt, built]).take(pa.array(order, pa.int64()))
