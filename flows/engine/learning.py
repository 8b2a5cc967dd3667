"""Learn boilerplate from the corpus: count the lines of newly linked stories per scope, and
cut the lines known as boilerplate from the articles a batch or a reprocess makes.

Counting runs after story linking, in the process that owns the run (under the writer
lock): copies of one story are known only once linked, and counts are read, added to and
written back, which concurrent batches would race on. Each run's linked articles are counted
in one transaction that also records the run in `learned_runs`, so a run whose counting
failed or was killed is counted by the next one, and none is counted twice. An article
teaches its scope only if it is the first of its story there (copies never add to a count);
its lines are its paragraphs and any learned line already cut from it.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from newsnorm.schemas.tables import LEARNED_LINES
from newsnorm.schemas.validate import version_of
from newsnorm.transforms.learned import LearnedLine, countable_lines, cut_learned, learning_scope
from newsnorm.transforms.pipeline import Processed
from newsnorm.transforms.text import normalize_text
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.learned import (
    Pair,
    add_scope_stories,
    counted_scopes,
    known_lines,
    record_learned_run,
    stored_counts,
    stories_before,
    taught_text,
    teachers,
    unlearned_runs,
    write_counts,
)
from newsnorm.warehouse.transaction import outside_transaction, transaction
from newsnorm.warehouse.writer import Connection

logger = logging.getLogger(__name__)

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


def learn_boilerplate(warehouse: Warehouse) -> LearnSummary | None:
    """Count what no run has counted yet, after linking (the caller holds the writer lock).
    A failure is logged, never fails the run: the next run counts what this one did not."""
    try:
        with open_warehouse(warehouse, read_only=False) as connection:
            summary = learn_new_stories(connection, LEARN_CHUNK)
    except Exception:
        logger.exception("could not learn boilerplate from the new articles of %s", warehouse.root)
        return None
    if summary.stories:
        logger.info("learned boilerplate: %s", summary.describe())
    return summary


def learn_new_stories(connection: Connection, chunk: int = LEARN_CHUNK) -> LearnSummary:
    """Count the linked articles of every run not counted yet, oldest run first.

    What a run's counting only reads (articles, stories, runs counted before) is read
    outside its transaction, which holds memory for every query until it ends: inside,
    the scans chunk after chunk grew with the warehouse (1.1 GiB at 100,000 articles)."""
    summary = LearnSummary()
    with outside_transaction(connection) as reader:
        for run_id in unlearned_runs(connection):
            now = datetime.now(UTC)
            with transaction(connection):
                stories, lines = _learn_run((connection, reader), run_id, chunk, now)
                record_learned_run(connection, run_id, stories, lines, now)
            summary.runs += 1
            summary.stories += stories
            summary.lines += lines
    return summary


# The run's transaction (what it writes, and reads back) and a reader outside it.
_Connections = tuple[Connection, Connection]


def _learn_run(
    connections: _Connections, run_id: str, chunk: int, now: datetime
) -> tuple[int, int]:
    """Count one run's teaching articles, chunk by chunk; returns (stories, rows written)."""
    connection, reader = connections
    taught = teachers(reader, run_id)
    if not taught:
        return 0, 0
    # Scopes with stories counted before (earlier runs, earlier chunks): only their lines can
    # have a stored count or an earlier story, so only they are looked up.
    with_past = set(counted_scopes(connection, {scope for _, scope in taught}))
    lines = 0
    for start in range(0, len(taught), chunk):
        part = taught[start : start + chunk]
        lines += _count_chunk(connections, run_id, part, with_past, now)
        with_past.update(scope for _, scope in part)
    add_scope_stories(connection, Counter(scope for _, scope in taught), run_id, now)
    return len(taught), lines


def _count_chunk(
    connections: _Connections,
    run_id: str,
    chunk: Sequence[Pair],
    with_past: set[str],
    now: datetime,
) -> int:
    """Add one chunk of teaching articles (article_id, scope) to the counts; a line enters
    the table once a second story carries it. Returns the rows written."""
    connection, reader = connections
    paragraphs, removed = taught_text(reader, [article_id for article_id, _ in chunk])
    carried: Counter[Pair] = Counter()
    first_ids: dict[str, str] = {}
    for article_id, scope in chunk:
        first_ids.setdefault(scope, article_id)
        cut = (normalize_text(text) for text in removed.get(article_id, ()))
        lines = countable_lines([*paragraphs.get(article_id, ()), *cut])
        carried.update((scope, line) for line in lines)
    past = [pair for pair in carried if pair[0] in with_past]
    # Counts this transaction wrote for earlier chunks are read inside it.
    stored = stored_counts(connection, past) if past else {}
    missing = [pair for pair in past if pair not in stored]
    before = stories_before(reader, run_id, first_ids, missing) if missing else {}
    version = version_of(LEARNED_LINES)
    rows: list[dict[str, object]] = []
    for (scope, line), count in carried.items():
        known = stored.get((scope, line))
        stories = count + (known.stories if known else before.get((scope, line), 0))
        if stories < 2:
            continue  # seen in one story: nothing recurs (yet)
        rows.append(
            {
                "scope": scope,
                "line": line,
                "stories": stories,
                "first_run_id": known.first_run_id if known else run_id,
                "first_seen_at": known.first_seen_at if known else now,
                "run_id": run_id,
                "updated_at": now,
                "schema_version": version,
            }
        )
    write_counts(connection, rows)
    return len(rows)


def cut_known_lines(
    connection: Connection, results: Sequence[tuple[str, Processed]]
) -> list[Processed]:
    """Each (source_uri, processed input) with the lines known in its scope cut from its
    article (`transforms.learned.cut_learned`); known lines are read for these scopes only."""
    scopes = [
        learning_scope(result.article.url, result.article.site, uri) for uri, result in results
    ]
    known: defaultdict[str, dict[str, LearnedLine]] = defaultdict(dict)
    for scope, line, stories, scope_stories in known_lines(connection, scopes):
        known[str(scope)][str(line)] = LearnedLine(
            str(scope), str(line), int(stories), int(scope_stories)
        )
    return [
        replace(result, article=cut_learned(result.article, result.text, known[scope]))
        if scope in known
        else result
        for scope, (_, result) in zip(scopes, results, strict=True)
    ]
