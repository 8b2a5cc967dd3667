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


def utf8_lines(handle: BinaryIO, size: int) -> Iterator[bytes]:
    """The file's lines as bytes; a UTF-16 or UTF-32 file is split into its own lines, each
    given as UTF-8 (split on the byte 0x0A, every line after its first was cut in two
    characters and rejected)."""
    codec = wide_bom(handle.read(4))
    handle.seek(0)
    if codec is None:
        yield from handle
        return
    pending = b""
    for chunk in utf8_chunks(handle, size):
        *lines, pending = (pending + chunk).split(b"\n")
        for line in lines:
            yield line + b"\n"
    if pending:
        yield pending


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
