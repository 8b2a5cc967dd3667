"""Near-duplicate detection for story clustering: MinHash over word shingles of a body.

A syndicated story reaches many sites verbatim, trimmed to an excerpt, re-headlined or
with each site's own cruft. Bodies that share most of their word 5-grams are copies of
one story. MinHash signatures (transforms.minhash) estimate that overlap cheaply; their band
keys, stored in the warehouse and joined there, find candidate pairs without comparing
every pair; each candidate is then verified on the exact shingle sets.

Excerpts are why the verified measure is containment (shared shingles over the smaller
set), not Jaccard: a third of a story shares a Jaccard of ~0.3 with the whole, but a
containment of ~1. Bands of two rows make a pair with Jaccard 0.2 a candidate 93% of
the time, so excerpts down to about a fifth of the full story are found.

Linking stays near-linear however many articles share text (one wire story on thousands
of sites): a band key shared by very many articles says little, so a new article meets a
bounded sample of its stored holders (`bucket_cap`), keeps those it shares most band keys
with (`candidate_cap`), and `verify_candidates` skips a
candidate already in the new article's story once that article has `spare_links` links,
so each article costs a bounded number of exact comparisons.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from typing import Any

import numpy as np

from newsnorm.transforms.minhash import DEFAULT_ENGINE, signature

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class StorySettings:
    """How copies are found; the defaults are what the labelled-set benchmark chose
    (bench/stories.py prints precision and recall for other values)."""

    shingle_words: int = 5
    num_perm: int = 128
    band_rows: int = 2
    # A candidate pair is a copy when this share of the smaller body's shingles is in the
    # larger one, and they share at least `min_shared` shingles (short notes stay apart).
    min_containment: float = 0.5
    min_shared: int = 20
    # Candidates whose containment estimated from the signatures is below this share of
    # `min_containment` are not compared exactly (the estimate errs by up to ~0.2 on excerpts).
    candidate_margin: float = 0.5
    # A new article meets at most this many stored holders of one band key (a sample by
    # article id): keys in thousands of fingerprints say little, and meeting all of them
    # made linking quadratic in the number of copies of one story.
    bucket_cap: int = 16
    # ... and keeps the stored articles it shares most band keys with, at most this many:
    # the likeliest copies, and enough to join every story it belongs to.
    candidate_cap: int = 16
    # Links an article keeps verifying to members of a story it already joined: more than
    # one, so forgetting one copy rarely splits a story whose other copies are alike.
    spare_links: int = 2
    # Which MinHash makes signatures (transforms.minhash.ENGINES): rensa where installed.
    engine: str = DEFAULT_ENGINE

    @property
    def candidate_floor(self) -> float:
        return self.min_containment * self.candidate_margin

    @property
    def bands(self) -> int:
        return self.num_perm // self.band_rows

    def version(self) -> str:
        """Stored with each fingerprint: fingerprints made with other settings never meet."""
        engine = f"-{self.engine}" if self.engine else ""
        return f"w{self.shingle_words}-p{self.num_perm}-r{self.band_rows}{engine}"


DEFAULT_SETTINGS = StorySettings()


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the warehouse keeps per article to find its copies later."""

    shingle_count: int
    minhash: tuple[int, ...]
    bands: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Similarity:
    """Exact overlap of two bodies' shingle sets."""

    shared: int
    jaccard: float
    containment: float


# A body is compared by its first this many words: far past any news story (a long read is
# ~15,000), it bounds the memory linking takes for one text of megabytes (a 10 MB input's
# 1.5 million runs took ~400 MiB) at a few MiB.
MAX_STORY_WORDS = 50_000
# Characters read for them: a cut at a space past this many, words being far shorter.
_MAX_STORY_CHARS = MAX_STORY_WORDS * 40


def story_words(body: str) -> list[str]:
    """Lower-case words of a body (its first MAX_STORY_WORDS), compatibility-normalized, so
    typography (curly quotes, ligatures, case) never separates two copies. Fingerprints and
    the exact verification both read these."""
    if len(body) > _MAX_STORY_CHARS:
        cut = body.rfind(" ", 0, _MAX_STORY_CHARS)
        body = body[: cut if cut > 0 else _MAX_STORY_CHARS]
    return _WORD.findall(unicodedata.normalize("NFKC", body).casefold())[:MAX_STORY_WORDS]


def shingles(body: str, size: int = DEFAULT_SETTINGS.shingle_words) -> frozenset[str]:
    """The body's overlapping runs of `size` words; a body shorter than that is one run."""
    words = story_words(body)
    if len(words) <= size:
        return frozenset([" ".join(words)]) if words else frozenset()
    # Runs as tuples from `size` shifted views of the words: a slice per run cost 1.5x as much.
    views = (words[i:] for i in range(size))  # of unequal lengths: zip stops at the shortest
    return frozenset(map(" ".join, zip(*views, strict=False)))


def fingerprint(
    shingle_set: frozenset[str], settings: StorySettings = DEFAULT_SETTINGS
) -> Fingerprint | None:
    """MinHash and band keys of a shingle set; None when too small to ever be linked."""
    if len(shingle_set) < settings.min_shared:
        return None
    values = signature(shingle_set, settings.num_perm, settings.engine)
    return Fingerprint(len(shingle_set), values, band_keys(values, settings.band_rows))


# splitmix64's constants: a cheap, well-mixed 64-bit hash of a band's values and position.
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)


