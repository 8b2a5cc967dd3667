"""Choosing each changed story's original, from the copies that can change the choice.

`choose_originals` reads them from the warehouse (`story_copies`: a story's members joined
with their articles). A linking pass changes the same stories chunk after chunk (one wire
story: the whole warehouse, every chunk), so `WeighedStories` keeps, for the stories a
linking run has weighed, the copies that can change their choice and their size: a story a
chunk forms is weighed from the stories it was formed from and its new members' facts, and
only a story the run has not met yet is read, once. Stories only grow or merge while linking,
so what could change an original is among the kept copies and the new members' (the
choice over them is the one over every copy: a test holds it equal).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from newsnorm.transforms.stories import CopyFacts
from newsnorm.transforms.story_originals import choose_original, deciding_copies
from newsnorm.warehouse.story_links import copy_facts, story_copies
from newsnorm.warehouse.writer import Connection


def choose_originals(connection: Connection, story_ids: set[str]) -> list[tuple[str, str, str]]:
    """(story, original, reason) for stories of two or more copies; reads this
    transaction's own membership rows, and of each story the copies that can be chosen
    or that name one (`story_copies`): the choice is the one over every copy."""
    weighed = _read_whole(connection, story_ids)
    return _chosen(weighed)


@dataclass(slots=True)
class _Weighed:
    """A story's copies that can change its original, and how many copies it has."""

    copies: list[CopyFacts]
    size: int


def _read_whole(connection: Connection, story_ids: set[str]) -> dict[str, _Weighed]:
    copies: defaultdict[str, list[CopyFacts]] = defaultdict(list)
    sizes: dict[str, int] = {}
    for row in story_copies(connection, story_ids):
        story, article, *facts, size = row
        copies[str(story)].append(CopyFacts(str(article), *facts))
        sizes[str(story)] = int(size)
    return {story: _Weighed(found, sizes[story]) for story, found in copies.items()}


def _chosen(weighed: Mapping[str, _Weighed]) -> list[tuple[str, str, str]]:
    return [
        (story, *choose_original(held.copies))
        for story, held in sorted(weighed.items())
        if held.size > 1
    ]


# At most this many copies are kept across a run's weighed stories (~0.5 KB each): every
# copy with a URL or a site can decide, so a story of pages keeps all of its copies.
HELD_COPIES = 50_000


@dataclass(slots=True)
class WeighedStories:
    """The stories of two or more copies a linking run has weighed, by story (valid while
    the run holds the writer lock: nothing else changes a story then). A chunk's stories
    take effect only when `commit` is called after its transaction commits: a chunk rolled
    back leaves none. A story of one copy is not kept (most of a diverse run's): it is
    read again, alone, if a later chunk links it. Past `limit` copies the stories weighed
    longest ago are let go, and read again if met, so memory does not grow with the run."""

    held: dict[str, _Weighed] = field(default_factory=dict)
    limit: int = HELD_COPIES
    _pending: dict[str, _Weighed] = field(default_factory=dict)
    _gone: set[str] = field(default_factory=set)

    def choose(
        self, connection: Connection, changed: Mapping[str, str], before: Mapping[str, str]
    ) -> list[tuple[str, str, str]]:
        """Originals of the stories in `changed` (article -> its story now), given `before`
        (each stored article of `changed`, and every other member of a story renamed, ->
        its story before the chunk): what `choose_originals` finds over every copy. Called
        before the chunk's memberships are written: a story formed from one this run has
        not weighed reads that story whole, as it was, and the weighed ones not at all."""
        sources: defaultdict[str, set[str]] = defaultdict(set)
        joined: defaultdict[str, list[str]] = defaultdict(list)
        existed = set(before.values())
        for article, story in changed.items():
            if article in before:
                sources[story].add(before[article])
            else:
                joined[story].append(article)
            if story in existed:
                sources[story].add(story)
        every = {source for found in sources.values() for source in found}
        parts = self.held | _read_whole(connection, every - self.held.keys())
        weighed: dict[str, _Weighed] = {}
        for story in set(changed.values()):
            have = [parts[source] for source in sources[story] if source in parts]
            weighed[story] = _Weighed([], sum(part.size for part in have) + len(joined[story]))
        # A story of one copy has no original to choose (nearly every new article of a
        # diverse run): its member's facts are not read, by id over every data file.
        wanted = [a for story, found in joined.items() if weighed[story].size > 1 for a in found]
        facts = copy_facts(connection, wanted)
        for story, held in list(weighed.items()):
            if held.size > 1:
                have = [parts[source] for source in sources[story] if source in parts]
                new = [facts[a] for a in joined[story] if a in facts]
                copies = deciding_copies([c for part in have for c in part.copies] + new)
                weighed[story] = _Weighed(copies, sum(part.size for part in have) + len(new))
        self._pending = weighed
        self._gone = every - weighed.keys()
        return _chosen(weighed)

    def commit(self) -> None:
        """The last chunk's stories are committed: weigh them so from now on."""
        for story in self._gone | self._pending.keys():
            self.held.pop(story, None)  # re-inserted below: the latest weighed go last
        self.held |= {story: held for story, held in self._pending.items() if held.size > 1}
        self._pending, self._gone = {}, set()
        total = sum(len(held.copies) for held in self.held.values())
        while total > self.limit:
            oldest = next(iter(self.held))
            total -= len(self.held.pop(oldest).copies)
