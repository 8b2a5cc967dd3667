"""warcio's WARC records as the WARC reader (formats.py) takes them: after any blank lines
a file opens with, and a record header warcio cannot parse raised as one error.

warcio found no record in a valid WARC that opens with blank lines (the file was rejected
as `empty`), and one cut inside its first record's header (its first 60 bytes) raised
AttributeError out of the run; cut sooner, it was a record of no type, counted skipped.
"""

from __future__ import annotations

import io
import os
import re
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import WARCIterator
from warcio.exceptions import ArchiveLoadFailed

from newsnorm.flows.engine.gzipped import Salvaged
from newsnorm.flows.engine.warcmembers import first_member_ends_by
from newsnorm.transforms.errors import DocumentRejected

_BLANK = b"\r\n"
_PEEK = 4096
_DRAIN = 1 << 20
# A line that opens a WARC record: its version line (`WARC/1.0`, `WARC/1.1`, `WARC/0.18`).
_OPENING = re.compile(rb"WARC/\d+\.\d+\s*$")
# What follows a record's declared end: up to two line ends, then another record (or none).
_FOLLOWING = re.compile(rb"(?:\r?\n){0,2}(WARC/1\.)?")
_AFTER = 11
_LENGTH = b"content-length"


class BrokenHeader(ValueError):
    """A WARC record header cut short or malformed; `at` is its offset when known."""

    def __init__(self, message: str, at: int | None = None) -> None:
        super().__init__(message)
        self.at = at


class _QuietIterator(WARCIterator):  # type: ignore[misc]
    """warcio's iterator, but bytes that follow a record where blank lines should (its
    Content-Length is wrong) are kept in `overrun` for the run to record, not printed on
    stderr as a three-line warning under the progress bar."""

    overrun: bytes | None = None

    def _consume_blanklines(self) -> tuple[bytes | None, int]:
        """warcio's own (the next record's first line, the blank bytes before it), but a
        first line that opens a record is that record's, not an overrun: warcio swallowed
        it when a writer left out the blank lines, or a Content-Length counted them, and
        the next record was lost as a broken header."""
        empty_size = 0
        first_line = True
        while True:
            line = self.reader.readline()
            if len(line) == 0:
                return None, empty_size
            if first_line and _OPENING.match(line):
                return line, empty_size
            if len(line.rstrip()) == 0 or first_line:
                empty_size += len(line)
                if len(line.rstrip()) != 0:
                    self.overrun = line
                    self.err_count += 1
                first_line = False
                continue
            return line, empty_size


class WarcRecords:
    """The records of a WARC `handle`; `offset` is the last one's, from the file's start."""

    def __init__(self, handle: BinaryIO) -> None:
        self.skipped = _skip_blank_lines(handle)
        self._handle = handle
        self._records = _QuietIterator(handle)

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
        if end > start and not _blank_members(self._handle, start):
            raise BrokenHeader(
                f"a record cut short or malformed at offset {start:,} ({end - start:,} bytes "
                "not read as a record)",
                at=start,
            )

    def overrun(self) -> bytes | None:
        """What followed the record last read where blank lines should, if anything but the
        next record's header (a record with no blank lines after it loses nothing)."""
        line, self._records.overrun = self._records.overrun, None
        return line

    def next_start(self) -> int:
        """Where the record after the last one read begins (its end, blank lines past)."""
        return int(self._records.offset)

    def hidden_record(self, after: int) -> int | None:
        """After an overrun, warcio reads on from the next line, which may open a record
        the next one quotes: where a whole record starts past `after` before that line."""
        if not isinstance(getattr(self._handle, "raw", None), io.FileIO):
            return None  # inflated: each search would inflate the stream again from its start
        return resume_point(self._handle, after, before=self.next_start())

    def offset(self) -> int:
        """The offset of the record last read (asking reads that record to its end); warcio
        counts from where the handle stood, past the blank lines, so it is the file's."""
        return int(self._records.get_record_offset())


def _stream_end(handle: BinaryIO) -> int:
    """The stream's length: a file's size, an inflated stream's read out to its end."""
    if isinstance(getattr(handle, "raw", None), io.FileIO):
        return os.fstat(handle.fileno()).st_size
    while handle.read(_DRAIN):
        pass
    return handle.tell()


def _blank_members(handle: BinaryIO, start: int) -> bool:
    """Whether a file gzipped record by record ends, from `start`, in whole gzip members
    that inflate to nothing or to blank lines (a writer's empty closing member): no record
    is cut there, as none is where such a member stands between two records."""
    if not isinstance(getattr(handle, "raw", None), io.FileIO):
        return False  # an inflated stream: such members inflated to nothing already
    handle.seek(start)
    member, chunk = zlib.decompressobj(31), handle.read(_PEEK)
    if not chunk.startswith(b"\x1f\x8b"):
        return False
    while chunk:
        if member.eof:  # the next member, or what follows the last
            if not b"\x1f\x8b".startswith(chunk[:2]):
                return False
            member = zlib.decompressobj(31)
        try:
            if member.decompress(chunk, _PEEK).strip(_BLANK):
                return False
        except zlib.error:
            return False
        chunk = member.unconsumed_tail or member.unused_data or handle.read(_PEEK)
    return member.eof


def _skip_blank_lines(handle: BinaryIO) -> int:
    """Read past the blank lines `handle` opens with, from where it is; how many bytes."""
    base, skipped = handle.tell(), 0
    while True:
        head = handle.read(_PEEK)
        rest = head.lstrip(_BLANK)
        if rest or not head:
            skipped += len(head) - len(rest)
            handle.seek(base + skipped)
            return skipped
        skipped += len(head)


