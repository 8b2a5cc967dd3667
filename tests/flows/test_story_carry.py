"""The hashed shingles a linking run carries from chunk to chunk: the latest paired, within
a byte budget. A dense story's chunks pair mostly the same stored articles, but one a chunk
pairs was often paired a few chunks back rather than by the chunk just before: carrying
only the last chunk's read it again, by id over every data file."""

from __future__ import annotations

from typing import Any

import pytest

import newsnorm.flows.stories.linking as linking
from newsnorm.flows.stories.chunks import Chunk
from newsnorm.transforms.overlap import shingle_hashes
from newsnorm.transforms.stories import DEFAULT_SETTINGS

# Invented bodies, long enough for a few word 5-grams each.
BODIES = {
    name: f"the {name} council of Lowmere voted on the harbour lights and the {name} ferry "
    f"timetable after a long evening of questions from the {name} residents"
    for name in ("alder", "birch", "cedar", "damson", "elder", "fir", "gorse", "hazel")
}


def _chunk(own: list[str]) -> Any:
    """A chunk of `own` articles, their bodies at hand (as when fingerprinted here)."""
    return Chunk(sorted(own), {a: BODIES[a] for a in own}, (0, 0), dict.fromkeys(own))


@pytest.fixture
def stored_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids whose stored bodies linking reads (the chunk's own are at hand)."""
    read: list[str] = []

    def reading(connection: Any, ids: Any, row_ids: Any = None) -> dict[str, str]:
        read.extend(ids)
        return {a: BODIES[a] for a in ids}

    monkeypatch.setattr(linking, "article_bodies", reading)
    return read


def _link(chunks: list[tuple[list[str], set[str]]], carried: dict[str, Any]) -> list[Any]:
    """Each chunk's (own articles, paired articles) through `_hashed_shingles`."""
    hashed = []
    for own, paired in chunks:
        found = linking._hashed_shingles(None, paired, _chunk(own), carried, DEFAULT_SETTINGS)
        hashed.append(found)
    return hashed


def test_a_stored_article_paired_two_chunks_back_is_not_read_again(
    stored_reads: list[str],
) -> None:
    """The stored "alder" is paired by the first and the third chunk, not the second: its
    body is read once, and every chunk gets the shingles its bodies make."""
    chunks = [
        (["birch"], {"alder", "birch"}),
        (["cedar"], {"cedar", "damson"}),
        (["elder"], {"alder", "elder"}),
    ]
    hashed = _link(chunks, {})
    assert stored_reads == ["alder", "damson"]
    for found in hashed:
        for article, shingles in found.items():
            assert shingles.tolist() == shingle_hashes(BODIES[article]).tolist()


def test_past_the_budget_the_least_recently_paired_go_first(
    stored_reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A budget of three bodies' shingles: after three chunks of two new pairings each, what
    the first chunk paired is gone (read again), what the second paired is kept."""
    monkeypatch.setattr(linking, "CARRIED_BYTES", 3 * shingle_hashes(BODIES["alder"]).nbytes)
    carried: dict[str, Any] = {}
    _link([(["birch"], {"alder", "birch"}), (["damson"], {"cedar", "damson"})], carried)
    assert list(carried) == ["cedar", "damson", "alder"]
    _link([(["fir"], {"elder", "fir"})], carried)
    assert list(carried) == ["elder", "fir", "cedar"]
    _link([(["gorse"], {"alder", "cedar", "gorse"})], carried)
    assert stored_reads == ["alder", "cedar", "elder", "alder"]
