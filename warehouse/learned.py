"""What learning boilerplate reads from and writes to the warehouse: runs not counted yet,
the articles that teach, stored counts, earlier stories carrying a line, the known lines.

The SQL lives here; `flows.engine.learning` decides what to count and
`transforms.learned` what a line is and how it is cut.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import pyarrow as pa

from newsnorm.schemas.tables import LEARNED_LINES, LEARNED_RUNS, LEARNED_SCOPES
from newsnorm.schemas.validate import to_table, version_of
from newsnorm.warehouse.lake import physical_table
from newsnorm.warehouse.story_links import LATEST_MEMBERS
from newsnorm.warehouse.writer import Connection, insert_tables, keys_relation, registered

Pair = tuple[str, str]  # (scope, line)

# Linked articles with their scope and story; only articles long enough to be linked (with
# band keys) take part: a short one's copies could not be told apart from other stories.
_SCOPED = f"""
    members as ({LATEST_MEMBERS}),
    scoped as (
        select a.article_id, learning_scope(a.url, a.site, a.source_uri) as scope,
            a.paragraphs, f.run_id, m.story_id
        from raw_articles a
        join raw_story_fingerprints f using (article_id)
        join members m using (article_id)
        where f.bands is not null
    )
"""

# An article linked by run $run teaches its scope when no other member of its story in that
# scope came before it: linked by a run already counted, or by this run with a smaller id.
# Windows over (scope, story), not a self-join: one story with thousands of copies in one
# scope made the self-join quadratic (50,000 copies of one wire story: gigabytes).
_TEACHERS = f"""
    with {_SCOPED},
    mates as (
        select article_id, scope, story_id, run_id,
            run_id in (select run_id from raw_learned_runs) as counted
        from scoped where story_id in (select story_id from scoped where run_id = $run)
    ),
    firsts as (
        select article_id, scope, run_id,
            bool_or(counted) over story_scope as counted_before,
            min(article_id) filter (where run_id = $run) over story_scope as first_new
        from mates
        window story_scope as (partition by scope, story_id)
    )
    select article_id, scope from firsts
    where run_id = $run and not counted_before and article_id = first_new
    order by scope, article_id
"""

# How many different stories counted before a chunk carry each wanted (scope, line): those
# of counted runs, and this run's articles before the chunk's first teacher of that scope
# (teachers are counted in id order, so every story among those is counted already).
_STORIES_BEFORE = f"""
    with {_SCOPED},
    earlier as (
        select s.scope, s.story_id, s.paragraphs from scoped s join chunk_scopes c using (scope)
        where s.run_id in (select run_id from raw_learned_runs)
            or (s.run_id = $run and s.article_id < c.first_id)
    ),
    carried as (
        select scope, story_id, unnest(paragraphs) as line from earlier
    )
    select scope, line, count(distinct story_id) from carried
    join wanted_pairs using (scope, line)
    group by scope, line
"""

# The lines `_STORIES_BEFORE` may count for run $run (of counted runs and of this run), by
# (scope, line), story and article, in the scopes the run teaches (`run_scopes`: no other
# scope's line is asked about). Two scans a run: a 64-bit hash of each (scope, line)
# (`_LINE_KEYS`, the repeated ones found in numpy: grouping a million keys in DuckDB held
# ~200 MiB at diverse 100k), then the strings of the repeated ones alone (`_RECURRING`).
_CARRIED = f"""
    with {_SCOPED},
    carried as (
        select scope, story_id, article_id,
            run_id in (select run_id from raw_learned_runs) as counted,
            unnest(paragraphs) as line
        from scoped join run_scopes using (scope)
        where run_id = $run or run_id in (select run_id from raw_learned_runs)
    )
"""
_LINE_KEYS = f"{_CARRIED} select hash(scope, line) as key from carried"

# The pairs with repeated keys that two or more stories carry and no count is stored for,
# with what `EarlierStories` needs of each story: whether a counted run's article carries
# the line, else the smallest id of this run's articles carrying it. A hash collision only
# adds a pair to look at, so the answer stays exact.
_RECURRING = f"""
    {_CARRIED},
    stories as (
        select scope, line, story_id, bool_or(counted) as counted,
            min(article_id) filter (where not counted) as first_new
        from carried where hash(scope, line) in (select key from repeated_keys)
        group by scope, line, story_id
    )
    select scope, line, count(*) filter (where counted),
        list(first_new order by first_new) filter (where not counted)
    from stories s
    where not exists (
        select 1 from raw_learned_lines l where l.scope = s.scope and l.line = s.line
    )
    group by scope, line having count(*) >= 2
