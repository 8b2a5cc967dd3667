"""Expand one input file into inputs: a page, a text, each WARC record, each JSON line, each
item of a JSON array. JSON lines and arrays are told by their content whatever the file's
name (`.jsonl` and `.json` only decide without a look)."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import zlib
from collections.abc import Generator, Iterator
from typing import BinaryIO

from newsnorm.flows.engine.gzipped import break_code, cut_of, open_salvaged, read_gzip
from newsnorm.flows.engine.jsonarray import ArrayError, ArrayItems, Item
from newsnorm.flows.engine.reading import RawInput, open_input, read_opened, unreadable
from newsnorm.flows.engine.sources import InputRef
from newsnorm.flows.engine.warcfile import GZIP_MAGIC, read_warc
from newsnorm.flows.engine.widetext import utf8_chunks, utf8_lines, wide_bom
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import (
    HTML_SUFFIXES,
    JSON_SUFFIXES,
    SNIFF_BYTES,
    opens_as_json_lines,
)

JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz")
# A compressed stream that inflates past this ratio is treated as a decompression bomb.
MAX_INFLATION = 200
_CHUNK = 1 << 20
_ARRAY_OF_OBJECTS = re.compile(rb'\[\s*\{\s*"')
# What a JSON line is declared as: transforms.inputs reads it as a record.
JSON_LINE = "application/json"


def expand(ref: InputRef, max_bytes: int) -> Iterator[RawInput]:
    """Every input in one file; a broken file yields a rejection, never an exception."""
    name = ref.path.lower()
    if name.endswith(WARC_SUFFIXES):
        yield from read_warc(ref, max_bytes)
        return
    inner = name.removesuffix(".gz")
    compressed = name.endswith(".gz")
    if inner.endswith(JSONL_SUFFIXES):
        yield from read_jsonl(ref, max_bytes, compressed=compressed)
        return
    sniff = not inner.endswith(HTML_SUFFIXES)
    if compressed:
        if sniff and holds_json_array(ref, compressed):
            yield from read_json_array(ref, max_bytes, compressed=True)
            return
        if sniff and holds_json_lines(ref, compressed):
            yield from read_jsonl(ref, max_bytes, compressed=True)
            return
        yield read_gzip(ref, max_bytes)
        return
    raw = yield from read_plain(ref, max_bytes, sniff=sniff)
    if raw is not None and raw.data is not None and raw.data.startswith(GZIP_MAGIC):
        # Saved compressed under its plain name (a response body kept as sent with
        # `Content-Encoding: gzip`): read it inflated, as `page.html.gz` would be.
        raw = read_gzip(ref, max_bytes, name=ref.path)
    if raw is not None:
        yield raw


def read_plain(
    ref: InputRef, max_bytes: int, *, sniff: bool
) -> Generator[RawInput, None, RawInput | None]:
    """An uncompressed file, opened once: its first KiB tells (`sniff`) whether it holds a
    JSON array or JSON lines, then streamed item by item or line by line from the same
    handle; else the rest is read. The
    file's one input is returned (not yielded), so the caller may read it inflated."""
    opened = open_input(ref)
    if isinstance(opened, RawInput):
        return opened
    with opened as handle:
        try:
            head = handle.read(SNIFF_BYTES) if sniff else b""
        except OSError as err:
            return unreadable(ref, err)
        if sniff and _array_head(ref, head):
            handle.seek(0)
            yield from _array_items(ref, handle, max_bytes, compressed=False)
            return None
        if sniff and opens_as_json_lines(head):
            handle.seek(0)
            yield from _jsonl_lines(ref, handle, max_bytes, compressed=False)
            return None
        return read_opened(ref, handle, max_bytes, head)


