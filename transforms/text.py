"""Text helpers: line splitting with offsets, a matching fold, and normalization."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import filterfalse

# One character in, one character out, so offsets found in the folded text are
# offsets in the raw text too (catalogue pitfall 9: typographic variance).
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\t": " ",
        # Zero-width characters read as spaces, so "Share this:\u200b" is still a whole line.
        "\u200b": " ",
        "\u200c": " ",
        "\u200d": " ",
        "\u2060": " ",
        "\ufeff": " ",
        # Python's multi-line ^ and $ know only LF: a lone CR becomes LF (below, for CRLF
        # the CR becomes a space), so anchored patterns work on any line ending.
        "\r": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
    }
)

# Folding only visits the (sparse) characters it maps: much faster than str.translate.
_FOLD_CHARS = re.compile("[" + "".join(chr(code) for code in _FOLD) + "]")
_LINE = re.compile(r"[^\r\n\u2028\u2029]*")
_SPACE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
# CJK characters (a word each, two to a word when counted) and words; learned.py counts as these do.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Possessive: a word's letters and joiners never overlap, so no match ever gives back what
# it took, and not keeping the places to backtrack to makes the body's word count ~15% faster.
WORD = re.compile(r"\w++(?:['\u2019.-]\w++)*+")
# WORD with an empty group at its end, for counting: the same matches, but `findall` gives
# the group's text, the one empty string, instead of a new string a word (~13% less time).
_COUNTED = re.compile(WORD.pattern + "()")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the decoded input: its text and where it sits in that input."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def fold_for_matching(text: str) -> str:
    """Map quotes, dashes, odd spaces and line ends to ASCII, keeping the length unchanged."""
    return _FOLD_CHARS.sub(_fold_match, text.replace("\r\n", " \n"))


def _fold_match(match: re.Match[str]) -> str:
    return str(_FOLD[ord(match.group())])


def split_lines(text: str) -> list[Line]:
    """Split on LF, CRLF or lone CR, keeping each line's offset in `text`."""
    return list(_split_lines(text))


@lru_cache(maxsize=2)
def _split_lines(text: str) -> tuple[Line, ...]:
    """split_lines, remembered for the last texts: the rule engine and the story stage
    both split a document that no text rule cut (its lines are values, shared safely)."""
    # Three substring tests, not a regex search for the class: ~0.1 against ~20 µs a page.
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        return tuple(_split_lf(text))
    return tuple(_split_any(text))


def _split_any(text: str) -> list[Line]:
    """split_lines for any line breaks: one regex match per line."""
    lines: list[Line] = []
    position = 0
    length = len(text)
    while True:
        match = _LINE.match(text, position)
        assert match is not None  # the pattern matches the empty string
        lines.append(Line(match.group(), position))
        position = match.end()
        if position >= length:
            return lines
        position += 2 if text.startswith("\r\n", position) else 1  # CRLF, LF, CR, U+2028/9
        if position >= length:
            return lines


def _split_lf(text: str) -> list[Line]:
    """split_lines for text whose only line break is LF: str.split, offsets summed."""
    pieces = text.split("\n")
    if len(pieces) > 1 and not pieces[-1]:
        pieces.pop()  # a final line break ends the last line; it does not start another
    lines: list[Line] = []
    position = 0
    for piece in pieces:
        lines.append(Line(piece, position))
        position += len(piece) + 1
    return lines


def normalize_text(text: str) -> str:
    """NFC, one space for any run of whitespace or zero-width characters, trimmed."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        if not text.isprintable() and _ZERO_WIDTH.search(text) is not None:
            return _SPACE.sub(" ", text).strip()
    # Most lines are normalized already (it runs ~30 times a document): a printable text's
    # only whitespace is ' ' (every other \s and zero-width character is unprintable), so
    # with no double space and none at its ends the split-and-join below would rebuild it.
    if "  " not in text and text.isprintable() and text[:1] != " " and text[-1:] != " ":
        return text
    # str.split() splits on exactly what \s matches: the same result, several times faster.
    return " ".join(text.split())


class NormalizedLines:
    """`normalize_text` of a text's lines, remembered by where each line starts.

    The rule engine normalizes every line it keeps; the story stage normalizes every line
    of the same text again to match the kept ones back to the input. A line met again is
    given its remembered string when its text is the one normalized (a line of a copy with
    cuts blanked, at the same offset, is not): the same function of the same string."""

    __slots__ = ("_by_start",)

    def __init__(self) -> None:
        self._by_start: dict[int, tuple[str, str]] = {}

    def of(self, line: Line) -> str:
        """`normalize_text(line.text)`."""
        known = self._by_start.get(line.start)
        if known is not None and known[0] == line.text:
            return known[1]
        normalized = normalize_text(line.text)
        self._by_start[line.start] = (line.text, normalized)
        return normalized


def count_words(text: str) -> int:
    """Words, with Chinese and Japanese (written without spaces) counted as one word per
    two characters, the usual rough equivalence."""
    cjk = len(CJK.findall(text))
    if not cjk:
        return _count_without_cjk(text)
    return len(_COUNTED.findall(CJK.sub(" ", text))) + (cjk + 1) // 2


def count_words_in(paragraphs: tuple[str, ...], joined: str | None = None) -> int:
    """`sum(map(count_words, paragraphs))`, in one pass over the joined text when there is
    no CJK (no word spans a paragraph break, but CJK rounds per paragraph). `joined`, when
    the caller has it, is `"\\n\\n".join(paragraphs)` (an article's body): not joined again."""
    if joined is None:
        joined = "\n\n".join(paragraphs)
    if CJK.search(joined) is None:
        return _count_without_cjk(joined)
    return sum(map(count_words, paragraphs))


def _count_without_cjk(text: str) -> int:
    """`len(WORD.findall(text))`, with the regex run only over the pieces that need it.

    A word is letters and joiners, never whitespace, so no word spans two of `str.split`'s
    pieces; a piece that is all alphanumeric (`str.isalnum` is `\\w` less `_`) is one word.
    Most of a text's pieces are such words, counted in C; the rest (words with punctuation,
    joined words, underscores), joined by spaces, are counted by the pattern: a body's count
    ~40% faster than the pattern over the whole text."""
    pieces = text.split()
    rest = list(filterfalse(str.isalnum, pieces))
    return len(pieces) - len(rest) + len(_COUNTED.findall(" ".join(rest)))


# Lines of two extractions of one page are matched by their normalized opening: they
# may differ in trailing whitespace or a joined inline element.
_KEY_CHARS = 60


def line_key(text: str) -> str:
    """A key to match one text line against another extraction of the same page."""
    return normalize_text(text)[:_KEY_CHARS]


def without_accents(text: str) -> str:
    """Casefolded with accents dropped ('Solène' → 'solene'), to match names and site
    words however a page spells them."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