# Resync searches in a WARC gzipped whole; past them the rest is one rejected stretch.
MAX_INFLATED_SEARCHES = 32


def resume_point(handle: BinaryIO, after: int, before: int | None = None) -> int | None:
    """Where reading may go on past a damaged stretch, in a plain file: the first line past
    `after` that opens a record whose header parses and whose declared length ends where
    another record (or the file) does. An article quoting a WARC record at a line start
    fails that test, so it is not read as a record. None when no line before `before`
    passes, or the file is gzipped record by record (one gzipped whole is searched inflated)."""
    raw = getattr(handle, "raw", None)
    if not isinstance(raw, io.FileIO | Salvaged):
        return None
    if isinstance(raw, Salvaged):
        # Seeking back in an inflated stream inflates it again from its start: a file
        # damaged at every record made the searches quadratic (48 s of CPU for 7 MB).
        raw.searches += 1
        if raw.searches > MAX_INFLATED_SEARCHES:
            return None
    position = handle.tell()  # where warcio reads on when this finds none
    handle.seek(0)
    found: int | None = None
    if isinstance(raw, Salvaged) or handle.read(2) != b"\x1f\x8b":
        while (found := _next_opening(handle, after)) is not None:
            if before is not None and found >= before:
                found = None
                break
            if _holds_record(handle, found):
                break
            after = found + 1
    handle.seek(position)
    return found


def _next_opening(handle: BinaryIO, after: int) -> int | None:
    """Where the next line opening a WARC record (`WARC/1.`) begins past `after`."""
    handle.seek(after - 1)
    position, tail, size = after - 1, b"", _PEEK  # the next record is most often near
    while chunk := handle.read(size):
        found = (tail + chunk).find(b"\nWARC/1.")
        if found >= 0:
            return position - len(tail) + found + 1
        position += len(chunk)
        tail, size = chunk[-16:], min(size * 2, _DRAIN)
    return None


def _holds_record(handle: BinaryIO, start: int) -> bool:
    """Whether a record starts at `start`: a version line, `name: value` lines up to a
    blank one, among them a Content-Length that ends at blank lines (or none) and then
    the next record's version line or the file's end."""
    handle.seek(start)
    head = handle.read(_PEEK * 4)
    ends = [found for found in (head.find(b"\r\n\r\n"), head.find(b"\n\n")) if found >= 0]
    if not ends:
        return False
    header = head[: min(ends)]
    blank = b"\r\n\r\n" if head.startswith(b"\r\n\r\n", len(header)) else b"\n\n"
    lines = header.splitlines()
    fields = [line.partition(b":") for line in lines[1:]]
    if not _OPENING.match(lines[0]) or not all(colon for _, colon, _ in fields):
        return False
    length = [value.strip() for name, _, value in fields if name.strip().lower() == _LENGTH]
    if len(length) != 1 or not length[0].isdigit():
        return False
    end = start + len(header) + len(blank) + int(length[0])
    handle.seek(end - 1)
    after = handle.read(_AFTER + 1)[1:]
    if not after and handle.tell() < end:
        return False  # a record cut short is none to read on from
    following = _FOLLOWING.match(after)
    return following is not None and (
        bool(following.group(1)) or following.end() == len(after) < _AFTER
    )


def gzipped_whole(handle: BinaryIO, err: BaseException, at: int) -> bool:
    """Whether a break after the first record of a gzip file, where warcio stood at `at`,
    is one inside a member around every record (`gzip crawl.warc` of a WARC with junk
    between records; warcio says so only when that member holds no junk): no member
    starts at `at`. Read inflated, the file is read on past the junk."""
    if not isinstance(err, ArchiveLoadFailed | BrokenHeader):
        return False
    if not isinstance(getattr(handle, "raw", None), io.FileIO):
        return False
    handle.seek(0)
    if handle.read(2) != b"\x1f\x8b":
        return False
    if at < 0:  # warcio counts from the inflated bytes still held: inside a member
        return True
    handle.seek(at)
    head = handle.read(2)  # a member, or the first byte of one cut short, is no junk
    if not head or b"\x1f\x8b".startswith(head):
        return False
    return not first_member_ends_by(handle, at)  # junk after the first record's own member


def damaged(err: BaseException, start: int, end: int) -> str:
    """Why bytes `start` to `end` were not read as records, read on from `end`; when `end`
    comes first, the record before ran into the next (its Content-Length too long)."""
    cause = f"{type(err).__name__}: {err}"
    if end < start:
        return (
            f"the record before offset {start:,} runs into the next record, at {end:,} (its "
            f"Content-Length too long; {cause}); read on from the next record"
        )
    return f"bytes {start:,} to {end:,} are no WARC record ({cause}); read on from the next record"


def overrun_message(line: bytes) -> str:
    return (
        "the record's declared Content-Length does not match its content: it is followed "
        f"by {line[:40]!r}, not blank lines (its text would be read cut, or run into the next)"
    )


def not_a_page(http: object) -> DocumentRejected | None:
    """Why a response is no article page: an HTTP error or a redirect (its status line and,
    for a redirect, where to); None for a 1xx or 2xx response (or one without HTTP headers)."""
    code = (http.get_statuscode() or "") if http is not None else ""  # type: ignore[attr-defined]
    if not code.isdigit() or int(code) < 300:
        return None
    reason = f"HTTP {http.statusline}"  # type: ignore[attr-defined]
    location = http.get_header("Location") if int(code) < 400 else None  # type: ignore[attr-defined]
    return DocumentRejected("http_status", f"{reason}, to {location}" if location else reason)