"""


@dataclass(frozen=True, slots=True)
class StoredCount:
    stories: int
    first_run_id: str
    first_seen_at: datetime


def unlearned_runs(connection: Connection) -> list[str]:
    """Runs that linked articles and whose articles are not counted yet, oldest first."""
    rows = connection.execute(
        "select f.run_id from raw_story_fingerprints f left join raw_runs r using (run_id) "
        "where f.run_id not in (select run_id from raw_learned_runs) "
        "group by f.run_id order by min(r.started_at) nulls last, f.run_id"
    ).fetchall()
    return [str(row[0]) for row in rows]


def teachers(connection: Connection, run_id: str) -> pa.Table:
    """(article_id, scope) of every article of `run_id` that teaches, by scope and id, as
    Arrow: ~40 bytes a teacher where Python's tuples took ~210 (a 100,000-article run's
    held ~20 MiB through its learning; docs/history/scale.md, ppeak30)."""
    return connection.execute(_TEACHERS, {"run": run_id}).to_arrow_table()


def teacher_pairs(taught: pa.Table) -> list[Pair]:
    """Rows of `teachers` (a slice of them) as (article_id, scope) pairs."""
    ids, scopes = taught.column("article_id").to_pylist(), taught.column("scope").to_pylist()
    return [(str(article_id), str(scope)) for article_id, scope in zip(ids, scopes, strict=True)]


def taught_text(
    connection: Connection, article_ids: Sequence[str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The paragraphs of these articles, and the text of learned lines cut from them at
    ingest (a known line still counts in the stories that no longer show it)."""
    with keys_relation(connection, "teacher_ids", article_ids):
        paragraphs = connection.execute(
            "select article_id, paragraphs from raw_articles "
            "where article_id in (select key from teacher_ids)"
        ).fetchall()
        cut = connection.execute(
            "select b.article_id, b.text from raw_boilerplate b join raw_articles a "
            "on a.article_id = b.article_id and a.input_sha256 = b.input_sha256 "
            "where b.rule = 'learned-boilerplate' and b.article_id in (select key from teacher_ids)"
        ).fetchall()
    removed: dict[str, list[str]] = {}
    for article_id, text in cut:
        removed.setdefault(str(article_id), []).append(str(text))
    return {str(a): [str(line) for line in lines] for a, lines in paragraphs}, removed


def counted_scopes(connection: Connection, scopes: Iterable[str]) -> dict[str, int]:
    """How many stories were counted in each of these scopes (those with any)."""
    with keys_relation(connection, "wanted_scopes", sorted(scopes)):
        rows = connection.execute(
            "select scope, stories from raw_learned_scopes "
            "where scope in (select key from wanted_scopes) and stories > 0"
        ).fetchall()
    return {str(scope): int(stories) for scope, stories in rows}


def stored_counts(connection: Connection, pairs: Iterable[Pair]) -> dict[Pair, StoredCount]:
    """The stored count of each of these (scope, line) pairs that has one."""
    with _pairs_relation(connection, "wanted_pairs", pairs):
        rows = connection.execute(
            "select scope, line, stories, first_run_id, first_seen_at from raw_learned_lines "
            "join wanted_pairs using (scope, line)"
        ).fetchall()
    return {
        (str(scope), str(line)): StoredCount(int(stories), str(first), first_at)
        for scope, line, stories, first, first_at in rows
    }


def stories_before(
    connection: Connection, run_id: str, first_ids: Mapping[str, str], pairs: Iterable[Pair]
) -> dict[Pair, int]:
    """How many different stories counted before carry each (scope, line) of `pairs`;
    `first_ids` gives the chunk's first teacher per scope."""
    scopes = pa.table(
        {
            "scope": pa.array(list(first_ids), pa.string()),
            "first_id": pa.array(list(first_ids.values()), pa.string()),
        }
    )
    with (
        registered(connection, "chunk_scopes", scopes),
        _pairs_relation(connection, "wanted_pairs", pairs),
    ):
        rows = connection.execute(_STORIES_BEFORE, {"run": run_id}).fetchall()
    return {(str(scope), str(line)): int(count) for scope, line, count in rows}


@dataclass(frozen=True, slots=True)
class EarlierStories:
    """The stories that carry one (scope, line) a learning run may count as earlier: those
    of counted runs, and each other story's first article of the run carrying it."""

    counted: int
    firsts: tuple[str, ...]  # sorted

    def before(self, first_id: str) -> int:
        """`stories_before`'s count for a chunk whose first teacher of the scope is
        `first_id`: this run's articles before it are counted already."""
        return self.counted + bisect_left(self.firsts, first_id)


