"""MinHash signatures of shingle sets: rensa's native RMinHash where its wheel is installed,
datasketch in Python otherwise.

rensa computes a 128-permutation signature ~15x faster than datasketch (bench figures in
docs/scale.md) with the same estimate error, but its hashing is its own: the two engines'
signatures differ, so the engine's tag goes into the stored fingerprint version and
signatures of the two never meet (story linking re-fingerprints an article whose stored
fingerprint was made by the other engine or other settings).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

try:
    from rensa import RMinHash
except ImportError:  # no wheel for this platform: the pure-Python engine
    RMinHash = None

# Named, not defaulted: stored signatures must not change if datasketch's default does.
_SCHEME = "affine32"
_RENSA_SEED = 1


def datasketch_signature(shingle_set: Iterable[str], num_perm: int) -> tuple[int, ...]:
    """datasketch's MinHash with crc32, stable across processes (and ~2x cheaper than its
    sha1 default); sorted, so the signature never depends on set iteration order."""
    from datasketch import MinHash  # here: it imports SciPy, most of a second at start-up

    minhash = MinHash(
        num_perm=num_perm,
        hashfunc=zlib.crc32,
        permutations=_permutations(num_perm),
        scheme=_SCHEME,
    )
    minhash.update_batch([shingle.encode() for shingle in sorted(shingle_set)])
    return tuple(int(value) for value in minhash.hashvalues)


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> Any:
    """datasketch draws its permutations from a seeded generator on every new MinHash
    (a third of a fingerprint's cost); they depend only on the seed and size."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=1, scheme=_SCHEME).permutations


def rensa_signature(shingle_set: Iterable[str], num_perm: int) -> tuple[int, ...]:
    """rensa's RMinHash, seeded: the same values in every process (a minimum, so order
    does not matter)."""
    assert RMinHash is not None, "only in ENGINES when installed"
    minhash = RMinHash(num_perm=num_perm, seed=_RENSA_SEED)
    minhash.update(list(shingle_set))
    return tuple(minhash.digest())


# Engines by tag, the tag part of `StorySettings.version()`: datasketch's is empty, so
# fingerprints stored before rensa came keep their version; rensa's names its algorithm
# version, so a release that hashes otherwise never meets older signatures.
DATASKETCH = ""
RENSA = f"rensa{RMinHash.ALGORITHM_VERSION}" if RMinHash is not None else None
ENGINES = {DATASKETCH: datasketch_signature} | ({RENSA: rensa_signature} if RENSA else {})
DEFAULT_ENGINE = RENSA or DATASKETCH


def signature(shingle_set: Iterable[str], num_perm: int, engine: str) -> tuple[int, ...]:
    """The MinHash signature of a shingle set made by `engine` (a key of ENGINES)."""
    try:
        make = ENGINES[engine]
    except KeyError:
        raise ValueError(f"MinHash engine {engine!r} is not installed: {sorted(ENGINES)}") from None
    return make(shingle_set, num_perm)