def read_jsonl(ref: InputRef, max_bytes: int, compressed: bool) -> Iterator[RawInput]:
    """One input per non-empty line, named `<file>#line=N`; processing parses it. A file of
    no line but blank ones is one `empty` input, as an empty text or WARC is."""
    try:
        handle = _open(ref, compressed)
    except FileNotFoundError:
        yield RawInput(ref.uri, None, None, rejection=DocumentRejected("not_found", "no such file"))
        return
    except (OSError, EOFError, zlib.error) as err:
        where = f"{ref.uri}#line=1"
        yield RawInput(where, None, None, rejection=_broken_stream(err, _after(0, "line")))
        return
    with handle:
        yield from _jsonl_lines(ref, handle, max_bytes, compressed)


def _jsonl_lines(
    ref: InputRef, handle: BinaryIO, max_bytes: int, compressed: bool
) -> Iterator[RawInput]:
    """The lines of an open JSON lines file, read from its start (`read_jsonl`)."""
    line_number = 0
    records = 0
    try:
        guard = _InflationGuard(ref, compressed)
        lines = utf8_lines(handle, _CHUNK, cap=max_bytes)
        for line_number, (line, length) in enumerate(lines, start=1):
            guard.add(length)
            if (broke := cut_of(handle)) is not None and not line.endswith(b"\n"):
                line_number -= 1
                raise broke  # the line the stream broke in is no record
            body = line.strip()
            if not body:
                continue
            records += 1
            uri = f"{ref.uri}#line={line_number}"
            sha = hashlib.sha256(body).hexdigest()
            cut = length != len(line)  # a wide line past the cap: `length` is all of it
            if cut or len(body) > max_bytes:
                size = length - 1 if cut else len(body)
                message = f"line is {size:,} bytes, over the {max_bytes:,}-byte limit"
                yield RawInput(uri, sha, size, rejection=DocumentRejected("too_large", message))
                continue
            yield RawInput(uri, sha, len(body), data=body, media_type=JSON_LINE)
        if (broke := cut_of(handle)) is not None:
            raise broke  # the lines before the break were read
        if not records:
            yield _rejected(ref.uri, "empty", "the file holds no JSON line", None, ref.size)
    except (OSError, EOFError, zlib.error, _Inflated) as err:
        where = f"{ref.uri}#line={line_number + 1}"
        yield RawInput(
            where, None, None, rejection=_broken_stream(err, _after(line_number, "line"))
        )


def holds_json_array(ref: InputRef, compressed: bool) -> bool:
    """Whether the file holds a JSON array: any that opens with '[' when named `.json`, else
    one that opens as an array of objects ('[{"'), so a text opening with a bracket is text."""
    head = _sniffed(ref, compressed)
    return head is not None and _array_head(ref, head)


def holds_json_lines(ref: InputRef, compressed: bool) -> bool:
    """Whether the file holds JSON lines whatever its name (`inputs.opens_as_json_lines`)."""
    head = _sniffed(ref, compressed)
    return head is not None and opens_as_json_lines(head)


def _sniffed(ref: InputRef, compressed: bool) -> bytes | None:
    """The file's first `SNIFF_BYTES` (inflated), None where it cannot be read here."""
    if ref.refused is not None:
        return None  # never opened: the reader records why
    try:
        if not stat.S_ISREG(os.stat(ref.path).st_mode):
            return None  # opening a FIFO would block; the reader rejects it
        with _open(ref, compressed) as handle:
            return handle.read(SNIFF_BYTES)
    except (OSError, EOFError, zlib.error):
        return None  # the reader records why


def _array_head(ref: InputRef, head: bytes) -> bool:
    """Whether a file opening with `head` (its first `SNIFF_BYTES`) holds a JSON array."""
    if codec := wide_bom(head):  # a UTF-16 or UTF-32 export: its own characters tell
        head = head.decode(codec, errors="ignore").encode()
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if ref.path.lower().removesuffix(".gz").endswith(JSON_SUFFIXES):
        return head.startswith(b"[")
    return _ARRAY_OF_OBJECTS.match(head) is not None


