"""A linking chunk: its articles, the bodies read for it, and its fingerprints, made on
`linking`'s thread one chunk ahead of the chunk being linked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsnorm.transforms.stories import Fingerprint, StorySettings, fingerprint, shingles


@dataclass(frozen=True, slots=True)
class Chunk:
    """A chunk's articles (in id order) with the bodies read so far (those fingerprinted
    here), the first and last row id of its rows, and its fingerprints."""

    article_ids: list[str]
    bodies: dict[str, str]
    span: tuple[int, int]
    prints: dict[str, Fingerprint | None]


def fingerprinted(
    article_ids: Sequence[str],
    bodies: dict[str, str],
    span: tuple[int, int],
    settings: StorySettings,
    given: dict[str, Fingerprint | None],
) -> Chunk:
    """The chunk's fingerprints, made here for the articles not `given`. Their shingle sets
    go once the MinHash is made: verification compares hashed shingles, made for the
    paired articles only (holding 1,000 string sets cost ~70 MB)."""
    ordered = sorted(article_ids)
    prints = {
        a: given[a]
        if a in given
        else fingerprint(shingles(bodies[a], settings.shingle_words), settings)
        for a in ordered
    }
    return Chunk(ordered, bodies, span, prints)