def band_keys(minhash: tuple[int, ...], rows: int) -> tuple[int, ...]:
    """One signed 64-bit key per band of `rows` values, the band's index mixed in, so
    equal keys mean an equal band at the same place (collisions otherwise ~2^-64)."""
    bands = len(minhash) // rows
    values = np.array(minhash[: bands * rows], dtype=np.uint64).reshape(bands, rows)
    return tuple(int(key) for key in splitmix_keys(values).view(np.int64))


def splitmix_keys(values: Any) -> Any:
    """The band keys (unsigned) of an array of bands (..., bands, rows) of uint64 values:
    one signature's, or a chunk's at once (transforms.handoff)."""
    with np.errstate(over="ignore"):  # wrapping arithmetic is the point
        keys = np.arange(values.shape[-2], dtype=np.uint64) * _GOLDEN
        for column in range(values.shape[-1]):
            keys = _splitmix(keys ^ values[..., column])
    return keys


def _splitmix(x: Any) -> Any:
    x = x + _GOLDEN
    x = (x ^ (x >> np.uint64(30))) * _MIX_1
    x = (x ^ (x >> np.uint64(27))) * _MIX_2
    return x ^ (x >> np.uint64(31))


def estimated_containment(a: Fingerprint, b: Fingerprint) -> float:
    """Containment estimated from two signatures, as story linking's candidate filter
    (warehouse/story_links.py) and the SQL macros of the `copies` view compute it: Jaccard J
    is the share of equal MinHash values, shared shingles J(|A|+|B|)/(1+J), over the smaller
    set."""
    jaccard = sum(x == y for x, y in zip(a.minhash, b.minhash, strict=True)) / len(a.minhash)
    shared = jaccard * (a.shingle_count + b.shingle_count) / (1 + jaccard)
    return shared / min(a.shingle_count, b.shingle_count)


def similarity(a: frozenset[str], b: frozenset[str]) -> Similarity:
    return similarity_of_counts(len(a & b), len(a), len(b))


def similarity_of_counts(shared: int, size_a: int, size_b: int) -> Similarity:
    """Shared shingles, Jaccard and containment from the two sets' sizes and their
    intersection's: one arithmetic for string sets and hashed shingles alike."""
    union = size_a + size_b - shared
    smaller = min(size_a, size_b)
    return Similarity(
        shared=shared,
        jaccard=shared / union if union else 0.0,
        containment=shared / smaller if smaller else 0.0,
    )


def is_copy(found: Similarity, settings: StorySettings = DEFAULT_SETTINGS) -> bool:
    """Whether a verified candidate pair is one story."""
    return found.shared >= settings.min_shared and found.containment >= settings.min_containment


class _Forest:
    """Union-find over article ids whose root is always the smallest member's id, so a
    story's id does not depend on the order its links were found in."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def find(self, node: str) -> str:
        parent = self._parent
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self._parent[max(root_a, root_b)] = min(root_a, root_b)


def verify_candidates(
    candidates: Mapping[tuple[str, str], float],
    current: Mapping[str, str],
    verify: Callable[[str, str], Similarity | None],
    spare_links: int = DEFAULT_SETTINGS.spare_links,
) -> list[tuple[str, str, Similarity]]:
    """The verified copies among candidate pairs (with their estimated containment), most
    alike first; `verify` gives a pair's similarity when it is a copy, else None.

    A pair whose articles are already in one story (`current`: a stored article's story
    id, or links found here) is skipped once both have `spare_links` links here: it
    would change no story, and comparing every copy of a story with every other was
    quadratic. The stories found are the same as verifying every pair."""
    forest = _Forest()
    for article, story in current.items():
        forest.union(article, story)
    linked: dict[str, int] = {}
    links = []
    # Most alike first, ties by ids: sorted by ids, then stably by estimate (reverse keeps
    # ties in order), a third of the CPU of one sort on a built key (~16,000 pairs a chunk).
    by_ids = sorted(candidates.items())
    for (a, b), _ in sorted(by_ids, key=itemgetter(1), reverse=True):
        joined = forest.find(a) == forest.find(b)
        if joined and min(linked.get(a, 0), linked.get(b, 0)) >= spare_links:
            continue
        found = verify(a, b)
        if found is None:
            continue
        links.append((a, b, found))
        forest.union(a, b)
        linked[a] = linked.get(a, 0) + 1
        linked[b] = linked.get(b, 0) + 1
    return links


def assign_stories(
    current: Mapping[str, str],
    new_articles: Iterable[str],
    links: Iterable[tuple[str, str]],
) -> dict[str, str]:
    """Story ids after adding `new_articles` and verified `links`; only what changed.

    `current` maps each already-stored article that a link touches, and every other
    member of those articles' stories, to its story id. A story's id is the smallest
    article id among its members: the same whatever order the copies arrived in, since
    the links found do not depend on it either. Linked stories merge.
    """
    forest = _Forest()
    for article, story in current.items():
        forest.union(article, story)  # a story id is its smallest member's article id
    new = list(new_articles)
    for article in new:
        forest.find(article)
    for a, b in links:
        forest.union(a, b)
    changed = {}
    for article in [*current, *new]:
        story = forest.find(article)
        if current.get(article) != story:
            changed[article] = story
    return changed


@dataclass(frozen=True, slots=True)
class CopyFacts:
    """What choosing a story's original looks at, for one copy."""

    article_id: str
    url: str | None
    site: str | None
    syndicator: str | None
    original_url: str | None
    published_at: datetime | None
    ingested_at: datetime
    # The publisher a notice on this copy names as the source ("originally appeared on Grist").
    original_publisher: str | None = None
    # The calendar day the copy states without an instant (a JSON date with no zone).
    published_on: date | None = None
