"""The repository holds no third-party article text: no file (the owner's seed aside) shares
25 words in a row with a real capture under ../shared/.

The captures are the scraped samples (`../shared/**/*.txt|.html`, as the stop hook reads them)
and the benchmarks' ground-truth article texts (`../shared/benchmarks/**/*.json`); the
benchmarks' gzipped pages are left out, since their article text is the ground truth's and the
rest is markup. Both sides are compared as words: JSON escapes undone, tags dropped, entities
decoded, lower-cased, `\\w+` runs. The wordings that `syndication/CATALOGUE.md` quotes (notices,
taglines, site chrome of six words or more) are facts an adapter must match, not article text:
a run is counted only outside them.

A local check, not a CI guard: it needs the captures, which stay outside the repository, so it
runs where ../shared/ is (a development machine) and skips on a clean clone such as CI's.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests_support import ROOT

SHARED = ROOT.parent / "shared"
CATALOGUE = SHARED / "syndication" / "CATALOGUE.md"
RUN = 25  # words in a row that make a copy (the stop hook's rule)
# Runs of WINDOW words are indexed and a capture is probed every STRIDE words: any run of RUN
# shared words holds a probe whose window lies inside it, so none is missed.
WINDOW = 13
STRIDE = RUN - WINDOW + 1
MIN_WORDING = 6  # shorter catalogue quotes ('By', 'Health') are common words, not wordings
SKIPPED_DIRS = {".git", ".venv", ".typecheck", "__pycache__", ".mypy_cache", ".ruff_cache"}
TEXT_SUFFIXES = {".txt", ".html", ".htm", ".json", ".jsonl", ".warc", ".py", ".md", ".toml"}
TEXT_SUFFIXES |= {".sql", ".csv", ".yaml", ".yml"}
MAX_BYTES = 5_000_000

_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^<>]{0,2000}>")
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\([/\"\\nrt])")
_QUOTE = re.compile(r"`([^`\n]+)`")
_PLACEHOLDER = re.compile(r"(<[A-Za-z][^<>]{0,40}>|…|\.\.\.)")


def normalize(text: str) -> str:
    """Text as a reader sees it: JSON escapes undone, tags dropped, entities decoded."""
    text = _JSON_ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else " ", text)
    return html.unescape(_TAG.sub(" ", text))


def words(text: str) -> list[str]:
    """The words a copy is judged on, the same for a fixture and a capture."""
    return _WORD.findall(normalize(text).lower())


def wording_pattern(catalogue: str) -> re.Pattern[str]:
    """The catalogue's quoted wordings as one pattern: a `<Placeholder>` stands for any short
    text, an ellipsis for the rest of the line, and any punctuation or spacing may separate
    the words (a straight and a typographic apostrophe give one wording)."""
    alternatives = []
    for quote in _QUOTE.findall(catalogue):
        parts = _PLACEHOLDER.split(quote)
        if sum(len(_WORD.findall(part)) for part in parts[::2]) < MIN_WORDING:
            continue
        pattern = ""
        for index, part in enumerate(parts):
            if index % 2:
                if pattern:  # a wording is anchored on its first words
                    pattern += r"[^\n]{1,120}?" if part.startswith("<") else r"[^\n]*"
            elif tokens := _WORD.findall(part):
                pattern += (r"\W*" if pattern else r"\b") + r"\W+".join(map(re.escape, tokens))
        alternatives.append(f"(?:{pattern})")
    return re.compile("|".join(alternatives) or r"(?!)", re.IGNORECASE)


def segments(text: str, wordings: re.Pattern[str]) -> list[list[str]]:
    """The runs of words of `text` outside the known wordings, those long enough to count."""
    pieces = (_WORD.findall(piece.lower()) for piece in wordings.split(normalize(text)))
    return [tokens for tokens in pieces if len(tokens) >= RUN]


@dataclass(frozen=True, slots=True)
class Copy:
    file: str
    capture: str
    run: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.file}: {len(self.run)} words of {self.capture}: {' '.join(self.run[:12])} …"


class Index:
    """Every WINDOW-word run of the repository's files, to probe captures against."""

    def __init__(self, files: dict[str, list[list[str]]]) -> None:
        self.files = files
        self.windows: dict[tuple[str, ...], list[tuple[str, int, int]]] = {}
        for name, pieces in files.items():
            for number, piece in enumerate(pieces):
                for at in range(len(piece) - WINDOW + 1):
                    key = tuple(piece[at : at + WINDOW])
                    self.windows.setdefault(key, []).append((name, number, at))

    def copies(self, capture: str, tokens: list[str]) -> Iterator[Copy]:
        """Runs of RUN or more words that `tokens` share with an indexed file, each hit
        extended both ways to its full length."""
        for probe in range(0, len(tokens) - WINDOW + 1, STRIDE):
            for name, number, at in self.windows.get(tuple(tokens[probe : probe + WINDOW]), ()):
                piece = self.files[name][number]
                left = 0
                while min(at, probe) > left and piece[at - left - 1] == tokens[probe - left - 1]:
                    left += 1
                right = WINDOW
                end = min(len(piece) - at, len(tokens) - probe)
                while right < end and piece[at + right] == tokens[probe + right]:
                    right += 1
                if left + right >= RUN:
                    yield Copy(name, capture, tuple(piece[at - left : at + right]))


