"""What a linking chunk reads of the stories it changes: the members of renamed stories only,
and of each changed story the copies that can change its original. Both must give what
reading every member gives."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import duckdb
import pyarrow as pa
import pytest

import newsnorm.flows.stories.linking
import newsnorm.flows.stories.originals
from newsnorm.flows.stories.originals import HELD_COPIES, WeighedStories, choose_originals
from newsnorm.transforms.stories import CopyFacts, assign_stories
from newsnorm.transforms.story_originals import choose_original
from newsnorm.warehouse.story_links import story_copies


def test_a_chunk_reads_the_members_of_renamed_stories_only_and_finds_the_same_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On random stored stories, new articles and links, the changes found reading the
    touched articles' stories and the members of the stories renamed are those found
    with every member of every touched story; stories that keep their id go unread."""
    rng = random.Random(7)
    linking = newsnorm.flows.stories.linking
    stories: dict[str, str] = {}
    read: list[set[str]] = []

    def members(_: object, wanted: Any) -> dict[str, str]:
        read.append(set(wanted))
        return {a: s for a, s in stories.items() if s in read[-1]}

    monkeypatch.setattr(linking, "stories_of", lambda _, wanted: {a: stories[a] for a in wanted})
    monkeypatch.setattr(linking, "story_members", members)
    for _ in range(300):
        ids = [f"{n:03d}" for n in rng.sample(range(1000), 30)]
        stored, new = ids[:20], ids[20:]
        stories.clear()
        read.clear()
        for article in stored:  # a story's id is its smallest member's
            group = [a for a in stored if a in stories] if rng.random() < 0.5 else []
            story = stories[rng.choice(group)] if group else article
            stories[article] = story
            for member, was in list(stories.items()):
                if was == story:
                    stories[member] = min(story, article)
        links = [(rng.choice(ids), rng.choice(new)) for _ in range(rng.randrange(6))]
        touched = {x for pair in links for x in pair if x in stories}
        heads = {stories[t] for t in touched}
        expected = assign_stories({a: s for a, s in stories.items() if s in heads}, new, links)
        assert linking._story_changes(None, touched, new, links)[0] == expected
        assert read[0] <= heads
        assert all(expected.get(story, story) != story for story in read[0])


def test_originals_chosen_from_the_copies_read_are_those_chosen_from_every_copy() -> None:
    """`story_copies` returns only the copies that can change the choice; on random
    stories (some copies placed on sites, many undated, some dated by a day only, names
    repeated, ties in dates)
    the originals chosen from them are those chosen from every copy."""
    rng = random.Random(11)
    day = datetime(2026, 1, 1, tzinfo=UTC)
    names = [None, None, None, "Grist", "The Texas Tribune", "Daily Caller News Foundation"]
    facts: dict[str, list[CopyFacts]] = {}
    for story_number in range(120):
        story = f"s{story_number:03d}"
        for copy in range(rng.randrange(1, 40)):
            placed = rng.random() < 0.1
            host = rng.choice(["grist.org", "texastribune.org", "dailycaller.com", "x.com"])
            facts.setdefault(story, []).append(
                CopyFacts(
                    f"{story}-{copy:02d}" if copy else story,
                    f"https://{host}/{story}" if placed else None,
                    rng.choice([None, host]) if placed else None,
                    rng.choice(names),
                    f"https://{host}/{story}" if rng.random() < 0.03 else None,
                    rng.choice([None, None, day + timedelta(days=rng.randrange(3))]),
                    day + timedelta(hours=rng.randrange(3)),
                    rng.choice(names) if rng.random() < 0.1 else None,
                    rng.choice([None, (day + timedelta(days=rng.randrange(-1, 3))).date()]),
                )
            )
    rows = [copy for copies in facts.values() for copy in copies]
    members = {
        "article_id": [c.article_id for c in rows] * 2,
        "story_id": ["old"] * len(rows) + [c.article_id.split("-")[0] for c in rows],
        "assigned_at": [day] * len(rows) + [day + timedelta(days=1)] * len(rows),
    }
    articles = {name: [getattr(c, name) for c in rows] for name in CopyFacts.__slots__}
    connection = duckdb.connect()
    connection.register("members", pa.table(members))
    connection.register("articles", pa.table(articles))
    connection.execute("create table raw_story_members as select * from members")
    connection.execute("create table raw_articles as select * from articles")
    assert len(story_copies(connection, facts)) < 0.6 * len(rows)
    expected = [
        (story, *choose_original(copies)) for story, copies in facts.items() if len(copies) > 1
    ]
    assert sorted(choose_originals(connection, set(facts))) == sorted(expected)
    assert {reason for _, _, reason in expected} >= {
        "original_url",
        "named_publisher",
        "syndicator_host",
        "earliest_published",
        "earliest_published_day",
    }


