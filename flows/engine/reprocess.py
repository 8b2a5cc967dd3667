"""`newsnorm reprocess`: apply improved adapters, shared stages and learned boilerplate to
stored articles.

Which articles are stale is decided in flows.engine.stale. Each one's original input is
read again (a WARC record or JSON line from its file) and must still hash to what was
ingested; a file changed since is left to `ingest`, which makes a new version of it. A
result with a new article_id is a new version at the same source (the `articles` view shows
it, `article_versions` keeps the old one); the same article_id replaces its row and its
boilerplate in place, so it is not picked up again. Each input is read with the reading
settings it was ingested with (`inputs.reading_settings`); `--field` applies to inputs that
recorded none. Its duplicate inputs' removals are re-derived with it
(flows.engine.reprocess_copies).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import groupby

from newsnorm.flows.engine.counts import Counts
from newsnorm.flows.engine.followups import (
    StepFailure,
    StepResults,
    after_commits,
    end_unfinished_run,
    record_steps,
)
from newsnorm.flows.engine.formats import expand
from newsnorm.flows.engine.learning import cut_known_lines
from newsnorm.flows.engine.processing import BatchSettings, Processor, process_here
from newsnorm.flows.engine.reading import RawInput
from newsnorm.flows.engine.reprocess_copies import CopyRows, copies_of, copy_rows
from newsnorm.flows.engine.rows import Row, RunStamp, article_row, boilerplate_rows, input_row
from newsnorm.flows.engine.runs import finish_run, run_row
from newsnorm.flows.engine.settings import DEFAULT_MAX_BYTES, reread_limit
from newsnorm.flows.engine.sources import InputRef, uri_path
from newsnorm.flows.engine.stale import Stale, made_by, stale_articles
from newsnorm.flows.engine.stopping import STOP, StopRequested, stopped_by
from newsnorm.flows.engine.workers import TransformPool
from newsnorm.schemas.tables import ARTICLES, BOILERPLATE, INPUTS
from newsnorm.schemas.validate import to_table
from newsnorm.transforms.adapters.base import SourceAdapter
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import Reading
from newsnorm.transforms.pipeline import Processed
from newsnorm.transforms.stories import DEFAULT_SETTINGS
from newsnorm.warehouse.contract import prepare_warehouse
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.lock import exclusive_writer
from newsnorm.warehouse.transaction import transaction
from newsnorm.warehouse.writer import (
    delete_articles,
    delete_removals,
    existing_article_ids,
    insert_tables,
    record_run,
)

# Inputs read again a commit (stale articles and their duplicates): each commit costs the
# catalog's open and a query a table whatever its size (2,932 articles: CPU ~9 s in chunks of
# 200, ~7 s in chunks of 1,000), and holds its inputs and the next chunk's in memory; a stop
# waits for the commit in progress.
CHUNK = 1_000


@dataclass(slots=True)
class Outcome:
    """What a reprocess run did; `problems` says why each input was left as it was."""

    run_id: str
    stale: int = 0
    new_versions: int = 0
    replaced: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)
    # Duplicate inputs of re-cleaned articles whose removals were kept as they were, and why.
    copies_kept: list[tuple[str, str]] = field(default_factory=list)
    # Steps after the chunks (story linking, learning) that failed or were stopped.
    failed_steps: tuple[StepFailure, ...] = ()
    # Of `stale`, articles whose adapter is no longer installed (`--all` takes them).
    uninstalled: int = 0


def reprocess(
    warehouse: Warehouse,
    adapter: str | None = None,
    reading: Reading | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    everything: bool = False,
) -> Outcome:
    """Reprocess every stale article (of `adapter`, if given), or with `everything` every
    current one (an adapter added since may now claim it); holds the writer lock.
    `reading` is for inputs that recorded no reading settings (ingested before they were)."""
    adapters = load_adapters()
    installed = {item.name: item.version for item in adapters}
    if adapter is not None and adapter not in installed:
        _check_uninstalled(warehouse, adapter, everything)
    settings = BatchSettings(max_bytes=max_bytes, reading=reading or Reading())
    described = {
        "adapter": adapter,
        "fields": dict(settings.reading.fields),
        "max_bytes": max_bytes,
        "all": everything,
    }
    stamp = RunStamp(
        run_id=str(uuid.uuid4()),
        at=datetime.now(UTC),
        settings=json.dumps(described, sort_keys=True),
    )
    outcome = Outcome(stamp.run_id)
    run = _Run(warehouse, adapters, settings, stamp, outcome)
    with exclusive_writer(warehouse, job="reprocess", while_waiting=STOP.check):
        with open_warehouse(warehouse, read_only=False) as connection:
            prepare_warehouse(connection)
            stale = stale_articles(connection, installed, adapter, everything)
            run.copies = copies_of(connection, stale)
            record_run(connection, _run_row(stamp, outcome, "running"))
        outcome.stale = len(stale)
        outcome.uninstalled = sum(item.adapter not in installed for item in stale)
        try:
            _reprocess_all(stale, run)
        except KeyboardInterrupt:
            raise
        except BaseException as err:
            if stopped_by(err):  # also a pool a SIGTERM to the process group broke
                raise ReprocessStopped(STOP.reason or str(err), outcome) from err
            raise
    return outcome


@dataclass(slots=True)
class _Run:
    """What every chunk of one reprocess run shares; `process` turns a chunk's inputs into
    articles (here, or on the run's worker pool)."""

    warehouse: Warehouse
    adapters: Sequence[SourceAdapter]
    settings: BatchSettings
    stamp: RunStamp
    outcome: Outcome
    process: Processor = process_here
    # Each stale article's duplicate inputs to read again with it (reprocess_copies).
    copies: dict[str, list[Stale]] = field(default_factory=dict)


def _check_uninstalled(warehouse: Warehouse, adapter: str, everything: bool) -> None:
    """`--adapter` names no installed adapter: a mistake, unless `--all` and it made some."""
    with open_warehouse(warehouse, read_only=True) as connection:
        made = made_by(connection, adapter)
    if not (made and everything):
        how = f"; {made} stored articles were made by it: `newsnorm reprocess --adapter {adapter}"
        how = f"{how} --all` re-cleans them with the adapters installed now" if made else ""
        raise UnknownAdapter(f"no adapter named {adapter!r}; see `newsnorm adapters`{how}")


class UnknownAdapter(ValueError):
    """`--adapter` names no installed adapter: a mistake on the command line, found before
    the run begins."""


class ReprocessStopped(Exception):
    """A stop requested (Ctrl-C, SIGTERM) under the command's handler: the chunks committed
    before it stay, `outcome` counts them, and the run is recorded as cancelled."""

    def __init__(self, reason: str, outcome: Outcome) -> None:
        super().__init__(reason)
        self.outcome = outcome


def _reprocess_all(stale: list[Stale], run: _Run) -> None:
    """Every chunk in a commit of its own, a stop checked between them, its inputs cleaned on
    every core (a pool as an ingest's, `workers.TransformPool`); then the new versions are
    linked and learned from as after an ingest's batches (`after_commits`): a step that
    fails makes the run `partial` and is left pending for `status`, a stop leaves it pending
    and cancels the run. The run's row is finished however it ends."""
    steps, outcome, stamp = StepResults(), run.outcome, run.stamp
    try:
        pool = TransformPool()
        run.process = pool.process
        try:
            started: _Started | None = None
            for chunk in _chunks(stale, run.copies):
                STOP.check()
                following = _start_chunk(chunk, run)  # the pool cleans it while one commits
                if started is not None:
                    _commit_chunk(started, run)
                started = following
            STOP.check()
            if started is not None:
                _commit_chunk(started, run)
        finally:
            pool.close()  # its workers' memory is not kept through linking
        after_commits(
            run.warehouse, stamp.run_id, DEFAULT_SETTINGS, processed=len(stale), results=steps
        )
    except BaseException as err:  # the chunks committed stay, the run says how it ended
        committed = bool(outcome.new_versions or outcome.replaced)
        _, outcome.failed_steps = end_unfinished_run(
            run.warehouse,
            stamp.run_id,
            steps,
            err,
            lambda status: _run_row(stamp, outcome, status),
            committed,
        )
        raise
    outcome.failed_steps = steps.failures
    finish_run(run.warehouse, _run_row(stamp, outcome, steps.status()))
    record_steps(run.warehouse, stamp.run_id, steps.done, steps.failed)
    if steps.cancelled:  # stopped after the chunks: the steps left wait for the next run
        raise StopRequested(STOP.reason)


def _chunks(stale: list[Stale], copies: Mapping[str, list[Stale]]) -> Iterator[list[Stale]]:
    """Runs of stale articles of at most CHUNK inputs read again, their duplicates counted
    (a wire story's many copies would otherwise all be read in one chunk); an article whose
    duplicates alone exceed it is a chunk of its own."""
    chunk: list[Stale] = []
    inputs = 0
    for item in stale:
        size = 1 + len(copies.get(item.article_id, ()))
        if chunk and inputs + size > CHUNK:
            yield chunk
            chunk, inputs = [], 0
        chunk.append(item)
        inputs += size
    if chunk:
        yield chunk


def _commit_chunk(started: _Started, run: _Run) -> None:
    """A chunk's new versions and in-place replacements, with their duplicates' removals
    made again, committed together."""
    outcome, stamp = run.outcome, run.stamp
    results = started.results()
    outcome.problems.extend(started.problems)
    with open_warehouse(run.warehouse, read_only=False) as connection:
        learned = cut_known_lines(connection, [(raw.uri, found) for _, raw, found in results])
        results = [
            (item, raw, found) for (item, raw, _), found in zip(results, learned, strict=True)
        ]
        new_ids = [processed.article.article_id for _, _, processed in results]
        made = _made(results, existing_article_ids(connection, new_ids), run)
        copies = CopyRows()
        if started.copies is not None:
            copies = copy_rows(
                connection,
                started.copies.results(),
                made.remade,
                stamp,
                lambda item, raw: raw.reading_key(_reading_of(item, run.settings)),
            )
            outcome.copies_kept.extend(started.copies.problems + copies.kept)
        with transaction(connection):
            delete_articles(connection, made.replaced)
            delete_removals(connection, copies.dropped)
            insert_tables(
                connection,
                {
                    "articles": to_table(made.articles, ARTICLES),
                    "boilerplate": to_table(made.boilerplate + copies.rows, BOILERPLATE),
                    "inputs": to_table(made.inputs + copies.inputs, INPUTS),
                },
            )
    outcome.replaced += len(made.replaced)
    outcome.new_versions += len(made.articles) - len(made.replaced)


@dataclass(slots=True)
class _Made:
    """A chunk's rows; `replaced`: (article_id, input_sha256) updated in place; `remade`:
    each re-cleaned article's stored id → its id now."""

    articles: list[Row] = field(default_factory=list)
    boilerplate: list[Row] = field(default_factory=list)
    inputs: list[Row] = field(default_factory=list)
    replaced: list[tuple[str, str]] = field(default_factory=list)
    remade: dict[str, str] = field(default_factory=dict)


def _made(
    results: list[tuple[Stale, RawInput, Processed]], existing: frozenset[str], run: _Run
) -> _Made:
    """The rows of each re-cleaned article: replaced in place (same id) or a new version;
    one that is now another stored article's text is kept as it was."""
    made, stamp = _Made(), run.stamp
    for item, raw, processed in results:
        article = processed.article
        if article.article_id == item.article_id:
            made.replaced.append((item.article_id, item.input_sha256))
        elif article.article_id in existing:
            run.outcome.problems.append((raw.uri, "now the same as another article: kept"))
            continue
        made.remade[item.article_id] = article.article_id
        made.articles.append(article_row(article, raw, stamp))
        made.boilerplate.extend(boilerplate_rows(article, raw, stamp))
        made.inputs.append(
            input_row(
                raw,
                stamp,
                "ingested",
                article=article,
                encoding=processed.encoding,
                reading=raw.reading_key(_reading_of(item, run.settings)),
            )
        )
        existing = existing | {article.article_id}
    return made


@dataclass(slots=True)
class _Started:
    """A chunk read again and handed to the run's processor, which a pool starts on at once;
    `results` waits for what it made. `problems`: why inputs were left as they were."""

    problems: list[tuple[str, str]]
    groups: list[tuple[list[tuple[Stale, RawInput]], Iterable[Processed | DocumentRejected]]]
    # The chunk's articles' duplicate inputs, read again and handed on the same way.
    copies: _Started | None = None

    def results(self) -> list[tuple[Stale, RawInput, Processed]]:
        made: list[tuple[Stale, RawInput, Processed]] = []
        for group, done in self.groups:
            for (item, raw), result in zip(group, done, strict=True):
                if isinstance(result, DocumentRejected):
                    self.problems.append((raw.uri, f"now rejected, kept as it was: {result}"))
                else:
                    made.append((item, raw, result))
        return made


def _start_chunk(chunk: list[Stale], run: _Run) -> _Started:
    """Each stale article's original input read again, and those that still hash as they
    did handed to the run's processor, with the reading settings each was ingested with;
    then its duplicate inputs the same way."""
    started = _start_reads(chunk, run)
    copies = [copy for item in chunk for copy in run.copies.get(item.article_id, ())]
    if copies:
        started.copies = _start_reads(sorted(copies, key=lambda copy: copy.source_uri), run)
    return started


def _start_reads(chunk: list[Stale], run: _Run) -> _Started:
    problems: list[tuple[str, str]] = []
    reads = _read_again(chunk, run.settings.max_bytes, problems)
    groups = []
    for _, same in groupby(reads, key=lambda read: read[0].reading):
        group = list(same)
        own = replace(run.settings, reading=_reading_of(group[0][0], run.settings))
        groups.append((group, run.process([raw for _, raw in group], run.adapters, own)))
    return _Started(problems, groups)


def _read_again(
    chunk: list[Stale], max_bytes: int, problems: list[tuple[str, str]]
) -> list[tuple[Stale, RawInput]]:
    """Each stale article's original input as read now, where it still hashes as it did."""
    reads: list[tuple[Stale, RawInput]] = []
    for file_uri, group in groupby(chunk, key=lambda item: item.source_uri.split("#")[0]):
        wanted = {item.source_uri: item for item in group}
        # An input ingested under a higher --max-bytes is read again under its own size.
        limit = max(max_bytes, reread_limit(item.size for item in wanted.values()))
        for raw in _inputs_of(file_uri, limit):
            if not wanted:
                break  # the rest of a large WARC or JSON lines file holds none of the chunk's
            STOP.check()  # neither this chunk nor the one before is committed: both wait
            item = wanted.pop(raw.uri, None)
            if item is None:
                continue
            if raw.sha256 is None:
                problems.append((raw.uri, f"no longer readable: {raw.rejection}"))
            elif raw.sha256 != item.input_sha256:
                problems.append((raw.uri, "changed since it was ingested: ingest it"))
            elif raw.rejection is not None:
                problems.append((raw.uri, f"now rejected, kept as it was: {raw.rejection}"))
            else:
                reads.append((item, raw))
        problems.extend((uri, "no longer readable") for uri in wanted)
    return reads


def _reading_of(item: Stale, settings: BatchSettings) -> Reading:
    """The settings the article's input was ingested with; the run's when none is recorded."""
    return Reading.from_key(item.reading) if item.reading else settings.reading


def _inputs_of(file_uri: str, max_bytes: int) -> Iterator[RawInput]:
    yield from expand(InputRef(uri=file_uri, path=uri_path(file_uri), size=None), max_bytes)


def _run_row(stamp: RunStamp, outcome: Outcome, status: str) -> Row:
    """Reprocess counts its stale articles as seen, each one re-ingested or rejected."""
    counts = Counts(
        ingested=outcome.new_versions + outcome.replaced, rejected=len(outcome.problems)
    )
    return run_row(stamp, "reprocess", status, counts, seen=outcome.stale)
