"""gzip-compressed inputs read up to where they break.

A `.jsonl.gz` cut short (a download stopped, a disk filled while it was written) was
rejected whole: Python's gzip raises at the cut, and the reader lost the lines it had
inflated in that megabyte, so the records before the cut were lost as well. `Salvaged`
hands the readers every byte before the cut and then a clean end, and says why it ended
(`cut`): the records read are kept, the cut is recorded as `truncated`, as in an
uncompressed file cut short. A one-document `.gz` cut short is rejected as `truncated`
(not `corrupt`): the text before the cut is a story without its end, and the file is whole
gzip up to there, so the reason names what to fetch again.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import zlib

from newsnorm.flows.engine.reading import RawInput
from newsnorm.flows.engine.sources import InputRef
from newsnorm.transforms.errors import DocumentRejected

# How a gzip stream breaks part way: cut short, or a damaged block.
BROKEN = (EOFError, zlib.error, gzip.BadGzipFile)
GZIP_MAGIC = b"\x1f\x8b"
_MEMBER = GZIP_MAGIC + b"\x08"  # a gzip member's first bytes (deflate, the only method)
_CHUNK = 1 << 20


class Salvaged(io.RawIOBase):
    """A gzip file's inflated bytes up to its end or its break; `cut` is the break's error."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self._gzip = gzip.open(path, "rb")  # noqa: SIM115 (closed by close())
        self._path = path
        self.cut: BaseException | None = None
        self.searches = 0  # resync searches made in it (each inflates it again from the start)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.cut is not None:
            return 0
        try:
            # read1: what one raw read inflates, so bytes before a break are handed out
            data = self._gzip.read1(len(buffer))
        except BROKEN as err:
            if not _trailing_garbage(err, self._gzip.tell(), self._path):
                self.cut = err
            return 0
        buffer[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self.cut = None
        try:
            return self._gzip.seek(offset, whence)
        except BROKEN as err:  # sought past the break: the stream ends there
            self.cut = err
            return self._gzip.tell()

    def tell(self) -> int:
        return self._gzip.tell()

    def close(self) -> None:
        self._gzip.close()
        super().close()


def _trailing_garbage(err: BaseException, inflated: int, path: str) -> bool:
    """Whether `err` is bytes that are no gzip member after whole, CRC-checked members
    (padding or junk a writer or a copy left): gunzip warns and keeps what inflated, and
    so do the readers. Python's gzip raises this only where a member would begin; junk
    followed by more members is a break (those members would be lost unsaid)."""
    if not isinstance(err, gzip.BadGzipFile) or not str(err).startswith("Not a gzipped"):
        return False
    tail = _after_members(path)  # a member's first bytes, cut short, are no junk either
    return inflated > 0 and _MEMBER not in tail and not _MEMBER.startswith(tail)


def _after_members(path: str) -> bytes:
    """The bytes of a gzip file after its last whole member (up to a MiB of them)."""
    with open(path, "rb") as handle:
        member, rest = zlib.decompressobj(31), handle.read(_CHUNK)
        while rest and rest.startswith(GZIP_MAGIC):
            while rest and not member.eof:
                member.decompress(rest, _CHUNK)
                rest = member.unconsumed_tail or member.unused_data or handle.read(_CHUNK)
            if not member.eof:
                return b""  # cut inside a member: not what this is asked about
            rest = member.unused_data or handle.read(_CHUNK)
            member = zlib.decompressobj(31)
        return rest + handle.read(_CHUNK)


def open_salvaged(path: str) -> io.BufferedReader:
    """A gzip file to read lines or chunks from; `cut_of` tells, at its end, whether it broke."""
    return io.BufferedReader(Salvaged(path))


def cut_of(handle: object) -> BaseException | None:
    """Why a handle from `open_salvaged` ended before its stream did; None for any other."""
    raw = getattr(handle, "raw", None)
    return raw.cut if isinstance(raw, Salvaged) else None


def read_gzip(ref: InputRef, max_bytes: int, name: str | None = None) -> RawInput:
    """A gzip-compressed single document, inflated up to `max_bytes` and no further; its
    `name` is the file's without `.gz` unless given."""
    try:
        with open_salvaged(ref.path) as handle:
            data = handle.read(max_bytes + 1)
            cut = cut_of(handle)
    except FileNotFoundError:
        return RawInput(
            ref.uri, None, None, rejection=DocumentRejected("not_found", "no such file")
        )
    except (OSError, *BROKEN) as err:
        return RawInput(ref.uri, None, ref.size, rejection=corrupt_gzip(err))
    if cut is not None:
        if not data or break_code(cut) == "corrupt":
            # Nothing inflates (no gzip at all, or broken at its start), a checksum that
            # does not match, or a damaged block: the bytes are wrong, not cut short.
            return RawInput(ref.uri, None, ref.size, rejection=corrupt_gzip(cut))
        message = (
            f"{type(cut).__name__}: {cut}, after {len(data):,} bytes of the document; a "
            "document cut short is not stored"
        )
        rejection = DocumentRejected("truncated", message)
        return RawInput(ref.uri, None, ref.size, rejection=rejection)
    if len(data) > max_bytes:
        message = (
            f"inflates past the {max_bytes:,}-byte limit (from {ref.size or 0:,} compressed "
            "bytes): too large, or a decompression bomb"
        )
        return RawInput(ref.uri, None, ref.size, rejection=DocumentRejected("too_large", message))
    sha256 = hashlib.sha256(data).hexdigest()
    # The member is named without `.gz`, so `page.html.gz` is read as a page.
    member = ref.path[: -len(".gz")] if name is None else name
    return RawInput(ref.uri, sha256, len(data), data=data, name=member)


def corrupt_gzip(err: BaseException) -> DocumentRejected:
    return DocumentRejected("corrupt", f"not a readable gzip stream: {type(err).__name__}: {err}")


def break_code(err: BaseException) -> str:
    """Why a stream stopped being read: `corrupt` when gzip found its bytes wrong (a member
    failing its checksum or length check), else `truncated` (it ended early)."""
    return "corrupt" if isinstance(err, gzip.BadGzipFile) else "truncated"
