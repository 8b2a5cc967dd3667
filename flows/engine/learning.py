"""Learn boilerplate from the corpus: count the lines of newly linked stories per scope, and
cut the lines known as boilerplate from the articles a batch or a reprocess makes.

Counting runs after story linking, in the process that owns the run (under the writer
lock): copies of one story are known only once linked, and counts are read, added to and
written back, which concurrent batches would race on. Each run's counts are written in one
transaction that also records the run in `learned_runs`, so a run whose counting failed or
was killed is counted by the next one, and none is counted twice. An article
teaches its scope only if it is the first of its story there (copies never add to a count);
its lines are its paragraphs and any learned line already cut from it, as the run's batches
kept them (flows/engine/taught.py) or, for the others, read back from the warehouse.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pyarrow.compute as pc

from newsnorm.flows.engine.prebuilt import facts_of
from newsnorm.flows.engine.routing import Read
from newsnorm.flows.engine.taught import TaughtLines, taught_lines
from newsnorm.schemas.tables import LEARNED_LINES
from newsnorm.schemas.validate import version_of
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.learned import LearnedLine, cut_learned, learning_scope
from newsnorm.transforms.pipeline import Processed
from newsnorm.warehouse.learned import (
    EarlierStories,
    Pair,
    StoredCount,
    add_scope_stories,
    counted_scopes,
    known_lines,
    record_learned_run,
    recurring_pairs,
    stored_counts,
    stories_before,
    taught_text,
    teacher_pairs,
    teachers,
    unlearned_runs,
    write_counts,
)
from newsnorm.warehouse.transaction import transaction
from newsnorm.warehouse.writer import Connection

# Teaching articles read per step: bounds memory (their paragraphs and lines) for a backfill,
# while each step's search of the earlier stories covers many articles.
LEARN_CHUNK = 5_000


@dataclass(slots=True)
class LearnSummary:
    """What one learning pass counted."""

    runs: int = 0
    stories: int = 0
    lines: int = 0

    def describe(self) -> str:
        return (
            f"{self.stories} new stories counted from {self.runs} runs, "
            f"{self.lines} recurring lines updated"
        )


def learn_new_stories(
    connection: Connection, chunk: int = LEARN_CHUNK, held: TaughtLines | None = None
) -> LearnSummary:
    """Count the linked articles of every run not counted yet, oldest run first; the lines
    of the teachers `held` (kept by this run's batches, flows/engine/taught.py) are not read
    back.

    A run is counted by reads alone, chunk by chunk; its counts are written with its
    `learned_runs` row in one short transaction at the end. While a transaction is open,
    DuckDB with DuckLake keeps memory for every query made on the instance, its own or
    another cursor's, until it ends: a run counted inside one grew with the warehouse
    (learning alone on 40,000 articles: 449 MiB, against 342 with no transaction open).

    Its queries run on one DuckDB thread: each join over every stored article's paragraphs
    (then `stories_before` a chunk, now `recurring_pairs` a run) held per-thread state, and
    learning alone on 100,000 articles peaked at 422 MiB on two threads, 375 on one
    (docs/history/scale.md, tenth round)."""
    connection.execute("set threads = 1")
    try:
        return _learn_runs(connection, chunk, held)
    finally:
        connection.execute("reset threads")


def _learn_runs(connection: Connection, chunk: int, held: TaughtLines | None) -> LearnSummary:
    summary = LearnSummary()
    for run_id in unlearned_runs(connection):
        now = datetime.now(UTC)
        counted = _learn_run(connection, (run_id, now), chunk, held)
        with transaction(connection):
            write_counts(connection, _count_rows(counted.pending, run_id, now))
            add_scope_stories(connection, counted.scope_stories, run_id, now)
            record_learned_run(connection, run_id, counted.stories, counted.rows, now)
        summary.runs += 1
        summary.stories += counted.stories
        summary.lines += counted.rows
    return summary


@dataclass(slots=True)
class _RunCounts:
    """One run's counting so far: the count of each (scope, line) that recurs (to write at
    the end; later chunks read them here), the rows written per chunk (what `learned_runs`
    records), its teaching stories per scope, and the pairs that may have an earlier story
    (`recurring_pairs`, read once the first chunk asks; a run of one chunk searches the
    stored articles once instead, which reads them once, not twice)."""

    pending: dict[Pair, StoredCount] = field(default_factory=dict)
    rows: int = 0
    scope_stories: Counter[str] = field(default_factory=Counter)
    recurring: dict[Pair, EarlierStories] | None = None
    one_chunk: bool = False
    taught_scopes: frozenset[str] = frozenset()

    @property
    def stories(self) -> int:
        return sum(self.scope_stories.values())


def _learn_run(
    connection: Connection, run: tuple[str, datetime], chunk: int, held: TaughtLines | None
) -> _RunCounts:
    """Count one run's teaching articles, chunk by chunk (`run`: its id and counting time)."""
    run_id, _ = run
    taught = teachers(connection, run_id)  # Arrow; each chunk's made Python in turn
    scopes = frozenset(str(scope) for scope in pc.unique(taught.column("scope")).to_pylist())
    counted = _RunCounts(one_chunk=taught.num_rows <= chunk, taught_scopes=scopes)
    if not taught.num_rows:
        return counted
    # Scopes with stories counted before (earlier runs, earlier chunks): only their lines can
    # have a stored count or an earlier story, so only they are looked up.
    with_past = set(counted_scopes(connection, scopes))
    for start in range(0, taught.num_rows, chunk):
        part = teacher_pairs(taught.slice(start, chunk))
        _count_chunk(connection, run, part, with_past, counted, held)
        with_past.update(scope for _, scope in part)
        counted.scope_stories.update(scope for _, scope in part)
    return counted


