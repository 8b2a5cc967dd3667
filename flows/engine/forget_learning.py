"""What a forget does to the learned-line counts (docs/operations.md, "Learned boilerplate").

Learning counts each story once per scope (a site) for every line it carries. A forget takes
out of those counts the stories that leave a scope entirely: the articles it removes, and the
kept articles it gives to an input of another site (`warehouse.forget.rehome_articles`), which
then count in that site's scope instead, as if learning had met them there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from newsnorm.flows.engine.rows import Row, RunStamp
from newsnorm.schemas.tables import LEARNED_LINES
from newsnorm.schemas.validate import version_of
from newsnorm.transforms.learned import countable_lines
from newsnorm.transforms.text import normalize_text
from newsnorm.warehouse.forget import (
    counted_members,
    delete_learned_lines,
    lost_teachers,
    scopes_at_new_homes,
)
from newsnorm.warehouse.learned import (
    StoredCount,
    add_scope_stories,
    stored_counts,
    stories_before,
    taught_text,
    write_counts,
)
from newsnorm.warehouse.story_links import stories_of
from newsnorm.warehouse.writer import Connection

Pair = tuple[str, str]  # (scope, line)
# A counted article a forget gives to an input counted in another scope: its story, the
# scope it is counted in now, and the one it moves to.
Mover = tuple[str, str, str]


def moving_teachers(
    connection: Connection, holders: Mapping[str, tuple[str, str]]
) -> dict[str, Mover]:
    """The counted articles among these kept ones (article -> its new input) whose scope
    changes when they are given to their new input, as (story, old scope, new scope)."""
    new = scopes_at_new_homes(connection, dict(holders))
    stories = sorted(set(stories_of(connection, sorted(new)).values()))
    return {
        article: (story, old, new[article])
        for article, story, old in counted_members(connection, stories)
        if article in new and new[article] != old
    }


def uncount_learned(connection: Connection, leaving: Sequence[str], stamp: RunStamp) -> int:
    """Take the stories these articles take out of a scope entirely out of its learned-line
    counts, as `flows.engine.learning` counted them (run before their rows go or move).
    Returns how many (scope, line) counts went down."""
    teachers = lost_teachers(connection, leaving)
    if not teachers:
        return 0
    lines = _lines_of(connection, teachers)
    now = datetime.now(UTC)
    stored = stored_counts(connection, lines)
    kept = [
        _count_row(pair, count.stories - lines[pair], count, stamp, now)
        for pair, count in stored.items()
        if count.stories - lines[pair] >= 2
    ]
    write_counts(connection, kept)
    delete_learned_lines(
        connection, [pair for pair in stored if stored[pair].stories - lines[pair] < 2]
    )
    scopes = Counter(scope for _, scope in teachers)
    add_scope_stories(
        connection, {scope: -count for scope, count in scopes.items()}, stamp.run_id, now
    )
    return len(stored)


def count_moved(connection: Connection, movers: Mapping[str, Mover], stamp: RunStamp) -> int:
    """Count each mover's story in its new scope, where no other counted article of its
    story is (run after the forgotten articles' rows are gone, before the movers move: the
    stories counted there before are those without them). How many counts went up."""
    stories = sorted({story for story, _, _ in movers.values()})
    present = {
        (scope, story)
        for article, story, scope in counted_members(connection, stories)
        if article not in movers
    }
    teachers: dict[Pair, str] = {}
    for article in sorted(movers):
        story, _, scope = movers[article]
        if (scope, story) not in present:
            teachers.setdefault((scope, story), article)
    if not teachers:
        return 0
    lines = _lines_of(connection, [(article, scope) for (scope, _), article in teachers.items()])
    now = datetime.now(UTC)
    stored = stored_counts(connection, lines)
    missing = [pair for pair in lines if pair not in stored]
    first_ids = {scope: "" for scope, _ in missing}  # no article of this run is counted
    before = stories_before(connection, stamp.run_id, first_ids, missing) if missing else {}
    rows = []
    for pair, count in lines.items():
        known = stored.get(pair)
        stories_now = count + (known.stories if known else before.get(pair, 0))
        if stories_now >= 2:
            rows.append(_count_row(pair, stories_now, known, stamp, now))
    write_counts(connection, rows)
    gained = Counter(scope for scope, _ in teachers)
    add_scope_stories(connection, dict(gained), stamp.run_id, now)
    return len(rows)


def _lines_of(connection: Connection, teachers: Sequence[tuple[str, str]]) -> Counter[Pair]:
    """How many of these (article, scope) teachers carry each (scope, line), counting the
    learned lines cut from them at ingest as learning does."""
    paragraphs, removed = taught_text(connection, [article for article, _ in teachers])
    lines: Counter[Pair] = Counter()
    for article, scope in teachers:
        cut = (normalize_text(text) for text in removed.get(article, ()))
        lines.update((scope, line) for line in countable_lines([*paragraphs[article], *cut]))
    return lines


def _count_row(
    pair: Pair, stories: int, known: StoredCount | None, stamp: RunStamp, now: datetime
) -> Row:
    scope, line = pair
    return {
        "scope": scope,
        "line": line,
        "stories": stories,
        "first_run_id": known.first_run_id if known else stamp.run_id,
        "first_seen_at": known.first_seen_at if known else now,
        "run_id": stamp.run_id,
        "updated_at": now,
        "schema_version": version_of(LEARNED_LINES),
    }
