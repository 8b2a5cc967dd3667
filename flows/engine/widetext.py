"""Files saved as UTF-16 or UTF-32 (with a byte order mark: PowerShell's and other Windows
tools' exports) read as UTF-8, for the readers that split a file into records on its bytes:
JSON lines on the byte 0x0A, JSON arrays on UTF-8 punctuation."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import BinaryIO

from newsnorm.transforms.decode import bom_encoding


def wide_bom(head: bytes) -> str | None:
    """The codec of a UTF-16 or UTF-32 byte order mark `head` opens with (a Windows tool's
    export); None for any other start, a UTF-8 BOM included."""
    codec = bom_encoding(head)
    return codec if codec is not None and codec.startswith(("utf-16", "utf-32")) else None


def utf8_lines(handle: BinaryIO, size: int, cap: int) -> Iterator[tuple[bytes, int]]:
    """The file's lines as bytes, each with its length; a UTF-16 or UTF-32 file is split
    into its own lines, each given as UTF-8 (split on the byte 0x0A, every line after its
    first was cut in two characters and rejected). A wide line longer than `cap` is given
    cut to its first `cap` + 1 bytes with its whole length: the caller rejects it, and one
    endless line holds no more than that (its growing copy made the reading quadratic)."""
    codec = wide_bom(handle.read(4))
    handle.seek(0)
    if codec is None:
        for line in handle:
            yield line, len(line)
        return
    pending = _Pending(cap)
    for chunk in utf8_chunks(handle, size):
        *ends, rest = chunk.split(b"\n")  # only the new chunk is searched
        for end in ends:
            pending.add(end)
            yield pending.take(b"\n")
        pending.add(rest)
    if pending.length:
        yield pending.take(b"")


class _Pending:
    """A line's parts as they come, at most `cap` + 1 bytes of it kept."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.parts: list[bytes] = []
        self.kept = 0
        self.length = 0

    def add(self, part: bytes) -> None:
        self.length += len(part)
        room = self.cap + 1 - self.kept
        if room > 0 and part:
            self.parts.append(part[:room])
            self.kept += min(room, len(part))

    def take(self, end: bytes) -> tuple[bytes, int]:
        line = (b"".join(self.parts) + end, self.length + len(end))
        self.parts, self.kept, self.length = [], 0, 0
        return line


def utf8_chunks(handle: BinaryIO, size: int) -> Iterator[bytes]:
    """The file's bytes in chunks; a UTF-16 or UTF-32 file's as UTF-8 (the array splitter
    reads UTF-8: it took such a file for one record, a list, and rejected every item)."""
    chunk = handle.read(size)
    codec = wide_bom(chunk)
    decoder = codecs.getincrementaldecoder(codec)(errors="replace") if codec else None
    while chunk:
        yield chunk if decoder is None else decoder.decode(chunk).encode()
        chunk = handle.read(size)
    if decoder is not None:
        yield decoder.decode(b"", final=True).encode()
