"""The pure parts of bench/accuracy.py: the tuning/check split and the figure definitions.

Nothing here reads ../shared/ or runs newsnorm, so tests/test_accuracy_bench.py checks every
definition on tiny invented inputs. bench/accuracy.py's docstring says what each figure means.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

Part = Literal["tuning", "check"]
DateOutcome = Literal["none", "right", "wrong"]

# The split: a page is in the tuning part when the first hex digit of sha256("<dataset>/<id>")
# is 0-7, else in the check part (about half and half). The key names the page, not the set,
# so one wcxb page is on the same side as HTML, as a text dump and as a syndicated sample.
TUNING_DIGITS = frozenset("01234567")
# Sentences shorter than this (in word tokens) are headings, labels and credits, not story.
MIN_SENTENCE_TOKENS = 6
# Word 4-grams, as the benchmarks' body metric (score.py) counts them.
SHINGLE = 4
# A page's body "holds less of trafilatura's main text" when it lacks more than this share of
# the main text's 4-grams (a few are lost at paragraph seams and by normalization).
LOSS_TOLERANCE = 0.05
# ... and "most of it went with no named rule" past this share, unexplained by named rules.
MOST = 0.5

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_WORD = re.compile(r"\w+")
# A sentence ends at . ! ? (or … ) followed by space and an opening capital, digit or quote.
_SENTENCE_END = re.compile(
    r"(?<=[.!?\u2026])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])"
)


def part_of(dataset: str, page_id: str) -> Part:
    """The part a page belongs to, fixed by its name alone (see TUNING_DIGITS)."""
    digest = hashlib.sha256(f"{dataset}/{page_id}".encode()).hexdigest()
    return "tuning" if digest[0] in TUNING_DIGITS else "check"


def fold(text: str) -> str:
    """NFKC, straight quotes and hyphens, one space for any whitespace run, casefolded."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return re.sub(r"\s+", " ", text).strip().casefold()


def word_key(text: str) -> str:
    """The folded words of a text, one space apart, with a space at each end: a sentence is
    in a body when its key is a substring of the body's key (punctuation and layout aside)."""
    return " " + " ".join(_WORD.findall(fold(text))) + " "


def sentences(text: str, min_tokens: int = MIN_SENTENCE_TOKENS) -> list[str]:
    """The sentences of a text, line by line, that have at least `min_tokens` words."""
    found: list[str] = []
    for line in text.splitlines():
        for sentence in _SENTENCE_END.split(line.strip()):
            if len(_WORD.findall(sentence)) >= min_tokens:
                found.append(sentence.strip())
    return found


def reference_sentences(story: str, source: str, cruft: Sequence[str]) -> list[str]:
    """The story's sentences that a cleaner could keep: those present in its input (`source`)
    and carrying none of the labelled cruft strings (a notice written as a sentence)."""
    source_key = word_key(source)
    return [
        sentence
        for sentence in sentences(story)
        if word_key(sentence) in source_key and not any(holds(sentence, c) for c in cruft)
    ]


