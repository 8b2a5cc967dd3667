"""Reading on past damage in a WARC gzipped record by record (`.warc.gz` as crawlers write
it, one gzip member a record): the next member that inflates whole to a record header.

Junk between two members, or a member whose bytes are wrong, stopped the file there: every
record after it was lost as one `truncated` input. Each member is a record of its own, so
reading goes on from the next one that is whole; a gzip header found by chance inside
compressed bytes does not inflate to a CRC-checked `WARC/1.` record, so none is invented.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO

# A gzip member's first bytes: its magic number and the deflate method.
_MEMBER = b"\x1f\x8b\x08"
_CHUNK = 1 << 16
# Inflated bytes looked at for the record's header (a record header is well under this).
_HEAD = 1 << 14
# A record's first line, then `name: value` lines (Content-Length among them) to a blank one.
_RECORD_HEAD = re.compile(rb"WARC/(?:1\.[01]|0\.1[78])\r?\n(?:[^\r\n:]+:[^\r\n]*\r?\n)+\r?\n")
_LENGTH = re.compile(rb"(?im)^content-length:")
_DIGITS = re.compile(rb"(?im)^content-length:[ \t]*\d+[ \t]*\r?$")


def gzipped_by_record(handle: BinaryIO) -> bool:
    """Whether `handle` is a file (not an inflated stream) that opens with a gzip member."""
    if not isinstance(getattr(handle, "raw", None), io.FileIO):
        return False
    position = handle.tell()
    handle.seek(0)
    magic = handle.read(2)
    handle.seek(position)
    return magic == _MEMBER[:2]


def next_member(handle: BinaryIO, after: int) -> int | None:
    """Where the first gzip member past `after` starts that inflates whole (its CRC and
    length checked) to bytes opening with a WARC record header; None when none does. The
    handle is left where it stood."""
    position = handle.tell()
    try:
        found = _find(handle, after)
        while found is not None and not _inflates_to_record(handle, found):
            found = _find(handle, found + 1)
        return found
    finally:
        handle.seek(position)


def first_member_ends_by(handle: BinaryIO, at: int) -> bool:
    """Whether the file's first gzip member ends at or before `at` (a file gzipped record by
    record with junk at `at`), not past it (one member around every record); inflates its
    bytes up to `at` and a little more, whatever the file's size."""
    try:
        for _, used in _inflated(handle, 0):
            if used > at:
                return False
    except (EOFError, zlib.error):
        return False
    return True


def _find(handle: BinaryIO, after: int) -> int | None:
    """The offset of the next gzip member header at or past `after`."""
    handle.seek(after)
    position, tail = after, b""
    while chunk := handle.read(_CHUNK):
        found = (tail + chunk).find(_MEMBER)
        if found >= 0:
            return position - len(tail) + found
        position += len(chunk)
        tail = chunk[-(len(_MEMBER) - 1) :]
    return None


def _inflates_to_record(handle: BinaryIO, start: int) -> bool:
    """Whether the member at `start` inflates to its end without error, opening with a
    record header that declares one Content-Length, and is followed by another member or
    the file's end: a gzipped WARC a damaged record quotes (a `.warc.gz` download, stored
    as it is inside the deflate stream) is followed by the rest of that record's bytes."""
    head, used = b"", 0
    try:
        for out, used in _inflated(handle, start):  # noqa: B007 (the last: where it ends)
            if len(head) < _HEAD:
                head += out[: _HEAD - len(head)]
                if len(head) >= _HEAD and not _is_record_head(head):
                    return False
    except (EOFError, zlib.error):
        return False
    if not _is_record_head(head):
        return False
    handle.seek(start + used)
    following = handle.read(2)
    return not following or following == _MEMBER[:2]


def _inflated(handle: BinaryIO, start: int) -> Iterator[tuple[bytes, int]]:
    """The member at `start` inflated a bounded amount a step (a member that inflates hugely
    costs no memory), each step with how many of the file's bytes the member has used so
    far; EOFError where the file ends inside it, zlib.error where its bytes are wrong."""
    handle.seek(start)
    member, fed = zlib.decompressobj(31), 0
    while not member.eof:
        tail = member.unconsumed_tail
        chunk = tail or handle.read(_CHUNK)
        if not chunk:
            raise EOFError(f"the file ends inside the gzip member at offset {start:,}")
        fed += 0 if tail else len(chunk)
        out = member.decompress(chunk, _CHUNK)
        yield out, fed - len(member.unconsumed_tail) - len(member.unused_data)


def _is_record_head(head: bytes) -> bool:
    """A WARC record's header as warcio reads one: a version it knows, `name: value` lines
    to a blank one, one Content-Length in digits."""
    match = _RECORD_HEAD.match(head)
    if match is None:
        return False
    return len(_LENGTH.findall(match[0])) == 1 and _DIGITS.search(match[0]) is not None
