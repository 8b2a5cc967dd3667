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
from typing import BinaryIO

# A gzip member's first bytes: its magic number and the deflate method.
_MEMBER = b"\x1f\x8b\x08"
_CHUNK = 1 << 16
# Inflated bytes looked at for the record's header (a record header is well under this).
_HEAD = 1 << 14
# A record's first line, then `name: value` lines (Content-Length among them) to a blank one.
_RECORD_HEAD = re.compile(rb"WARC/\d+\.\d+\r?\n(?:[^\r\n:]+:[^\r\n]*\r?\n)+\r?\n")
_LENGTH = re.compile(rb"(?im)^content-length:\s*\d+\s*$")


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
    record with junk at `at`), not past it (one member around every record); inflates at
    most the first `at` bytes and more, whatever the file's size."""
    handle.seek(0)
    member, fed = zlib.decompressobj(31), 0
    try:
        while not member.eof and fed <= at:
            tail = member.unconsumed_tail
            chunk = tail or handle.read(_CHUNK)
            if not chunk:
                return False
            fed += 0 if tail else len(chunk)
            member.decompress(chunk, _CHUNK)
    except zlib.error:
        return False
    return member.eof and fed - len(member.unused_data) <= at


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
    record header that declares a Content-Length. Output past the header is dropped as it
    comes (a bounded amount a step), so a member that inflates hugely costs no memory."""
    handle.seek(start)
    member, head = zlib.decompressobj(31), b""
    try:
        while not member.eof:
            chunk = member.unconsumed_tail or handle.read(_CHUNK)
            if not chunk:
                return False  # the file ends inside it
            out = member.decompress(chunk, _CHUNK)
            if len(head) < _HEAD:
                head += out[: _HEAD - len(head)]
                if len(head) >= _HEAD and not _is_record_head(head):
                    return False
    except zlib.error:
        return False
    return _is_record_head(head)


def _is_record_head(head: bytes) -> bool:
    match = _RECORD_HEAD.match(head)
    return match is not None and _LENGTH.search(match[0]) is not None
