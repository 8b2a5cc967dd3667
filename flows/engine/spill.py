"""Records a run keeps for a later step, appended to an anonymous temporary file rather than
held in the parent's memory: the story fingerprints its workers handed over, until linking
(`flows/stories/handed.py`), and its new articles' lines, until learning (`taught.py`).

The page cache holds the records, not the parent's heap; the owner keeps a few bytes a record
(a key, an offset) and reads records back by offset. The file is unlinked when made, so a run
killed before the later step leaves nothing behind. A file that cannot be written holds
nothing more (`failed`): the later step makes or reads again what was not kept.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from typing import IO

logger = logging.getLogger(__name__)

# Bytes gathered before one write: a write per record would cost a system call each.
WRITE_AT = 1 << 20


def record_key(article_id: str) -> int:
    """Eight bytes of the id's hash: the in-memory key of its record (the record holds the
    whole id, so two ids sharing a key are told apart when read)."""
    return int.from_bytes(hashlib.blake2b(article_id.encode(), digest_size=8).digest(), "little")


class SpillFile:
    """Bytes appended in memory and written to the file in blocks of `WRITE_AT`."""

    def __init__(self, prefix: str, lost: str) -> None:
        self._prefix = prefix  # the temporary file's name prefix
        self._lost = lost  # what the warning says when a write fails
        self._file: IO[bytes] | None = None
        self._pending = bytearray()
        self._written = 0
        self.failed = False

    def append(self, record: bytes) -> int:
        """Keep `record`; its offset, to read it back with."""
        offset = self._written + len(self._pending)
        self._pending += record
        if len(self._pending) >= WRITE_AT:
            self.flush()
        return offset

    def flush(self) -> bool:
        """Write what is pending; whether every record appended can be read back."""
        if self._pending and not self.failed:
            try:
                if self._file is None:
                    # Open until `close`, past this call: no context manager can hold it.
                    self._file = tempfile.TemporaryFile(prefix=self._prefix)  # noqa: SIM115
                self._file.write(self._pending)
                self._file.flush()
                self._written += len(self._pending)
            except OSError as err:
                logger.warning("%s (%s)", self._lost, err)
                self.failed = True
                self.close()
        self._pending.clear()
        return not self.failed and self._file is not None

    def read(self, offset: int, size: int) -> bytes:
        """`size` bytes written at `offset` (after a `flush` that returned True)."""
        assert self._file is not None
        return os.pread(self._file.fileno(), size, offset)

    def close(self) -> None:
        """Drop the file and what is pending (the later step is done, or the run is ending)."""
        if self._file is not None:
            self._file.close()
            self._file = None
        self._pending.clear()
        self._written = 0
