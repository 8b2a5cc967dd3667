"""A WARC file as inputs: each HTML response record one, other records counted skipped,
and every damaged stretch one rejected input, read on from the next intact record
(`warcrecords.py` for plain files and WARCs gzipped whole, `warcmembers.py` for WARCs
gzipped record by record)."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Generator, Iterator
from dataclasses import dataclass, replace
from typing import BinaryIO

from warcio.exceptions import ArchiveLoadFailed

from newsnorm.flows.engine.gzipped import break_code, cut_of, open_salvaged
from newsnorm.flows.engine.reading import RawInput
from newsnorm.flows.engine.sources import InputRef
from newsnorm.flows.engine.warcmembers import gzipped_by_record, next_member
from newsnorm.flows.engine.warcrecords import (
    BrokenHeader,
    WarcRecords,
    damaged,
    gzipped_whole,
    not_a_page,
    overrun_message,
    resume_point,
)
from newsnorm.transforms.errors import DocumentRejected

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20


def read_warc(ref: InputRef, max_bytes: int) -> Iterator[RawInput]:
    """Each HTML response record is an input (`<file>#<WARC-Record-ID>`), with its target
    URL; other records are yielded as 'skipped' so the run can count them, a response with
    an error or redirect status with that status as its reason."""
    try:
        handle = open(ref.path, "rb")  # noqa: SIM115 (closed below; the iterator streams it)
    except OSError as err:
        code = "not_found" if isinstance(err, FileNotFoundError) else "unreadable"
        yield RawInput(ref.uri, None, None, rejection=DocumentRejected(code, str(err.strerror)))
        return
    read = _WarcRead()
    with handle:
        whole = yield from _read_on(ref, handle, max_bytes, read)
        handle.seek(0)  # gzipped whole and opening with blank lines: warcio found no record
        whole = whole or (not read.count and handle.read(2) == GZIP_MAGIC)
    if whole:
        # One gzip member around every record (`gzip crawl.warc`), where warcio reads only
        # one a record: it gave the first record and stopped. Read it inflated, past those
        # already given (offsets are then the inflated stream's).
        with open_salvaged(ref.path) as inflated:
            yield from _read_on(ref, inflated, max_bytes, read, past=read.count)
    if not read.count:
        yield _rejected(ref.uri, "empty", "the file holds no WARC record", None, ref.size)


def _read_on(
    ref: InputRef, handle: BinaryIO, max_bytes: int, read: _WarcRead, past: int = 0
) -> Generator[RawInput, None, bool]:
    """`_warc_records`, then on from the next record past each damaged stretch."""
    whole = yield from _warc_records(ref, handle, max_bytes, read, past)
    while read.resume is not None:
        handle.seek(read.resume)
        yield from _warc_records(ref, handle, max_bytes, read)
    return whole


@dataclass(slots=True)
class _WarcRead:
    """How many records of a WARC were given, and the offset of the last."""

    count: int = 0
    offset: int = 0
    cut: bool = False  # the last record given was cut short
    resume: int | None = None  # where to read on, past a damaged stretch


def _warc_records(
    ref: InputRef, handle: BinaryIO, max_bytes: int, read: _WarcRead, past: int = 0
) -> Generator[RawInput, None, bool]:
    """The records of an open WARC from where it is, past the first `past`; returns True
    when warcio found the file gzipped whole (not record by record), having read its first
    record. A damaged stretch sets `read.resume` to the next record."""
    # WARC only: warcio's ArchiveIterator would read a file that is no WARC as ARC
    # records, one a line, printing a warning for each, and skip them all unrecorded.
    start = handle.tell()
    records = WarcRecords(handle)  # after any blank lines it opens with
    seen, read.resume = 0, None
    read.offset = start + records.skipped
    try:
        for record in records:
            if not record.rec_type:
                continue  # blank lines at the end (or all there is): no record
            seen += 1
            if seen <= past:
                read.offset = records.offset()  # given before: where a break is told from
                continue
            raw = _warc_input(ref, record, max_bytes)
            # Only after the payload was read: asking for the offset reads to the end.
            read.offset, read.count = records.offset(), read.count + 1
            if (overrun := records.overrun()) is not None:
                raw = _rejected(raw.uri, "corrupt", overrun_message(overrun))
                read.resume = records.hidden_record(read.offset + 1)
            raw = _cut_short(
                raw if raw.uri else replace(raw, uri=f"{ref.uri}#offset={read.offset}"), record
            )
            read.cut = raw.rejection is not None and raw.rejection.code == "truncated"
            yield raw
            if read.resume is not None:
                return False  # read on from there (read_warc)
        if (cut := cut_of(handle)) is not None and not read.cut:
            raise cut  # an inflated stream broke between two records
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as err:
        if not past and (
            (isinstance(err, ArchiveLoadFailed) and "non-chunked gzip" in str(err))
            or (read.count == 1 and gzipped_whole(handle, err, records.next_start()))
        ):
            return True
        yield _break(ref, handle, records, read, err)
        read.count = max(read.count, 1)  # the break is recorded: the file is not `empty`
    return False


def _warc_input(ref: InputRef, record: object, max_bytes: int) -> RawInput:
    """One record as an input; `uri` is empty when the record has no WARC-Record-ID."""
    rec_headers = record.rec_headers  # type: ignore[attr-defined]
    record_id = (rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
    uri = f"{ref.uri}#{record_id}" if record_id else ""
    target = rec_headers.get_header("WARC-Target-URI")
    http = record.http_headers  # type: ignore[attr-defined]
    content_type = (http.get_header("Content-Type") or "") if http is not None else ""
    if record.rec_type != "response":  # type: ignore[attr-defined]
        return RawInput(uri, None, None, url=target, skipped=True)
    if (status := not_a_page(http)) is not None:
        return RawInput(uri, None, None, url=target, skipped=True, rejection=status)
    if "html" not in content_type.lower():
        return RawInput(uri, None, None, url=target, skipped=True)
    stream = record.content_stream()  # type: ignore[attr-defined]
    payload = stream.read(max_bytes + 1)
    digest = hashlib.sha256(payload)
    if len(payload) > max_bytes:
        size = len(payload)
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
        message = f"record payload of {size:,} bytes is over the {max_bytes:,}-byte limit"
        return _rejected(uri, "too_large", message, digest.hexdigest(), size)
    missing = getattr(record.raw_stream, "limit", 0)  # type: ignore[attr-defined]
    if missing:
        # A WARC cut mid-record reads short rather than failing: the block came up short
        # of its declared WARC Content-Length.
        message = f"the record ends {missing:,} bytes short of its declared length"
        return _rejected(uri, "truncated", message, digest.hexdigest(), len(payload))
    return RawInput(
        uri, digest.hexdigest(), len(payload), data=payload, media_type=content_type, url=target
    )


def _cut_short(raw: RawInput, record: object) -> RawInput:
    """A record read to its end that came up short of its declared length is `truncated`,
    whatever it is: cut inside its HTTP header, a response was no page and counted skipped."""
    missing = getattr(record.raw_stream, "limit", 0)  # type: ignore[attr-defined]
    if not missing or (raw.rejection is not None and raw.rejection.code == "truncated"):
        return raw
    message = f"the record ends {missing:,} bytes short of its declared length"
    return _rejected(raw.uri, "truncated", message)


def _break(
    ref: InputRef, handle: BinaryIO, records: WarcRecords, read: _WarcRead, err: BaseException
) -> RawInput:
    """The input a break in the records is recorded as; `read.resume` set where reading
    goes on past it, if anywhere."""
    at = err.at if isinstance(err, BrokenHeader) and err.at is not None else read.offset
    where = f"{ref.uri}#offset={at}"
    broken = _broken_stream(err, f"at offset {at}")
    if not read.count and isinstance(err, ArchiveLoadFailed):
        broken = DocumentRejected("corrupt", f"not a WARC file: {err}")
    elif not read.count and isinstance(err, BrokenHeader):
        broken = DocumentRejected("corrupt", f"not a readable WARC file: {err}")
    elif isinstance(err, ArchiveLoadFailed | BrokenHeader):
        # From the start of the record read last: a Content-Length too long hides the
        # next record's header inside its block.
        at = records.next_start()
        read.resume = resume_point(handle, read.offset + 1)
        if read.resume is not None:
            reason = damaged(err, at, read.resume)
            where, broken = f"{ref.uri}#offset={at}", DocumentRejected("corrupt", reason)
    if read.resume is None and (member := _member_break(handle, records, read)):
        at, read.resume = member
        where = f"{ref.uri}#offset={at}"
        broken = DocumentRejected("corrupt", damaged(err, at, read.resume))
    return RawInput(where, None, None, rejection=broken)


def _member_break(
    handle: BinaryIO, records: WarcRecords, read: _WarcRead
) -> tuple[int, int] | None:
    """In a WARC gzipped record by record, the damaged stretch past the last record read:
    where it starts and the next whole member to read on from; None elsewhere, or when no
    whole member follows (the rest is then one input, as a cut file's is)."""
    if not gzipped_by_record(handle):
        return None
    at = max(records.next_start(), read.offset)
    resume = next_member(handle, at + 1)
    return (at, resume) if resume is not None else None


def _rejected(
    uri: str, code: str, message: str, sha: str | None = None, size: int | None = None
) -> RawInput:
    return RawInput(uri, sha, size, rejection=DocumentRejected(code, message))


def _broken_stream(err: BaseException, where: str) -> DocumentRejected:
    return DocumentRejected(
        break_code(err), f"{type(err).__name__}: {err} {where}; the rest was not read"
    )
