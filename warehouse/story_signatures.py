"""The MinHash signatures story linking estimates its candidate pairs' containment from:
read from the stored fingerprints, or kept in memory from chunk to chunk of a pass.

A read by id decodes every fingerprint file's signatures (article ids are hashes, so no
file is pruned): the largest step left of a late dense chunk (~0.17 s of CPU at 100,000
articles). The pairs of a dense chunk are its own articles (whose fingerprints it holds)
and stored articles most of which an earlier chunk of the pass paired too, so a pass keeps
the latest paired signatures (`KeptSignatures`) and reads only the others.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

import numpy as np
import pyarrow as pa

from newsnorm.transforms.stories import Fingerprint
from newsnorm.warehouse.writer import Connection, keys_relation

# Signatures kept from chunk to chunk, in bytes of MinHash values (1 KiB a signature of
# 128 values: ~16,000 articles, against ~1,500 a dense chunk pairs).
KEPT_BYTES = 16 * 2**20

# The signatures of the paired articles, whose containment is estimated in numpy: the SQL
# macros' lambda over the two lists cost half the query (0.29 s of CPU of 0.57 a chunk).
_SIGNATURES = """
    select article_id, minhash, shingle_count from raw_story_fingerprints
    where article_id in (select key from paired_ids) and minhash is not null
"""

# An article's signature: its MinHash values (int64, as stored) and its shingle count.
Signature = tuple[Any, int]


@dataclass(slots=True)
class KeptSignatures:
    """The signatures of the articles a linking pass paired last, at most KEPT_BYTES, the
    most recently paired first, and the chunk's own fingerprints, which it stores before its
    pairs are estimated (made signatures when paired only: a diverse chunk pairs few).

    Exact only while nothing replaces a fingerprint under the pass (a pass that replaces
    fingerprints keeps none: `linking.link_new_articles`), as with `HeldAhead`: an article
    id then has one fingerprint row, made with the pass's settings, which never changes."""

    kept: dict[str, Signature] = field(default_factory=dict)
    own: Mapping[str, Fingerprint | None] = field(default_factory=dict)

    def chunk(self, prints: Mapping[str, Fingerprint | None]) -> None:
        """The chunk's fingerprints, just stored (a null MinHash is never estimated)."""
        self.own = prints

    def signatures(self, connection: Connection, wanted: list[str]) -> dict[str, Signature]:
        """The signatures of the `wanted` articles that have one: the chunk's and the kept
        ones, the rest read (one read, none when all are known)."""
        found: dict[str, Signature] = {}
        missing = []
        for article in wanted:
            mine = self.own.get(article)
            if mine is not None:
                found[article] = (np.array(mine.minhash, dtype=np.int64), mine.shingle_count)
            elif article in self.kept:
                found[article] = self.kept[article]
            else:
                missing.append(article)
        if missing:
            found |= _as_signatures(read_signatures(connection, missing))
        return found

    def keep(self, paired: list[str], found: Mapping[str, Signature]) -> None:
        """Keep the signatures of this chunk's `paired` articles (smallest ids first), then
        those kept before, while KEPT_BYTES lasts."""
        latest = [(a, found[a]) for a in paired if a in found]
        earlier = [(a, s) for a, s in self.kept.items() if a not in found]
        self.kept = latest_kept(latest, earlier, KEPT_BYTES, _nbytes(latest + earlier))
        self.own = {}


def latest_kept(
    latest: list[tuple[str, Any]],
    earlier: list[tuple[str, Any]],
    budget: int,
    size: Callable[[Any], int] | int,
) -> dict[str, Any]:
    """What a linking pass keeps for its next chunks within `budget`: the `latest` first,
    then what it kept before (`earlier`), in that order while the budget lasts (`size` of
    each, or one for all). The cut is found in one pass in C: a loop an item cost ~0.016 s
    of CPU over 16,000 kept signatures, twice a chunk."""
    order = latest + earlier
    if isinstance(size, int):  # one size for all: no call an item
        within = min(len(order), budget // size if size else len(order))
    else:
        within = bisect_right(list(accumulate(map(size, [found for _, found in order]))), budget)
    return dict(order[:within])


def _nbytes(signatures: list[tuple[str, Signature]]) -> int:
    """The bytes of one signature's values: all have one width, the settings' permutations."""
    return int(signatures[0][1][0].nbytes) if signatures else 0


def read_signatures(connection: Connection, wanted: list[str]) -> pa.Table:
    """The stored signatures (article_id, minhash, shingle_count) of these articles, those
    with one: a read of every fingerprint file."""
    with keys_relation(connection, "paired_ids", wanted):
        return connection.execute(_SIGNATURES).to_arrow_table()


def _as_signatures(found: pa.Table) -> dict[str, Signature]:
    ids = found["article_id"].to_pylist()
    width = len(found["minhash"][0]) if len(ids) else 0
    minhash = found["minhash"].combine_chunks().flatten().to_numpy().reshape(len(ids), width)
    counts = found["shingle_count"].to_pylist()
    return {a: (minhash[i].copy(), counts[i]) for i, a in enumerate(ids)}


def signature_table(found: Mapping[str, Signature]) -> tuple[pa.Array, Any, Any]:
    """The ids, MinHash matrix (one row an id, int64) and shingle counts (int32, as stored)
    of these signatures, in one order."""
    ids = list(found)
    width = len(next(iter(found.values()))[0]) if ids else 0
    minhash = np.stack([found[a][0] for a in ids]) if ids else np.empty((0, width), np.int64)
    counts = np.array([found[a][1] for a in ids], dtype=np.int32)
    return pa.array(ids, pa.string()), minhash, counts
