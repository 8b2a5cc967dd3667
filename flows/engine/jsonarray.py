"""Split a JSON array into its items as its bytes stream in, never parsing it whole.

A scraper's export is often one array of records (Scrapy's `-o items.json`, a tool's list
of articles): thousands of records in one file. `ArrayItems` is fed the file in chunks and
hands back each top-level item's bytes as soon as the item closes, holding one item at a
time and at most `max_bytes` of it (a larger item is only hashed). It finds where items
end, nothing more: each item is parsed later, on its own, as a JSON record.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

_NOT_SPACE = re.compile(rb"[^ \t\r\n]")
_IN_CONTAINER = re.compile(rb'["{}\[\]]')
_IN_STRING = re.compile(rb'["\\]')
_SCALAR_END = re.compile(rb"[ \t\r\n,\]]")

State = Literal["start", "first", "value", "item", "after", "end"]


class ArrayError(ValueError):
    """The bytes stop being a JSON array (text between items, a missing comma)."""


@dataclass(frozen=True, slots=True)
class Item:
    """One item's bytes (None when they are over the limit: hashed only), their hash and
    size; `cut` when the input ended inside the item."""

    data: bytes | None
    sha256: str
    size: int
    cut: bool = False


class ArrayItems:
    """Feed chunks of a JSON array; get back the items that closed in each."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.state: State = "start"
        self.offset = 0  # bytes fed before the current chunk
        self._reset_item()

    def _reset_item(self) -> None:
        self.depth = 0
        self.in_string = self.escape = self.scalar = False
        self.buffer = bytearray()
        self.over = False  # the item passed max_bytes: its bytes are hashed, not kept
        self.digest = hashlib.sha256()
        self.size = 0

    def feed(self, chunk: bytes) -> Iterator[Item]:
        """The items that close in `chunk`, each as it closes; raises ArrayError where the
        bytes stop being an array (after the items before that point)."""
        pos, start = 0, 0
        while pos < len(chunk):
            if self.state == "item":
                pos, ended = self._scan_item(chunk, pos)
                if ended:
                    self._take(chunk[start:pos])
                    yield self._finish()
                continue
            found = _NOT_SPACE.search(chunk, pos)
            if found is None:
                break
            start = found.start()  # an item's first byte, when one begins here
            pos = self._between_items(chunk, start)
        if self.state == "item":
            self._take(chunk[start:])
        self.offset += len(chunk)

    def close(self) -> Item | None:
        """At the end of the input: the item it ended inside, if any (a cut-off capture)."""
        if self.state != "item":
            return None
        item = self._finish()
        return Item(item.data, item.sha256, item.size, cut=True)

    def _between_items(self, chunk: bytes, pos: int) -> int:
        """Read one structural byte outside any item; returns where scanning goes on (at an
        item's first byte, once one begins)."""
        byte = chunk[pos : pos + 1]
        if self.state == "start":
            if byte != b"[":
                raise ArrayError(f"not a JSON array: {byte!r} at byte {self.offset + pos}")
            self.state = "first"
            return pos + 1
        if self.state in ("first", "value"):
            if byte == b"]" and self.state == "first":
                self.state = "end"
                return pos + 1
            if byte in (b",", b"]"):
                raise ArrayError(f"an item is missing at byte {self.offset + pos}")
            return self._begin_item(byte, pos)
        if self.state == "after" and byte in (b",", b"]"):
            self.state = "value" if byte == b"," else "end"
            return pos + 1
        after = "after the array's end" if self.state == "end" else "where a comma belongs"
        raise ArrayError(f"unexpected {byte!r} at byte {self.offset + pos}, {after}")

    def _begin_item(self, byte: bytes, pos: int) -> int:
        self.state = "item"
        if byte == b'"':
            self.in_string = True
        elif byte in (b"{", b"["):
            self.depth = 1
        else:
            self.scalar = True
            return pos
        return pos + 1

    def _scan_item(self, chunk: bytes, pos: int) -> tuple[int, bool]:
        """Scan the item from `pos`: (where it ends, True), else (the chunk's end, False)."""
        end = len(chunk)
        while pos < end:
            if self.escape:
                self.escape, pos = False, pos + 1
            elif self.in_string:
                found = _IN_STRING.search(chunk, pos)
                if found is None:
                    return end, False
                pos = found.end()
                if found.group() == b"\\":
                    self.escape = True
                else:
                    self.in_string = False
                    if self.depth == 0:
                        self.state = "after"
                        return pos, True
            elif self.scalar:
                found = _SCALAR_END.search(chunk, pos)
                if found is None:
                    return end, False
                self.state = "after"
                return found.start(), True
            else:
                found = _IN_CONTAINER.search(chunk, pos)
                if found is None:
                    return end, False
                pos = found.end()
                byte = found.group()
                if byte == b'"':
                    self.in_string = True
                elif byte in (b"{", b"["):
                    self.depth += 1
                else:
                    self.depth -= 1
                    if self.depth == 0:
                        self.state = "after"
                        return pos, True
        return end, False

    def _take(self, piece: bytes) -> None:
        """Add a piece of the current item: hashed always, kept while within the limit."""
        if not piece:
            return
        self.size += len(piece)
        self.digest.update(piece)
        if self.size > self.max_bytes:
            self.over, self.buffer = True, bytearray()
        elif not self.over:
            self.buffer += piece

    def _finish(self) -> Item:
        data = None if self.over else bytes(self.buffer)
        item = Item(data, self.digest.hexdigest(), self.size)
        self._reset_item()
        return item