def _count_chunk(
    connection: Connection,
    run: tuple[str, datetime],
    chunk: Sequence[Pair],
    with_past: set[str],
    counted: _RunCounts,
    held: TaughtLines | None,
) -> None:
    """Add one chunk of teaching articles (article_id, scope) to the run's counts; a line
    is counted once a second story carries it. `run` is the run's id and its counting time;
    `held`, the lines the run's batches kept (flows/engine/taught.py)."""
    run_id, now = run
    carried: Counter[Pair] = Counter()
    first_ids: dict[str, str] = {}
    cut_only: set[Pair] = set()
    lines, cut = _chunk_lines(connection, [article_id for article_id, _ in chunk], held)
    for article_id, scope in chunk:
        first_ids.setdefault(scope, article_id)
        carried.update((scope, line) for line in lines[article_id])
        cut_only.update((scope, line) for line in cut.get(article_id, ()))
    past = [pair for pair in carried if pair[0] in with_past]
    # This run's counts from earlier chunks, else those of the runs counted before.
    stored = {pair: counted.pending[pair] for pair in past if pair in counted.pending}
    unread = [pair for pair in past if pair not in stored]
    stored |= stored_counts(connection, unread) if unread else {}
    missing = [pair for pair in past if pair not in stored]
    before = _stories_before(connection, run_id, first_ids, missing, cut_only, counted)
    for (scope, line), count in carried.items():
        known = stored.get((scope, line))
        stories = count + (known.stories if known else before.get((scope, line), 0))
        if stories < 2:
            continue  # seen in one story: nothing recurs (yet)
        first = (known.first_run_id, known.first_seen_at) if known else (run_id, now)
        counted.pending[(scope, line)] = StoredCount(stories, *first)
        counted.rows += 1


def _stories_before(
    connection: Connection,
    run_id: str,
    first_ids: dict[str, str],
    missing: Sequence[Pair],
    cut_only: set[Pair],
    counted: _RunCounts,
) -> dict[Pair, int]:
    """How many stories counted before carry each of the `missing` pairs. A pair its
    teacher carries in its paragraphs has an earlier story only if two stories carry it
    (`recurring_pairs`, two scans a run, not a read of every stored article a chunk);
    a pair only cut from its teacher is searched for as before."""
    if not missing:
        return {}
    if counted.one_chunk:
        return stories_before(connection, run_id, first_ids, missing)
    if counted.recurring is None:
        counted.recurring = recurring_pairs(connection, run_id, counted.taught_scopes)
    recurring = counted.recurring
    before = {
        pair: recurring[pair].before(first_ids[pair[0]]) for pair in missing if pair in recurring
    }
    unsure = [pair for pair in missing if pair in cut_only and pair not in recurring]
    if unsure:
        before |= stories_before(connection, run_id, first_ids, unsure)
    return before


