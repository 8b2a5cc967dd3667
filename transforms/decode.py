"""Bytes to text: BOMs, strict UTF-8, then a charset detector; binary is rejected."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from transforms.errors import DocumentRejected

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_RATIO = 0.01
# How much of a document the detector looks at: enough to decide, bounded in cost.
_DETECT_BYTES = 64 * 1024
# Western news is the common case: when the detector ranks windows-1252 as good as
# its first pick (short texts often tie with cp1250 or cp1257), take windows-1252,
# as browsers do for unlabelled Latin pages.
_PREFERRED_ON_TIE = ("cp1252", "latin_1")
_TIE = 0.01


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes) -> Decoded:
    """Decode one input or raise DocumentRejected ('empty', 'binary', 'undecodable')."""
    if not data.strip():
        raise DocumentRejected("empty", "the input has no text (0 bytes or whitespace only)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_strict(data, encoding), encoding)
    if b"\x00" in data[:_DETECT_BYTES]:
        raise DocumentRejected("binary", "the input contains NUL bytes and no UTF-16/32 BOM")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    encoding = _detect_encoding(data)
    return _checked(_decode_strict(data, encoding), encoding)


def _decode_strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as err:
        raise DocumentRejected("undecodable", f"not valid {encoding}: {err}") from err


def _detect_encoding(data: bytes) -> str:
    matches = list(from_bytes(data[:_DETECT_BYTES]))
    if not matches:
        raise DocumentRejected("undecodable", "no text encoding fits the input")
    best = matches[0]
    for preferred in _PREFERRED_ON_TIE:
        for match in matches:
            if (
                match.encoding == preferred
                and match.chaos <= best.chaos + _TIE
                and match.coherence >= best.coherence - _TIE
            ):
                return preferred
    return str(best.encoding)


def _checked(text: str, encoding: str) -> Decoded:
    controls = len(_CONTROL.findall(text))
    if text and controls / len(text) > _MAX_CONTROL_RATIO:
        raise DocumentRejected(
            "binary", f"{controls} control characters in {len(text)} decoded as {encoding}"
        )
    if not text.strip():
        raise DocumentRejected("empty", "the input decodes to whitespace only")
    return Decoded(text, encoding)
