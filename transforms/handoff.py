"""Story fingerprints made where a body is made (the batches' worker processes) and handed to
story linking, so the run's one parent process does not make them again.

A worker fingerprints the body of the article it returns and packs the signature (4 bytes a
MinHash value and the shingle count: ~0.5 KB an article, cheap to pickle; the parent keeps
them in a temporary file until linking, flows/stories/handed.py). The article id hashes the
title and body, so a fingerprint kept under an article's id is the fingerprint of the body
stored under that id: when the parent changes a body after the workers (learned lines cut),
the article gets another id and its body is fingerprinted again where it is linked. Band
keys are made again from the signatures of a whole chunk at once (one numpy pass), equal to
`stories.band_keys` of each.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from newsnorm.transforms.minhash import signature
from newsnorm.transforms.stories import (
    Fingerprint,
    StorySettings,
    fingerprint,
    shingles,
    splitmix_keys,
)

_COUNT = np.dtype("<u4")
_VALUE = np.dtype("<u4")


def body_fingerprint(body: str, settings: StorySettings) -> Fingerprint | None:
    """What story linking stores for a body: its shingles' MinHash and band keys."""
    return fingerprint(shingles(body, settings.shingle_words), settings)


def packed_body(body: str, settings: StorySettings) -> bytes | None:
    """What a worker hands over for a body: `pack(body_fingerprint(body))`, without making
    the band keys it would drop (`unpack` makes them for a chunk at once)."""
    shingle_set = shingles(body, settings.shingle_words)
    if len(shingle_set) < settings.min_shared:
        return b""
    values = signature(shingle_set, settings.num_perm, settings.engine)
    return pack(Fingerprint(len(shingle_set), values, ()), settings)


def pack(found: Fingerprint | None, settings: StorySettings) -> bytes | None:
    """The shingle count and the signature in 4 bytes a value; b"" for a body too short to
    be linked; None when a value does not fit (the parent then fingerprints the body)."""
    if found is None:
        return b""
    if len(found.minhash) != settings.num_perm or max(found.minhash) >= 2**32:
        return None
    return (
        np.array([found.shingle_count], _COUNT).tobytes()
        + np.array(found.minhash, _VALUE).tobytes()
    )


def unpack(
    packed: Iterable[tuple[str, bytes]], settings: StorySettings
) -> dict[str, Fingerprint | None]:
    """The fingerprints of (article id, packed) pairs, band keys made for all at once."""
    items = list(packed)
    found: dict[str, Fingerprint | None] = {a: None for a, data in items if not data}
    full = [(a, data) for a, data in items if data]
    if not full:
        return found
    width = 1 + settings.num_perm
    table = np.frombuffer(b"".join(data for _, data in full), _VALUE).reshape(len(full), width)
    values = table[:, 1:].astype(np.uint64)
    bands = settings.bands
    rows = values[:, : bands * settings.band_rows].reshape(len(full), bands, settings.band_rows)
    keys = splitmix_keys(rows).view(np.int64)
    counts, minhashes, band_lists = table[:, 0].tolist(), values.tolist(), keys.tolist()
    for index, (article_id, _) in enumerate(full):
        found[article_id] = Fingerprint(
            counts[index], tuple(minhashes[index]), tuple(band_lists[index])
        )
    return found