@pytest.mark.parametrize("limit", [HELD_COPIES, 12])
def test_a_pass_weighs_the_stories_it_met_as_reading_every_copy_would(
    monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    """Chunk after chunk of random links (stories merged, renamed, grown), the originals a
    run weighs from the copies it kept and the new members' facts are those chosen from
    every copy read again; only the stories a chunk merges that the run had not kept (met
    before, of one copy, or let go past the limit of copies kept) are read, before the
    chunk's memberships are written; and no more copies than the limit are kept."""
    rng = random.Random(5)
    day = datetime(2026, 1, 1, tzinfo=UTC)
    hosts = ["grist.org", "texastribune.org", "dailycaller.com", "x.com"]
    names = [None, None, None, "Grist", "The Texas Tribune", "Daily Caller News Foundation"]
    facts = [
        CopyFacts(
            f"{n:04d}",
            f"https://{rng.choice(hosts)}/{n % 50}" if rng.random() < 0.1 else None,
            rng.choice(hosts) if rng.random() < 0.15 else None,
            rng.choice(names),
            f"https://{rng.choice(hosts)}/{n % 50}" if rng.random() < 0.05 else None,
            rng.choice([None, None, day + timedelta(days=rng.randrange(3))]),
            day + timedelta(hours=rng.randrange(3)),
            rng.choice(names) if rng.random() < 0.1 else None,
            rng.choice([None, (day + timedelta(days=rng.randrange(-1, 3))).date()]),
        )
        for n in rng.sample(range(10_000), 400)
    ]
    connection = duckdb.connect()
    articles = {name: [getattr(c, name) for c in facts] for name in CopyFacts.__slots__}
    connection.register("articles", pa.table(articles))
    connection.execute("create table raw_articles as select * from articles")
    connection.execute(
        "create table raw_story_members "
        "(article_id varchar, story_id varchar, assigned_at timestamptz)"
    )
    read: list[str] = []

    def whole(connection: Any, story_ids: Any) -> list[tuple[Any, ...]]:
        read.extend(story_ids)
        return story_copies(connection, story_ids)

    monkeypatch.setattr(newsnorm.flows.stories.originals, "story_copies", whole)
    weighed, whole_reads, reasons = WeighedStories(limit=limit), [], set()
    for number, start in enumerate(range(0, len(facts), 25)):
        if number == 8:  # a run starts with stories stored
            weighed = WeighedStories(limit=limit)
        stored = [c.article_id for c in facts[:start]]
        new = [c.article_id for c in facts[start : start + 25]]
        links = [(rng.choice(stored or new), rng.choice(new)) for _ in range(rng.randrange(12))]
        links += [(rng.choice(new), rng.choice(new)) for _ in range(rng.randrange(4))]
        touched = {x for pair in links for x in pair if x in stored}
        changed, before = newsnorm.flows.stories.linking._story_changes(
            connection, touched, new, links
        )
        met = set(weighed.held)
        sources = {s for s in before.values() if s in changed.values()}
        sources |= {before[a] for a in changed if a in before}
        read.clear()
        found = weighed.choose(connection, changed, before)  # before the memberships
        weighed.commit()
        assert sorted(read) == sorted(sources - met)  # the stories not met, each once
        assert sum(len(held.copies) for held in weighed.held.values()) <= limit
        connection.executemany(
            "insert into raw_story_members values (?, ?, ?)",
            [(a, s, day + timedelta(minutes=number)) for a, s in changed.items()],
        )
        assert found == sorted(choose_originals(connection, set(changed.values())))
        whole_reads += read
        reasons |= {reason for _, _, reason in found}
    assert whole_reads
    assert reasons >= {"syndicator_host", "earliest_published", "earliest_published_day"}
