"""warcio's WARC records as the WARC reader (formats.py) takes them: after any blank lines
a file opens with, and a record header warcio cannot parse raised as one error.

warcio found no record in a valid WARC that opens with blank lines (the file was rejected
as `empty`), and one cut inside its first record's header (its first 60 bytes) raised
AttributeError out of the run; cut sooner, it was a record of no type, counted skipped.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import WARCIterator

_BLANK = b"\r\n"
_PEEK = 4096
_DRAIN = 1 << 20


class BrokenHeader(ValueError):
    """A WARC record header cut short or malformed; `at` is its offset when known."""

    def __init__(self, message: str, at: int | None = None) -> None:
        super().__init__(message)
        self.at = at


class WarcRecords:
    """The records of a WARC `handle`; `offset` is the last one's, from the file's start."""

    def __init__(self, handle: BinaryIO) -> None:
        self.skipped = _skip_blank_lines(handle)
        self._handle = handle
        self._records = WARCIterator(handle)

    def __iter__(self) -> Iterator[Any]:
        iterator = iter(self._records)
        while True:
            try:
                record = next(iterator)
            except StopIteration:
                self._check_read_to_end()
                return
            except (AttributeError, TypeError, IndexError, KeyError) as err:  # warcio's parse
                raise BrokenHeader(f"a record header cut short or malformed ({err})") from err
            headers = record.rec_headers
            if not record.rec_type and (headers.headers or headers.protocol):
                raise BrokenHeader("a record header cut short or malformed (no WARC-Type)")
            if record.rec_type and not headers.get_header("Content-Length"):
                # Every WARC record declares its length; a header cut before it was read
                # as a record of a cut type, or a response of no content (counted skipped).
                raise BrokenHeader("a record header cut short or malformed (no Content-Length)")
            yield record

    def _check_read_to_end(self) -> None:
        """warcio ends quietly at a header it cannot finish (a response header cut before
        its Content-Length): bytes left past the last record are a record cut short."""
        start = int(self._records.offset)  # where the next record would begin, in the stream
        end = _stream_end(self._handle)
        if end > start:
            raise BrokenHeader(
                f"a record cut short or malformed at offset {start:,} ({end - start:,} bytes "
                "not read as a record)",
                at=start,
            )

    def offset(self) -> int:
        """The offset of the record last read (asking reads that record to its end)."""
        return int(self._records.get_record_offset()) + self.skipped


def _stream_end(handle: BinaryIO) -> int:
    """The stream's length: a file's size, an inflated stream's read out to its end."""
    if isinstance(getattr(handle, "raw", None), io.FileIO):
        return os.fstat(handle.fileno()).st_size
    while handle.read(_DRAIN):
        pass
    return handle.tell()


def _skip_blank_lines(handle: BinaryIO) -> int:
    """Read past the blank lines `handle` opens with; how many bytes they were."""
    skipped = 0
    while True:
        head = handle.read(_PEEK)
        rest = head.lstrip(_BLANK)
        if rest or not head:
            skipped += len(head) - len(rest)
            handle.seek(skipped)
            return skipped
        skipped += len(head)
