"""warcio's WARC records as the WARC reader (formats.py) takes them: after any blank lines
a file opens with, and a record header warcio cannot parse raised as one error.

warcio found no record in a valid WARC that opens with blank lines (the file was rejected
as `empty`), and one cut inside its first record's header (its first 60 bytes) raised
AttributeError out of the run; cut sooner, it was a record of no type, counted skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import WARCIterator

_BLANK = b"\r\n"
_PEEK = 4096


class BrokenHeader(ValueError):
    """A WARC record header cut short or malformed."""


class WarcRecords:
    """The records of a WARC `handle`; `offset` is the last one's, from the file's start."""

    def __init__(self, handle: BinaryIO) -> None:
        self.skipped = _skip_blank_lines(handle)
        self._records = WARCIterator(handle)

    def __iter__(self) -> Iterator[Any]:
        iterator = iter(self._records)
        while True:
            try:
                record = next(iterator)
            except StopIteration:
                return
            except (AttributeError, TypeError, IndexError, KeyError) as err:  # warcio's parse
                raise BrokenHeader(f"a record header cut short or malformed ({err})") from err
            if not record.rec_type and record.rec_headers.headers:
                raise BrokenHeader("a record header cut short or malformed (no WARC-Type)")
            yield record

    def offset(self) -> int:
        """The offset of the record last read (asking reads that record to its end)."""
        return int(self._records.get_record_offset()) + self.skipped


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
