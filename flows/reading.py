"""Read one input's bytes with a size limit; failures become rejections, not crashes."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass

from flows.sources import InputRef
from transforms.errors import DocumentRejected

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class RawInput:
    """An input as read: bytes and hash, or the reason it could not be used."""

    ref: InputRef
    sha256: str | None
    size: int | None
    data: bytes | None = None
    rejection: DocumentRejected | None = None


def read_input(ref: InputRef, max_bytes: int) -> RawInput:
    """Read and hash `ref`; past `max_bytes` only hash it (in chunks) and reject it."""
    try:
        if not stat.S_ISREG(os.stat(ref.path).st_mode):
            # Opening a FIFO would block the run forever; devices and sockets are not files.
            reason = DocumentRejected("unreadable", "not a regular file (FIFO, socket or device)")
            return RawInput(ref, None, ref.size, rejection=reason)
        with open(ref.path, "rb") as handle:
            data = handle.read(max_bytes + 1)
            if len(data) <= max_bytes:
                return RawInput(ref, hashlib.sha256(data).hexdigest(), len(data), data=data)
            digest = hashlib.sha256(data)
            size = len(data)
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except FileNotFoundError:
        return RawInput(ref, None, None, rejection=DocumentRejected("not_found", "no such file"))
    except IsADirectoryError:
        return RawInput(ref, None, None, rejection=DocumentRejected("unreadable", "is a directory"))
    except OSError as err:
        reason = DocumentRejected("unreadable", f"{type(err).__name__}: {err.strerror or err}")
        return RawInput(ref, None, ref.size, rejection=reason)
    message = f"{size:,} bytes is over the {max_bytes:,}-byte limit (--max-bytes)"
    return RawInput(ref, digest.hexdigest(), size, rejection=DocumentRejected("too_large", message))