def read_json_array(ref: InputRef, max_bytes: int, compressed: bool) -> Iterator[RawInput]:
    """One input per item, named `<file>#item=N`, read as the bytes stream in (one item is
    held at a time, at most `max_bytes` of it); processing parses each item on its own."""
    try:
        handle = _open(ref, compressed)
    except FileNotFoundError:
        yield RawInput(ref.uri, None, None, rejection=DocumentRejected("not_found", "no such file"))
        return
    except OSError as err:
        yield RawInput(
            f"{ref.uri}#item=1", None, None, rejection=_broken_stream(err, _after(0, "item"))
        )
        return
    with handle:
        yield from _array_items(ref, handle, max_bytes, compressed)


def _array_items(
    ref: InputRef, handle: BinaryIO, max_bytes: int, compressed: bool
) -> Iterator[RawInput]:
    """The items of an open JSON array file, read from its start; an array of no item (`[]`)
    is one `empty` input, as an empty text or WARC is."""
    splitter = ArrayItems(max_bytes)
    count = 0
    try:
        guard = _InflationGuard(ref, compressed)
        first = True
        for chunk in utf8_chunks(handle, _CHUNK):
            guard.add(len(chunk))
            if first:
                chunk, first = chunk.removeprefix(b"\xef\xbb\xbf"), False
            for item in splitter.feed(chunk):
                count += 1
                yield _array_input(ref, count, item, max_bytes)
        if (cut := cut_of(handle)) is not None:
            raise cut  # the items before the break were read
        if (last := splitter.close()) is not None:
            count += 1
            yield _array_input(ref, count, last, max_bytes)
        if not count:
            yield _rejected(ref.uri, "empty", "the JSON array holds no item", None, ref.size)
    except ArrayError as err:
        where = f"{ref.uri}#item={count + 1}"
        message = f"{err}, {_after(count, 'item')}"
        yield RawInput(where, None, None, rejection=DocumentRejected("invalid_json", message))
    except (OSError, EOFError, zlib.error, _Inflated) as err:
        where = f"{ref.uri}#item={count + 1}"
        yield RawInput(where, None, None, rejection=_broken_stream(err, _after(count, "item")))


def _array_input(ref: InputRef, number: int, item: Item, max_bytes: int) -> RawInput:
    uri = f"{ref.uri}#item={number}"
    if item.data is None:
        message = f"item is {item.size:,} bytes, over the {max_bytes:,}-byte limit"
        return _rejected(uri, "too_large", message, item.sha256, item.size)
    return RawInput(uri, item.sha256, item.size, data=item.data, media_type=JSON_LINE)


class _Inflated(Exception):
    """A compressed stream inflated past MAX_INFLATION times its size."""


class _InflationGuard:
    def __init__(self, ref: InputRef, compressed: bool) -> None:
        self.limit = (ref.size or 0) * MAX_INFLATION + _CHUNK if compressed else None
        self.total = 0

    def add(self, size: int) -> None:
        self.total += size
        if self.limit is not None and self.total > self.limit:
            raise _Inflated(
                f"inflated to {self.total:,} bytes, {MAX_INFLATION}x its compressed size"
            )


def _open(ref: InputRef, compressed: bool) -> BinaryIO:
    """The file's bytes; a compressed one's up to where its stream breaks (`cut_of`)."""
    if compressed:
        return open_salvaged(ref.path)
    return open(ref.path, "rb")


def _rejected(
    uri: str, code: str, message: str, sha: str | None = None, size: int | None = None
) -> RawInput:
    return RawInput(uri, sha, size, rejection=DocumentRejected(code, message))


def _after(count: int, unit: str) -> str:
    """Where a stream broke, said so that a break before anything was read reads right."""
    if count:
        return f"after {unit} {count}; the rest was not read"
    return f"before its first {unit}; nothing of it was read"


def _broken_stream(err: BaseException, where: str) -> DocumentRejected:
    if isinstance(err, _Inflated):
        return DocumentRejected("decompression_bomb", f"{err} {where}")
    return DocumentRejected(break_code(err), f"{type(err).__name__}: {err} {where}")
