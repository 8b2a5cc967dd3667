"""Story linking on the labelled set: precision, recall and speed per threshold setting.

For the default `StorySettings` and a sweep that varies one knob at a time around it
(min_containment, band_rows, shingle_words), it prints per setting: pair precision and
recall of the whole decision (the pair shares a band key, so the warehouse would meet it,
and `is_copy` holds on its exact shingle counts, taken as linking takes them, on hashed
shingles: transforms.overlap), false positives per kind of negative,
recall per kind of copy, the LSH candidate recall (copies sharing >= 1 band key) and the
candidate rate on negatives, and throughput: pairs/s (shingle + fingerprint both bodies +
verify) and fingerprints/s (shingle + fingerprint one body).

The labelled set comes from bench/story_pairs.py (dev corpus and benchmark bodies in
../shared/); without them it prints why and exits 0.

Usage, from the repository root:
    .venv/bin/python bench/stories.py
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from story_pairs import COPY_KINDS, NEGATIVE_KINDS, SHARED, Pair, load_pairs

from newsnorm.transforms.overlap import overlap, shingle_hashes
from newsnorm.transforms.stories import (
    DEFAULT_SETTINGS,
    Fingerprint,
    StorySettings,
    estimated_containment,
    fingerprint,
    is_copy,
    shingles,
)

SPEED_SAMPLE = 100  # pairs timed per setting (best of SPEED_REPEATS): cheap on 2 shared cores
SPEED_REPEATS = 3


def sweep(base: StorySettings = DEFAULT_SETTINGS) -> list[tuple[str, StorySettings]]:
    """The default, then one knob at a time around it (not the cross product)."""
    rows = [("default", base)]
    for value in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        rows.append((f"min_containment={value}", replace(base, min_containment=value)))
    for rows_per_band in (1, 2, 3, 4):
        rows.append((f"band_rows={rows_per_band}", replace(base, band_rows=rows_per_band)))
    for words in (3, 4, 5, 7):
        rows.append((f"shingle_words={words}", replace(base, shingle_words=words)))
    for shared in (10, 20, 30, 40):
        rows.append((f"min_shared={shared}", replace(base, min_shared=shared)))
    return [row for row in rows if row[0] == "default" or row[1] != base]
    return rows


@dataclass(frozen=True, slots=True)
class Result:
    label: str
    precision: float
    recall: float
    recall_by_kind: dict[str, float]
    false_by_kind: dict[str, int]
    candidate_recall: float
    candidate_rate_negatives: float
    pairs_per_second: float
    fingerprints_per_second: float


class Cache:
    """Shingle sets and fingerprints per body and setting, so the sweep pays once for each."""

    def __init__(self) -> None:
        self.shingles: dict[tuple[str, int], frozenset[str]] = {}
        self.fingerprints: dict[tuple[str, str], Fingerprint | None] = {}
        self.hashes: dict[tuple[str, int], Any] = {}

    def shingle_set(self, body: str, settings: StorySettings) -> frozenset[str]:
        key = (body, settings.shingle_words)
        if key not in self.shingles:
            self.shingles[key] = shingles(body, settings.shingle_words)
        return self.shingles[key]

    def hashed(self, body: str, settings: StorySettings) -> Any:
        """The body's hashed shingles, which linking verifies on."""
        key = (body, settings.shingle_words)
        if key not in self.hashes:
            self.hashes[key] = shingle_hashes(body, settings.shingle_words)
        return self.hashes[key]

    def fingerprint(self, body: str, settings: StorySettings) -> Fingerprint | None:
        """`fingerprint(…, settings)`, made once per version: min_shared only decides
        which sets are too small (None), so that is applied to the cached one."""
        key = (body, settings.version())
        if key not in self.fingerprints:
            every = replace(settings, min_shared=1)
            self.fingerprints[key] = fingerprint(self.shingle_set(body, settings), every)
        found = self.fingerprints[key]
        return found if found is not None and found.shingle_count >= settings.min_shared else None


def candidate(a: Fingerprint | None, b: Fingerprint | None, settings: StorySettings) -> bool:
    """Whether the warehouse would compare them exactly: they share a band key (a None
    fingerprint is never stored) and their estimated containment reaches the floor."""
    return (
        a is not None
        and b is not None
        and not set(a.bands).isdisjoint(b.bands)
        and estimated_containment(a, b) >= settings.candidate_floor
    )


def speed_once(pairs: Sequence[Pair], settings: StorySettings) -> tuple[float, float]:
    """Seconds for (linking the pairs, fingerprinting their bodies), uncached: what a new
    pair costs end to end."""
    size = settings.shingle_words
    start = time.perf_counter()
    for pair in pairs:
        set_a, set_b = shingles(pair.a, size), shingles(pair.b, size)
        if candidate(fingerprint(set_a, settings), fingerprint(set_b, settings), settings):
            found = overlap(shingle_hashes(pair.a, size), shingle_hashes(pair.b, size))
            is_copy(found, settings)
    middle = time.perf_counter()
    for pair in pairs:
        fingerprint(shingles(pair.a, size), settings)
        fingerprint(shingles(pair.b, size), settings)
    return middle - start, time.perf_counter() - middle