def _chunk_lines(
    connection: Connection, article_ids: Sequence[str], held: TaughtLines | None
) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Each teacher's lines: those its batch kept (`held`), the others read back; and
    the lines a read-back teacher carries only as learned lines cut from it."""
    cut: dict[str, frozenset[str]] = {}
    found = held.take(article_ids, cut) if held is not None else {}
    unread = [article_id for article_id in article_ids if article_id not in found]
    if unread:
        paragraphs, removed = taught_text(connection, unread)
        for article_id in unread:
            own = paragraphs.get(article_id, [])
            lines = taught_lines(own, removed.get(article_id, ()))
            found[article_id] = lines
            if article_id in removed:
                cut[article_id] = lines.difference(own)
    return found, cut


def _count_rows(
    counts: dict[Pair, StoredCount], run_id: str, now: datetime
) -> list[dict[str, object]]:
    """The `learned_lines` rows of a run's counts."""
    version = version_of(LEARNED_LINES)
    return [
        {
            "scope": scope,
            "line": line,
            "stories": count.stories,
            "first_run_id": count.first_run_id,
            "first_seen_at": count.first_seen_at,
            "run_id": run_id,
            "updated_at": now,
            "schema_version": version,
        }
        for (scope, line), count in counts.items()
    ]


def cut_known_lines(
    connection: Connection,
    results: Sequence[tuple[str, Processed]],
    cuts: KnownCuts | None = None,
) -> list[Processed]:
    """Each (source_uri, processed input) with the lines known in its scope cut from its
    article (`transforms.learned.cut_learned`); known lines are read for these scopes only,
    or taken from `cuts` where a run's earlier chunk read them."""
    facts = [facts_of(result) for _, result in results]  # a worker's article stays pickled
    scopes = [
        learning_scope(fact.url, fact.site, uri)
        for fact, (uri, _) in zip(facts, results, strict=True)
    ]
    known = (cuts or KnownCuts()).lines(connection, scopes)
    return [
        _cut(result, lines) if (lines := known.get(scope)) else result
        for scope, (_, result) in zip(scopes, results, strict=True)
    ]


def _cut(result: Processed, lines: Mapping[str, LearnedLine]) -> Processed:
    """The result with these lines cut from its article: itself when none was (a worker's
    result keeps its prebuilt rows), else a new one (its rows are built here)."""
    cut = cut_learned(result.article, result.text, lines)
    return result if cut is result.article else Processed(cut, result.encoding, result.text)


def cut_known_lines_of(
    connection: Connection,
    pending: list[tuple[Read, Processed | DocumentRejected]],
    cuts: KnownCuts | None = None,
) -> list[tuple[Read, Processed | DocumentRejected]]:
    """A chunk's inputs with the lines known in each article's scope cut (what earlier runs
    learned), rejections kept in place: cut before an article's id decides whether it is new."""
    processed = [
        (read.raw.uri, result) for read, result in pending if isinstance(result, Processed)
    ]
    if not processed:
        return pending
    cut = iter(cut_known_lines(connection, processed, cuts))
    return [
        (read, next(cut) if isinstance(result, Processed) else result) for read, result in pending
    ]


# Scopes and cut lines a run keeps (a scope with none costs its name, a line ~300 bytes):
# past either, the kept ones are let go and read again when met, so memory stays bounded
# (~15 MiB of lines) on any crawl, whatever the lines a scope has.
KEPT_SCOPES = 20_000
KEPT_LINES = 50_000


class KnownCuts:
    """The lines cut in each scope a run's batches met, each scope read once a run.

    Nothing learns during a run's batches (learning runs after them, under the writer lock
    the run holds), so what one chunk read holds for the next; reading it again cost each
    chunk one catalog query (~25 ms of CPU a chunk, with no line cut anywhere). Batches of
    a task runner (other processes) read theirs chunk by chunk, as reprocess does."""

    def __init__(self, kept_scopes: int = KEPT_SCOPES, kept_lines: int = KEPT_LINES) -> None:
        self._kept_scopes, self._kept_lines = kept_scopes, kept_lines
        self._known: dict[str, dict[str, LearnedLine]] = {}
        self.kept_lines = 0

    def lines(
        self, connection: Connection, scopes: Sequence[str]
    ) -> dict[str, dict[str, LearnedLine]]:
        """The cut lines of each of `scopes` (an empty dict: none), read for those not kept."""
        asked = set(scopes)
        new = asked.difference(self._known)
        if not new:
            return self._known
        full = len(self._known) + len(new) > self._kept_scopes
        if full or self.kept_lines >= self._kept_lines:
            self._known.clear()
            self.kept_lines, new = 0, asked
        named = {scope: scope for scope in new}  # one string a scope, shared by its lines
        read: defaultdict[str, dict[str, LearnedLine]] = defaultdict(dict)
        for scope, line, stories, scope_stories in known_lines(connection, new):
            name, text = named[str(scope)], str(line)
            read[name][text] = LearnedLine(name, text, int(stories), int(scope_stories))
        for scope in new:
            self._known[scope] = read.get(scope) or _NO_LINES
        self.kept_lines += sum(len(lines) for lines in read.values())
        return self._known


_NO_LINES: dict[str, LearnedLine] = {}
