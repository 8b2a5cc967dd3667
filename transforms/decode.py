"""Bytes to text: BOMs, strict UTF-8, then a charset detector; binary is rejected.

The text is composed (NFC) as it is read, so a file saved with decomposed accents (macOS
tools and some CMS exports write NFD) is the same text to every rule that follows: a rule's
`\\w` reads "Ibáñez" as one name only when its accents are single characters.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

from newsnorm.transforms.errors import DocumentRejected

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# The same characters as UTF-8 bytes: each is one byte of its own value, and no byte of a
# multi-byte character is below 0x80.
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_MAX_CONTROL_RATIO = 0.01
# How much of a document the detector looks at: enough to decide, bounded in cost.
_DETECT_BYTES = 64 * 1024
# Past an ASCII head, the detector's sample starts this far before the first non-ASCII byte.
_SAMPLE_BEFORE = 1024
_NON_ASCII = re.compile(rb"[\x80-\xff]")
# A legacy pick that fails at one non-ASCII character in this many or more misread the text
# (`_fails_broadly`): a Western page taken for Shift-JIS failed at 1 of its 18, a Korean
# page with one stray pair fails at 1 of tens of thousands.
_BROAD_SHARE = 100
# Characters that decode as UTF-8, for each U+FFFD (a run of bytes that fails), from which a
# document is UTF-8 with a few bad bytes (`_mostly_utf8`).
_UTF8_SHARE = 4
# Western news is the common case, and on short texts the detector often prefers
# another Latin code page (cp1250, cp1257, …) that decodes the same bytes to odd
# symbols. When its pick is one of those and windows-1252 reads every non-ASCII
# byte as a letter or common punctuation, take windows-1252, as browsers do for
# unlabelled Latin pages. The set holds every ASCII-based Latin code page the detector may
# name (a test checks it against charset-normalizer's list), HP Roman-8 and the DOS and Mac
# pages included: rarely wanted, and named for short texts (HP Roman-8 for 81 of 2,400
# invented texts with Western names under 1.5 KB, reading 'Gómez' as 'Gµmez').
_LATIN_LOOKALIKES = frozenset(
    {
        "cp1250", "cp1257", "cp775", "cp850", "cp852", "cp1125", "latin_1", "iso8859_2",
        "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15",
        "iso8859_16", "mac_latin2", "mac_roman", "mac_iceland", "cp1254", "cp1258",
        "hp_roman8", "iso8859_3", "mac_turkish", "cp437", "cp857", "cp858", "cp860", "cp861",
        "cp863", "cp865",
    }
)  # fmt: skip
_WESTERN_PUNCTUATION = frozenset(
    "\u00a0\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00ab\u00bb\u20ac\u00a3\u00a9\u00ae\u00b0\u00b7\u2022\u00bd\u00bc\u00be\u00a7\u00b4"
    # The symbols windows-1252 shares byte for byte with windows-1250 (trade mark, times,
    # plus-minus, low quotes, angle quotes, daggers, per mille, ...): they say nothing against
    # windows-1252; and the inverted exclamation mark, cent and superscript two, which
    # windows-1250 reads as a bare caron, breve or ogonek that no text writes alone. Without
    # them, 19 of 213 wcxb tuning dumps saved as cp1252 were read as cp775, cp852 or cp1250;
    # with them 6 (4 taken for Shift-JIS, 2 holding an inverted question mark or yen sign,
    # which windows-1250 reads as letters).
    "\u201a\u201e\u2020\u2021\u2030\u2039\u2122\u203a\u00a4\u00a6\u00a8\u00ac\u00ad\u00b1"
    "\u00b6\u00b8\u00d7\u00f7\u00a1\u00a2\u00b2"
)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def refuse_empty(data: bytes) -> None:
    """Reject an input of no bytes but whitespace as `empty`, whatever its kind (text, page
    or JSON record), so one empty file gets one code."""
    if not data.strip():
        raise DocumentRejected("empty", "the input has no text (0 bytes or whitespace only)")


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode one input or raise DocumentRejected ('empty', 'binary', 'undecodable').

    Order: a BOM, strict UTF-8, the `declared` charset (from the input's own markup),
    then the detector.
    """
    refuse_empty(data)
    if encoding := bom_encoding(data):
        return _checked(_decode_strict(data, encoding), encoding)
    if b"\x00" in data[:_DETECT_BYTES]:
        raise DocumentRejected("binary", "the input contains NUL bytes and no UTF-16/32 BOM")
    try:
        return _checked(data.decode("utf-8"), "utf-8", data)
    except UnicodeDecodeError:
        label = (declared or "utf-8").replace("_", "-").lower()
        legacy = label not in ("utf-8", "utf8")
        # A page declaring a legacy code page keeps it: its article may be in that code page
        # inside a UTF-8 template, and reading it as UTF-8 would blank every accent.
        if not legacy and (text := _mostly_utf8(data)) is not None:
            return _checked(text, "utf-8+replacements")
    if declared and declared.replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return _checked(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong or unknown label: let the detector decide
    encoding = _detect_encoding(data)
    try:
        return _checked(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        pass
    replaced = data.decode(encoding, errors="replace")
    if not encoding.startswith("utf") and _fails_broadly(replaced) and _reads_as_western(data):
        # A legacy pick that fails all over the bytes (the detector takes a Western page for
        # Shift-JIS now and then) is wrong: windows-1252, when it reads them as Western text.
        return _checked(data.decode("cp1252"), "cp1252")
    # The detector saw only its sample: a stray byte elsewhere must not cost the whole
    # document. Keep it, with U+FFFD for what did not decode, and say so.
    return _checked(replaced, f"{encoding}+replacements")


def _mostly_utf8(data: bytes) -> str | None:
    """`data` as UTF-8 with U+FFFD for what fails, when it is UTF-8 but for that: at least
    `_UTF8_SHARE` characters decode for each U+FFFD (a capture cut inside its last character
    counts as one), which text in a legacy code page almost never reaches: its accented
    letters pair into valid UTF-8 only by accident, one or two in a short text ('ß“' reads as
    an NKo letter). The detector read such a file as windows-1252 or hp-roman8 (every accent
    mojibake) or found no encoding at all (the whole input rejected for one byte)."""
    replaced = data.decode("utf-8", errors="replace")
    stated = data.count("\ufffd".encode())  # U+FFFD the text itself holds
    failures = replaced.count("\ufffd") - stated
    decoded = len(replaced) - len(replaced.encode("ascii", "ignore")) - failures - stated
    return replaced if decoded >= _UTF8_SHARE * failures else None


def _fails_broadly(replaced: str) -> bool:
    """Whether a decoding failed at a fair share of its non-ASCII characters, not at a stray
    byte among many: a real double-byte page with one bad pair keeps its code page (its text
    would be mojibake in any other)."""
    failures = replaced.count("\ufffd")
    non_ascii = len(replaced) - len(replaced.encode("ascii", "ignore"))
    return failures * _BROAD_SHARE >= non_ascii


def bom_encoding(data: bytes) -> str | None:
    """The codec a byte order mark at the start of `data` names (it reads the mark away)."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# As browsers do (WHATWG Encoding): these labels mean windows-1252 in practice.
_WINDOWS_1252_LABELS = frozenset(
    {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"}
)


def decode_html_bytes(data: bytes) -> Decoded:
    """`decode_bytes` with the page's `<meta charset>` tried before the detector; a wrong
    declaration (a UTF-8 page labelled Latin-1, a cp1252 page labelled UTF-8) is survived."""
    declared = _DECLARED_CHARSET.search(data[:4096])
    label = declared.group(1).decode("ascii").lower() if declared else None
    return decode_bytes(data, declared="cp1252" if label in _WINDOWS_1252_LABELS else label)


def _decode_strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as err:
        raise DocumentRejected("undecodable", f"not valid {encoding}: {err}") from err


def _detect_encoding(data: bytes) -> str:
    matches = list(from_bytes(_sample(data)))
    if not matches:
        raise DocumentRejected("undecodable", "no text encoding fits the input")
    best = str(matches[0].encoding)
    if best == "ascii" or (best in _LATIN_LOOKALIKES and _reads_as_western(data)):
        return "cp1252"
    return best


def _sample(data: bytes) -> bytes:
    """What the detector reads: the first 64 KiB, unless they are all ASCII (a page's scripts
    and styles, a meta that may be wrong) and non-ASCII bytes follow; then from just before
    the first of those, the bytes that tell. Unlabelled wcxb tuning pages saved as cp1252: 6
    of 96 (ASCII past 64 KiB, some saying UTF-8 in an http-equiv) became U+FFFD for every
    accent and typographic quote; 0 with this."""
    head = data[:_DETECT_BYTES]
    found = _NON_ASCII.search(data, len(head)) if head.isascii() else None
    if found is None:
        return head
    start = max(0, found.start() - _SAMPLE_BEFORE)
    return data[start : start + _DETECT_BYTES]


def _reads_as_western(data: bytes) -> bool:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return all(char.isalpha() or char in _WESTERN_PUNCTUATION for char in text if ord(char) > 127)


def _checked(text: str, encoding: str, utf8: bytes | None = None) -> Decoded:
    """`text` composed, unless it is mostly control characters or blank. `utf8`, the bytes
    `text` was decoded from as UTF-8, are counted instead: a byte deletion, not a regex
    over every character (0.1 against 0.5 ms of a 330 kB page)."""
    if utf8 is not None:
        controls = len(utf8) - len(utf8.translate(None, _CONTROL_BYTES))
    else:
        controls = len(_CONTROL.findall(text))
    if text and controls / len(text) > _MAX_CONTROL_RATIO:
        raise DocumentRejected(
            "binary", f"{controls} control characters in {len(text)} decoded as {encoding}"
        )
    if not text.strip():
        raise DocumentRejected("empty", "the input decodes to whitespace only")
    return Decoded(composed(text), encoding)


def composed(text: str) -> str:
    """`text` in NFC (ASCII and already composed text answered without a copy)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)