def speeds(pairs: Sequence[Pair], settings: Sequence[StorySettings]) -> list[tuple[float, float]]:
    """(pairs/s, fingerprints/s) per setting: best of SPEED_REPEATS rounds over all settings,
    interleaved, so a burst of load from other processes is not pinned on one setting."""
    best = [(float("inf"), float("inf"))] * len(settings)
    for _ in range(SPEED_REPEATS):
        for i, one in enumerate(settings):
            pair_seconds, print_seconds = speed_once(pairs, one)
            best[i] = (min(best[i][0], pair_seconds), min(best[i][1], print_seconds))
    return [(len(pairs) / p, 2 * len(pairs) / f) for p, f in best]


def evaluate(
    label: str,
    pairs: Sequence[Pair],
    settings: StorySettings,
    cache: Cache,
    speed: tuple[float, float],
) -> Result:
    linked: Counter[str] = Counter()
    candidates: Counter[bool] = Counter()
    kinds = Counter(pair.kind for pair in pairs)
    labels = Counter(pair.copy for pair in pairs)
    for pair in pairs:
        met = candidate(
            cache.fingerprint(pair.a, settings), cache.fingerprint(pair.b, settings), settings
        )
        candidates[pair.copy] += met
        if met:
            found = overlap(cache.hashed(pair.a, settings), cache.hashed(pair.b, settings))
            linked[pair.kind] += is_copy(found, settings)
    true_links = sum(linked[kind] for kind in COPY_KINDS)
    false_links = sum(linked[kind] for kind in NEGATIVE_KINDS)
    return Result(
        label,
        true_links / (true_links + false_links) if true_links + false_links else 1.0,
        true_links / labels[True],
        {kind: linked[kind] / kinds[kind] for kind in COPY_KINDS if kinds[kind]},
        {kind: linked[kind] for kind in NEGATIVE_KINDS},
        candidates[True] / labels[True],
        candidates[False] / labels[False],
        *speed,
    )


def print_composition(pairs: Sequence[Pair]) -> None:
    counts = Counter((pair.copy, pair.kind) for pair in pairs)
    copies = ", ".join(f"{kind} {counts[True, kind]}" for kind in COPY_KINDS)
    negatives = ", ".join(f"{kind} {counts[False, kind]}" for kind in NEGATIVE_KINDS)
    print(f"labelled set: {sum(counts[True, k] for k in COPY_KINDS)} copy pairs ({copies})")
    print(f"              {sum(counts[False, k] for k in NEGATIVE_KINDS)} negatives ({negatives})")


def print_results(results: Sequence[Result]) -> None:
    print(
        "\n| setting | precision | recall | false links (same event / shared cruft / different)"
        " | LSH candidate recall | candidate rate, negatives | pairs/s | fingerprints/s |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        false = " / ".join(str(r.false_by_kind[kind]) for kind in NEGATIVE_KINDS)
        print(
            f"| {r.label} | {r.precision:.3f} | {r.recall:.3f} | {false} | {r.candidate_recall:.3f}"
            f" | {r.candidate_rate_negatives:.3f} | {r.pairs_per_second:.0f}"
            f" | {r.fingerprints_per_second:.0f} |"
        )
    kinds = [kind for kind in COPY_KINDS if kind in results[0].recall_by_kind]
    print("\nrecall by kind of copy\n")
    print("| setting | " + " | ".join(kinds) + " |")
    print("|---|" + "---|" * len(kinds))
    for r in results:
        print(f"| {r.label} | " + " | ".join(f"{r.recall_by_kind[k]:.3f}" for k in kinds) + " |")


def labelled_set_section(pairs: Sequence[Pair]) -> None:
    """Quality and speed of each setting on the labelled set."""
    print_composition(pairs)
    rows = sweep()
    sample = random.Random(0).sample(list(pairs), min(SPEED_SAMPLE, len(pairs)))
    rates = speeds(sample, [settings for _, settings in rows])
    cache = Cache()
    print_results(
        [
            evaluate(label, pairs, settings, cache, rate)
            for (label, settings), rate in zip(rows, rates, strict=True)
        ]
    )


# Each section gets the labelled set and prints its part of the report. The time to link
# 10k new articles against 100k stored ones, through the warehouse's band-key join, is
# bench/story_linking.py: it needs no ../shared/ and a warehouse of its own.
SECTIONS: tuple[Callable[[Sequence[Pair]], None], ...] = (labelled_set_section,)


def main() -> int:
    pairs = load_pairs()
    if pairs is None:
        print(f"skipped: no dev corpus or benchmarks under {SHARED} (they live outside the repo)")
        return 0
    started = time.perf_counter()
    for section in SECTIONS:
        section(pairs)
    print(f"\n({time.perf_counter() - started:.0f} s, one process)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