def read_text(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="ignore")


def repository_files() -> Iterator[Path]:
    """Every text file of the repository (gzipped ones too), the seed folder left out."""
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = sorted(
            name
            for name in subfolders
            if name not in SKIPPED_DIRS
            and not name.endswith(".egg-info")
            and not (folder == str(ROOT) and name == "seeds")  # the owner's seed may be copied
        )
        for name in sorted(names):
            path = Path(folder, name)
            inner = Path(path.stem).suffix if path.suffix == ".gz" else path.suffix
            if inner in TEXT_SUFFIXES and path.stat().st_size <= MAX_BYTES:
                yield path


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def captures(shared: Path) -> Iterator[tuple[str, str]]:
    """(name, text) of every capture: samples as saved, ground truths as their strings."""
    for path in sorted(shared.rglob("*")):
        relative = path.relative_to(shared)
        if "seeds" in relative.parts or not path.is_file():
            continue
        if path.suffix in (".txt", ".html"):
            yield str(relative), read_text(path)
        elif relative.parts[0] == "benchmarks" and path.suffix == ".json":
            yield str(relative), "\n".join(_strings(json.loads(read_text(path))))


def repository_copies(shared: Path) -> list[Copy]:
    catalogue = shared / CATALOGUE.relative_to(SHARED)
    wordings = wording_pattern(catalogue.read_text(encoding="utf-8") if catalogue.exists() else "")
    files = {
        str(path.relative_to(ROOT)): pieces
        for path in repository_files()
        if (pieces := segments(read_text(path), wordings))
    }
    index = Index(files)
    return [copy for name, text in captures(shared) for copy in index.copies(name, words(text))]


def test_no_file_shares_a_long_run_of_words_with_a_capture() -> None:
    if not (SHARED / "corpus").is_dir():
        pytest.skip(
            f"{SHARED} is absent: this provenance check runs only where the real captures "
            "are (a development machine), never on a clean clone such as CI's"
        )
    first: dict[tuple[str, str], Copy] = {}
    for copy in repository_copies(SHARED):
        first.setdefault((copy.file, copy.capture), copy)
    listing = "\n".join(str(copy) for copy in first.values())
    assert not first, f"third-party text in the repository (write fixtures of our own):\n{listing}"


SENTENCE = words(
    "The ferry board met on Tuesday to weigh a new timetable for the winter months and to "
    "hear from crews who say the early sailings are too often late."
)


def test_a_run_of_25_words_is_found_and_24_are_not() -> None:
    index = Index({"fixture.txt": [["our", "own", *SENTENCE[:25], "words"]]})
    capture = ["they", "wrote", *SENTENCE, "and", "more"]
    found = list(index.copies("capture.txt", capture))
    assert {copy.run for copy in found} == {tuple(SENTENCE[:25])}
    short = Index({"fixture.txt": [["our", "own", *SENTENCE[:24], "words"]]})
    assert not list(short.copies("capture.txt", capture))


def test_the_run_is_found_wherever_it_starts_in_the_capture() -> None:
    index = Index({"fixture.txt": [SENTENCE[:25]]})
    for offset in range(STRIDE + 1):
        capture = ["filler"] * offset + SENTENCE[:25] + ["end"]
        assert list(index.copies("capture.txt", capture)), offset


def test_words_compare_escaped_json_and_markup_as_text() -> None:
    raw = '{"x":"<p class=\\"a\\">It\\u2019s &amp; <a href=\\"\\/b\\">ok<\\/a><\\/p>"}'
    assert words(raw) == ["x", "it", "s", "ok"]


def test_a_catalogued_wording_is_left_out_and_cuts_the_run() -> None:
    catalogue = (
        "- footer: `This story first appeared on <Site> and is republished here.` (seen)\n"
        "- modal: `To republish, simply copy the HTML at right, …` / `By`\n"
    )
    wordings = wording_pattern(catalogue)
    first, second = " ".join(SENTENCE[:15]), " ".join(SENTENCE[15:27])
    footer = f"{first} This story first appeared on The Gazette and is republished here. {second}"
    modal = f"{first}\nTo republish, simply copy the HTML at right, and more words.\n{second}"
    assert segments(footer, wordings) == []
    assert segments(modal, wordings) == []
    assert segments(footer, wording_pattern("")) == [words(footer)]
    assert segments(f"{first} By {second}", wordings) == [words(f"{first} By {second}")]


def test_without_the_captures_it_skips_saying_it_is_a_local_check(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(globals(), "SHARED", tmp_path / "absent")  # the module's own name
    with pytest.raises(pytest.skip.Exception, match="runs only where the real captures are"):
        test_no_file_shares_a_long_run_of_words_with_a_capture()