def recurring_pairs(
    connection: Connection, run_id: str, scopes: Iterable[str]
) -> dict[Pair, EarlierStories]:
    """The pairs of these scopes (those run `run_id` teaches) that two or more stories carry
    and no count is stored for, with their stories (`_RECURRING`): a chunk's pair not among
    them has no earlier story."""
    with registered(connection, "run_scopes", pa.table({"scope": sorted(set(scopes))})):
        found = connection.execute(_LINE_KEYS, {"run": run_id}).fetchnumpy()["key"]
        keys = np.sort(found)
        repeated = np.unique(keys[1:][keys[1:] == keys[:-1]])
        if not len(repeated):
            return {}
        with registered(connection, "repeated_keys", pa.table({"key": pa.array(repeated)})):
            rows = connection.execute(_RECURRING, {"run": run_id}).fetchall()
    return {
        (str(scope), str(line)): EarlierStories(int(counted), tuple(sorted(firsts or ())))
        for scope, line, counted, firsts in rows
    }


def write_counts(connection: Connection, rows: Sequence[Mapping[str, object]]) -> None:
    """Replace the rows of these (scope, line) pairs, inside the caller's transaction."""
    _replace(connection, "learned_lines", ("scope", "line"), to_table(rows, LEARNED_LINES))


def add_scope_stories(
    connection: Connection, added: Mapping[str, int], run_id: str, at: datetime
) -> None:
    """Add newly counted stories to each scope's total, inside the caller's transaction."""
    before = counted_scopes(connection, added)
    version = version_of(LEARNED_SCOPES)
    table = to_table(
        [
            {
                "scope": scope,
                "stories": before.get(scope, 0) + count,
                "run_id": run_id,
                "updated_at": at,
                "schema_version": version,
            }
            for scope, count in added.items()
        ],
        LEARNED_SCOPES,
    )
    _replace(connection, "learned_scopes", ("scope",), table)


def record_learned_run(
    connection: Connection, run_id: str, stories: int, lines: int, at: datetime
) -> None:
    row = {
        "run_id": run_id,
        "stories": stories,
        "lines": lines,
        "learned_at": at,
        "schema_version": version_of(LEARNED_RUNS),
    }
    insert_tables(connection, {"learned_runs": to_table([row], LEARNED_RUNS)})


def known_lines(connection: Connection, scopes: Iterable[str]) -> list[tuple[Any, ...]]:
    """(scope, line, stories, scope_stories) of every line cut in these scopes."""
    with keys_relation(connection, "article_scopes", sorted(set(scopes))):
        return connection.execute(
            "select scope, line, stories, scope_stories from learned_boilerplate "
            "where cut and scope in (select key from article_scopes)"
        ).fetchall()


def cut_scopes(connection: Connection, most: int) -> frozenset[str] | None:
    """The scopes holding a line cut (what `known_lines` can find this run), or None past
    `most` of them: asked once at a run's start, so its workers know which articles the
    batches may cut (flows/engine/workers.py)."""
    learned = connection.execute(f"select 1 from {physical_table('learned_lines')} limit 1")
    if learned.fetchone() is None:
        return frozenset()  # nothing learned yet (~4 ms of CPU against the view's ~20)
    rows = connection.execute(
        "select distinct scope from learned_boilerplate where cut limit $most", {"most": most + 1}
    ).fetchall()
    return None if len(rows) > most else frozenset(str(scope) for (scope,) in rows)


def carrying_known_lines(connection: Connection, adapter: str | None) -> list[tuple[Any, ...]]:
    """(article_id, source_uri, input_sha256, adapter, adapter_version) of current articles
    (of `adapter`, if given) whose body still holds a line now cut in their scope; those
    that kept one on purpose (too much of the body, or not found in the input) are left."""
    return connection.execute(
        "select a.article_id, a.source_uri, a.input_sha256, a.adapter, a.adapter_version "
        "from articles a where ($adapter is null or a.adapter = $adapter) "
        "and not list_contains(coalesce(a.warnings, []), 'learned_boilerplate_kept') "
        "and exists (select 1 from learned_boilerplate l where l.cut "
        "and l.scope = learning_scope(a.url, a.site, a.source_uri) "
        "and list_contains(a.paragraphs, l.line)) "
        "order by a.source_uri",
        {"adapter": adapter},
    ).fetchall()


def _pairs_relation(
    connection: Connection, name: str, pairs: Iterable[Pair]
) -> AbstractContextManager[None]:
    listed = list(pairs)
    table = pa.table(
        {
            "scope": pa.array([scope for scope, _ in listed], pa.string()),
            "line": pa.array([line for _, line in listed], pa.string()),
        }
    )
    return registered(connection, name, table)


def _replace(connection: Connection, table: str, keys: tuple[str, ...], rows: pa.Table) -> None:
    if not rows.num_rows:
        return
    physical = physical_table(table)
    match = " and ".join(f"{physical}.{key} = n.{key}" for key in keys)
    with registered(connection, "replacing_rows", rows):
        connection.execute(
            f"delete from {physical} where exists (select 1 from replacing_rows n where {match})"
        )
    insert_tables(connection, {table: rows})
