"""Read one input's bytes with a size limit; failures become rejections, not crashes."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from newsnorm.flows.engine.sources import InputRef
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import InputMeta, Reading, input_kind
from newsnorm.transforms.picklestate import quick_state

_CHUNK = 1 << 20
# A table row (rows.Row) travelling with the inputs: a file's manifest row.
Row = dict[str, object]


@quick_state
@dataclass(frozen=True, slots=True)
class RawInput:
    """One input as read: bytes and hash, or the reason it could not be used.

    A file is one input, except a WARC (one per HTML response record), a JSON-lines file
    (one per line) and a file holding a JSON array (one per item); `uri` names the file
    and, for those, the record, line or item.
    `name`, `media_type` and `url` are what the container says about the input
    (`transforms.inputs.InputMeta`: which path it takes is decided there). `skipped` is a
    WARC record that is not an article page: counted, never stored as an article; one with
    a `rejection` (an HTML response with an HTTP error or redirect status) is recorded in
    `inputs` as skipped, with its status as the reason.
    """

    uri: str
    sha256: str | None
    size: int | None
    data: bytes | None = None
    rejection: DocumentRejected | None = None
    name: str = ""
    media_type: str | None = None
    url: str | None = None
    skipped: bool = False

    def meta(self, reading: Reading) -> InputMeta:
        """What processing needs to know about this input, with the run's reading settings."""
        return InputMeta(self.name, self.media_type, self.url, reading.mapping(), reading.timezone)

    def reading_key(self, reading: Reading) -> str | None:
        """The key of the settings this input is read with: those its kind uses (None for
        an input that was not read, and for the defaults)."""
        if self.data is None:
            return None
        return reading.applying_to(input_kind(self.data, self.meta(reading))).key


def open_input(ref: InputRef) -> BinaryIO | RawInput:
    """`ref` open for reading, or the input rejecting it when it cannot be read."""
    if ref.refused is not None:
        # The walk refused it (a symbolic link out of the source folder): never opened.
        return RawInput(ref.uri, None, None, rejection=DocumentRejected(*ref.refused))
    try:
        mode = os.stat(ref.path).st_mode
        if not stat.S_ISREG(mode):
            # Opening a FIFO would block the run forever; devices and sockets are not files.
            what = "a folder" if stat.S_ISDIR(mode) else "a FIFO, socket or device"
            reason = DocumentRejected("unreadable", f"not a regular file: {what}")
            return RawInput(ref.uri, None, ref.size, rejection=reason)
        return open(ref.path, "rb")
    except FileNotFoundError:
        return RawInput(ref.uri, None, None, rejection=_not_found(ref.path))
    except OSError as err:
        return unreadable(ref, err)


def read_opened(ref: InputRef, handle: BinaryIO, max_bytes: int, head: bytes = b"") -> RawInput:
    """The rest of an open `ref` after its first bytes `head` (read already), read and hashed
    (`formats.read_plain` opens a plain file once and hands its handle here).

    What is stored is what was read: the hash and size are those of the bytes read here,
    whatever the size was when the file was listed (it may have changed since)."""
    try:
        # The head may be longer than --max-bytes admits: then it is only hashed, with the rest.
        data = head + handle.read(max(max_bytes + 1 - len(head), 0))
        if len(data) <= max_bytes:
            return RawInput(
                ref.uri, hashlib.sha256(data).hexdigest(), len(data), data=data, name=ref.path
            )
        digest = hashlib.sha256(data)
        size = len(data)
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    except OSError as err:
        return unreadable(ref, err)
    message = f"{size:,} bytes is over the {max_bytes:,}-byte limit (--max-bytes)"
    return RawInput(
        ref.uri, digest.hexdigest(), size, rejection=DocumentRejected("too_large", message)
    )


def unreadable(ref: InputRef, err: OSError) -> RawInput:
    """The input of a file that could not be opened or read."""
    return RawInput(ref.uri, None, ref.size, rejection=_unreadable(err))


def _not_found(path: str) -> DocumentRejected:
    """Gone since it was listed, or a symbolic link whose target does not exist."""
    try:
        target = os.readlink(path)
    except OSError:  # not a link (or gone too)
        return DocumentRejected("not_found", "no such file")
    return DocumentRejected("not_found", f"dangling symbolic link: {target} does not exist")


def _unreadable(err: OSError) -> DocumentRejected:
    if err.errno == errno.ELOOP:
        return DocumentRejected("unreadable", "symbolic link loop (too many levels of links)")
    return DocumentRejected("unreadable", f"{type(err).__name__}: {err.strerror or err}")


def marked_chunks(
    items: Iterable[RawInput | Row], max_inputs: int, max_bytes: int
) -> Iterator[tuple[list[RawInput | Row], bool]]:
    """Bounded chunks of inputs, each with whether it is the last. Chunks commit in order, so
    a file's manifest row, which follows its last input, is never committed before the
    inputs it vouches for. A full chunk is closed by the next input, not at once: the rows
    after its last input go with it (closed at once, the last file's row made a chunk of its
    own, one more lookup and commit per batch), and only the chunk after the last input is
    the last, known without reading ahead."""
    chunk: list[RawInput | Row] = []
    inputs = size = 0
    for item in items:
        if isinstance(item, RawInput):
            if inputs >= max_inputs or size >= max_bytes:
                yield chunk, False
                chunk, inputs, size = [], 0, 0
            inputs += 1
            size += item.size or 0
        chunk.append(item)
    if chunk:
        yield chunk, True
