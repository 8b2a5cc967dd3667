"""The story fingerprints a run's workers handed over (transforms.handoff), kept for linking
in a temporary file rather than in the parent's memory.

Held in a dict, they cost the parent 0.67 KB an article until linking took them (64 MiB at
100,000 articles), so a cap held only a run's first 20,000 and linking made the rest again.
Here each fingerprint is one fixed-width record appended to an anonymous temporary file
(`flows/engine/spill.py`); the parent keeps 8 bytes an article, a key per record, and reads a
chunk's records back when linking takes them. A run killed before linking leaves nothing
behind: the next run's linking finds those articles unlinked and fingerprints their bodies
itself, as it does without a pool.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

import numpy as np

from newsnorm.flows.engine.spill import SpillFile, record_key
from newsnorm.transforms.handoff import unpack
from newsnorm.transforms.stories import Fingerprint, StorySettings

# Article ids are 32 hex characters; a longer id is not held (linking fingerprints its body).
ID_BYTES = 32


class HandedFingerprints:
    """Packed fingerprints by article id, made with one `StorySettings`: what a run's workers
    made, kept in a temporary file until linking takes them (each record is given once). A file
    that cannot be written holds nothing more: linking makes those fingerprints itself."""

    def __init__(self, settings: StorySettings) -> None:
        self.settings = settings
        self._width = 1 + 4 * (1 + settings.num_perm)
        self._record = ID_BYTES + self._width
        self._spill = SpillFile(
            "newsnorm-handed-", "story fingerprints not kept for linking: it makes them"
        )
        self._keys = array("Q")
        self._sorted: np.ndarray | None = None
        self._order: np.ndarray | None = None
        self._taken: np.ndarray | None = None

    def __len__(self) -> int:
        """How many fingerprints are held and not taken yet."""
        taken = int(self._taken.sum()) if self._taken is not None else 0
        return len(self._keys) - taken

    def add(self, article_id: str, packed: bytes | None) -> None:
        """Hold one fingerprint (None: not made, nothing held)."""
        ident = article_id.encode()
        if packed is None or self._spill.failed or len(ident) > ID_BYTES:
            return
        if len(packed) not in (0, self._width - 1):
            return  # not this settings' shape: made again by linking
        flag = b"\x01" if packed else b"\x00"
        body = packed.ljust(self._width - 1, b"\x00")
        self._spill.append(ident.ljust(ID_BYTES, b"\x00") + flag + body)
        self._keys.append(record_key(article_id))
        self._sorted = None
        if self._spill.failed:
            self.close()

    def take(
        self, article_ids: Iterable[str], settings: StorySettings
    ) -> dict[str, Fingerprint | None]:
        """The fingerprints held for these articles (made with `settings`; none otherwise),
        not given again once taken."""
        if settings != self.settings or not self._keys:
            return {}
        if not self._spill.flush():
            self.close()
            return {}
        ids = list(article_ids)
        sorted_keys, order, taken = self._index()
        wanted = np.array([record_key(a) for a in ids], np.uint64)
        starts = np.searchsorted(sorted_keys, wanted).tolist()
        held = []
        for article_id, key, start in zip(ids, wanted.tolist(), starts, strict=True):
            data = self._read(article_id, key, start, (sorted_keys, order, taken))
            if data is not None:
                held.append((article_id, data))
        return unpack(held, settings)

    def close(self) -> None:
        """Drop the file (the run's linking is done, or the run is ending)."""
        self._spill.close()
        self._keys = array("Q")
        self._sorted = self._order = self._taken = None

    def _read(
        self,
        article_id: str,
        key: int,
        start: int,
        index: tuple[np.ndarray, np.ndarray, np.ndarray],
    ) -> bytes | None:
        """The packed fingerprint of one article (its key's records start at `start` of the
        sorted keys), or None when none is held for it; a record is given once."""
        sorted_keys, order, taken = index
        ident = article_id.encode().ljust(ID_BYTES, b"\x00")
        while start < len(sorted_keys) and int(sorted_keys[start]) == key:
            position = int(order[start])
            start += 1
            if taken[position]:
                continue
            record = self._spill.read(position * self._record, self._record)
            if record[:ID_BYTES] != ident:
                continue
            taken[position] = True
            return record[ID_BYTES + 1 :] if record[ID_BYTES] else b""
        return None

    def _index(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The keys sorted (made again after an `add`), their records' positions, and which
        records were taken."""
        count = len(self._keys)
        if self._taken is None or len(self._taken) != count:
            grown = np.zeros(count, bool)
            if self._taken is not None:
                grown[: len(self._taken)] = self._taken
            self._taken = grown
        if self._sorted is None or self._order is None:
            keys = np.frombuffer(self._keys, np.uint64).copy()  # the array may grow again
            self._order = np.argsort(keys, kind="stable")
            self._sorted = keys[self._order]
        return self._sorted, self._order, self._taken