@dataclass(frozen=True, slots=True)
class Count:
    """hits out of total; `share` is None when there is nothing to count."""

    hits: int
    total: int

    @property
    def share(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __add__(self, other: Count) -> Count:
        return Count(self.hits + other.hits, self.total + other.total)


def holds(text: str, item: str) -> bool:
    """A labelled string is in a text: anywhere after folding, or, written '^…', as a whole
    line (a byline or label that a sentence could also say)."""
    if item.startswith("^"):
        wanted = fold(item[1:])
        return any(fold(line) == wanted for line in text.splitlines())
    return fold(item) in fold(text)


def notices_removed(source: str, body: str, cruft: Iterable[str]) -> Count:
    """Of the labelled notice and cruft strings present in the input, how many the body lacks."""
    present = [item for item in cruft if holds(source, item)]
    return Count(sum(not holds(body, item) for item in present), len(present))


def sentences_kept(reference: Sequence[str], body: str) -> Count:
    """Of the reference sentences, how many the body still holds, word for word."""
    body_key = word_key(body)
    return Count(sum(word_key(sentence) in body_key for sentence in reference), len(reference))


def name_key(name: str) -> str:
    """A syndicator's name compared without case, punctuation or a leading 'The'."""
    words = _WORD.findall(fold(name))
    if words[:1] == ["the"]:
        words = words[1:]
    return "".join(words)


def syndicator_named(predicted: str | None, names: Iterable[str]) -> bool:
    """The predicted syndicator is one of the expected names (any alias counts)."""
    return bool(predicted) and name_key(predicted or "") in {name_key(name) for name in names}


def first_line(text: str) -> str:
    """The first line with a letter or digit: what a naive reader takes for the title."""
    return next((line.strip() for line in text.splitlines() if _WORD.search(line)), "")


def shingles(text: str) -> set[tuple[str, ...]]:
    """Distinct word 4-grams, tokenized as score.py does (\\w+ runs, case kept)."""
    words = _WORD.findall(text)
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


@dataclass(frozen=True, slots=True)
class Loss:
    """How much of a reference text (trafilatura's main text) a body lacks, as shares of
    the reference's 4-grams: all of what is missing, and what no named rule removed."""

    lost: float
    unexplained: float

    @property
    def holds_less(self) -> bool:
        return self.lost > LOSS_TOLERANCE

    @property
    def mostly_unexplained(self) -> bool:
        return self.unexplained > MOST


def main_text_loss(reference: str, body: str, removed_by_named_rules: Iterable[str]) -> Loss:
    """The invariant's measure: the reference's 4-grams absent from the body, and of those
    the ones no named rule's removal explains: inside its text, or straddling its edge where
    it stood in the reference (a named cut of a 2-word line holds no 4-gram, yet the 4-grams
    across it are gone from the body because of it)."""
    wanted = shingles(reference)
    if not wanted:
        return Loss(0.0, 0.0)
    missing = wanted - shingles(body)
    words = _WORD.findall(reference)
    named: set[tuple[str, ...]] = set()
    for text in removed_by_named_rules:
        named |= shingles(text) | _across(words, _WORD.findall(text))
    return Loss(len(missing) / len(wanted), len(missing - named) / len(wanted))


def _across(words: list[str], cut: list[str]) -> set[tuple[str, ...]]:
    """The 4-grams of `words` that overlap an occurrence of the word run `cut`."""
    found: set[tuple[str, ...]] = set()
    if not cut:
        return found
    for index in range(len(words) - len(cut) + 1):
        if words[index] == cut[0] and words[index : index + len(cut)] == cut:
            first = max(0, index - SHINGLE + 1)
            last = min(index + len(cut), len(words) - SHINGLE + 1)
            found.update(tuple(words[i : i + SHINGLE]) for i in range(first, last))
    return found


def loss_by_rule(reference: str, body: str, removals: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Where the reference's missing 4-grams went: the first removal (rule, text) holding each,
    or "not removed" (never in the text the adapters saw, or lost in the split)."""
    missing = shingles(reference) - shingles(body)
    by_rule: dict[str, int] = {}
    for rule, text in removals:
        held = missing & shingles(text)
        if held:
            by_rule[rule] = by_rule.get(rule, 0) + len(held)
            missing -= held
    if missing:
        by_rule["not removed"] = len(missing)
    return by_rule


def date_outcome(predicted_day: str | None, gold_day: str) -> DateOutcome:
    """'none' when no date was given (or none could be read), else right or wrong."""
    if not predicted_day:
        return "none"
    return "right" if predicted_day == gold_day else "wrong"


def host(url: str | None) -> str:
    """The page's host without 'www.': the 'change nothing' reading of who published it."""
    if not url or "://" not in url:
        return ""
    return (urlsplit(url).hostname or "").removeprefix("www.")


def body_line_text(text: str, ranges: str) -> str:
    """The lines of `text` named by '3-5,8,11-' (1-based; 'N-' runs to the end; '-' = none)."""
    lines = text.splitlines()
    chosen: list[str] = []
    for item in ranges.split(","):
        item = item.strip()
        if not item or item == "-":
            continue
        start, dash, end = item.partition("-")
        first = int(start)
        last = (int(end) if end else len(lines)) if dash else first
        chosen.extend(lines[first - 1 : last])
    return "\n".join(chosen)
