"""Property tests over the pure transforms (issue 5, "nothing lost, nothing corrupted").

Inputs mix realistic article lines (every line of the golden raw text files, plus bylines,
promos and notices with varied names) with random Unicode, CR/CRLF/U+2028 line ends,
zero-width characters and very long lines. Properties, for the whole pipeline and for every
built-in adapter's `clean` on its own:

(a) nothing raises but `DocumentRejected`;
(b) every removal's offsets slice the decoded text exactly (`Removal` docstring);
(c) nothing invented, nothing lost unrecorded: blank every removal's span in the input,
    normalize it (NFC, whitespace dropped) and it reads exactly as the title followed by
    the body paragraphs, normalized alike; so each paragraph is input text, in input order,
    with no removed text in it and no input text silently dropped;
(d) the same input gives an equal Article twice.

Examples are derandomized so CI is deterministic; see docs/operations.md for the counts.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsnorm.transforms.adapters.base import SourceAdapter
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.decode import decode_bytes, decode_html_bytes
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.pipeline import process_input, process_text
from newsnorm.transforms.records import Article, Document
from newsnorm.transforms.text import (
    count_words,
    fold_for_matching,
    line_key,
    normalize_text,
    split_lines,
)
from tests_support import GOLDEN

ADAPTERS = load_adapters(include_plugins=False)
# Property inputs are bytes a scraper saved as a text file.
TEXT = InputMeta("input.txt")
T = TypeVar("T")

# Pipeline properties run this many examples each; per-adapter ones fewer (16 adapters).
PIPELINE_EXAMPLES = 150
ADAPTER_EXAMPLES = 25
TEXT_EXAMPLES = 300


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def _golden_lines() -> list[str]:
    lines: set[str] = set()
    for raw in GOLDEN.glob("*/*.txt"):
        text = raw.read_text(encoding="utf-8", errors="replace")
        lines.update(line.strip() for line in text.splitlines() if line.strip())
    return sorted(lines)


GOLDEN_LINES = _golden_lines()
assert len(GOLDEN_LINES) > 100, "the golden raw files should give plenty of realistic lines"

NAMES = ("Jake Smith", "Jason Cohen", "Mary-Jo O'Neil", "Ana María Núñez", "J. R. Doe", "Li Wei")
OUTLETS = (
    "Daily Caller News Foundation",
    "The Texas Tribune",
    "KFF Health News",
    "ProPublica",
    "The Center Square",
    "Grist",
    "Mississippi Today",
)
TEMPLATES = (
    "{name} Contributor",
    "By {name}",
    "By: {name}, {outlet}",
    "By {name} | {outlet}",
    "{name}\u00a0| {outlet}",
    "(RELATED: {title})",
    "{sentence} (RELATED: {title}) {sentence}",
    "{sentence} (RELATED: {title}",
    "Content created by The Daily Caller News Foundation is available without charge to "
    "any eligible news publisher that can provide a large audience. For licensing "
    "opportunities of our original content, please contact "
    "licensing@dailycallernewsfoundation.org.",
    "This article originally appeared on {outlet}.",
    "This story was originally published by {outlet}. Read the original article.",
    "The post {title} appeared first on {outlet}.",
    "{title} - {outlet}",
    "{title} | {outlet}",
    "Photo by {name}/Getty Images",
    "({name}/AP Photo)",
    "{sentence} ADVERTISEMENT\u201c{sentence}\u201d",
    "Font Size:",
    "Share this:\u200b",
    "Advertisement",
    "DOVER, Del. (AP) \u2014 {sentence}",
    "AUSTIN, Texas (The Center Square) \u2013 {sentence}",
    "{name}, {outlet}",
    "Republish This Story",
    "{sentence}, opens new tab. {sentence}",
)
SENTENCES = (
    "The council voted on Tuesday to approve the new budget for schools and roads.",
    "\u201cWe did what we could,\u201d the mayor said, \u2018and more.\u2019",
    "Officials said the plan would take effect next year after a final review.",
    "Caf\u00e9 owners \u2014 and their customers \u2014 welcomed the decision.",
    "Cafe\u0301 owners said the rule\u2011change was overdue.",
)
TITLES = (
    "Brandt Defies Fishing Council, Green Lights Dredging Of Northern Harbor",
    "Storm Hits Coast",
    "Former Minister Slams Brandt\u2019s Leadership",
)

ODD = "\u00a0\u200b\u200c\u200d\u2060\ufeff\t\u2028\u2029\u2013\u2014\u2019\u201c\u201d\x0b\x0c\x85"

templated = st.builds(
    lambda template, name, outlet, title, sentence: template.format(
        name=name, outlet=outlet, title=title, sentence=sentence
    ),
    st.sampled_from(TEMPLATES),
    st.sampled_from(NAMES),
    st.sampled_from(OUTLETS),
    st.sampled_from(TITLES),
    st.sampled_from(SENTENCES),
)


@st.composite
def _sprinkled(draw: st.DrawFn, base: st.SearchStrategy[str]) -> str:
    """A realistic line with odd characters (zero-width, NBSP, CR, typographic) inserted."""
    text = draw(base)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(ODD + "\r")) + text[at:]
    return text


realistic_line = st.one_of(
    st.sampled_from(GOLDEN_LINES),
    templated,
    st.sampled_from(SENTENCES),
)
line = st.one_of(
    realistic_line,
    _sprinkled(realistic_line),
    st.text(max_size=80),
    st.text(alphabet=st.sampled_from(" .-(By RELATED:\u200b\u00a0aA1|/\u2014"), max_size=60),
    # Very long lines: a paragraph repeated, or a long run of one character.
    st.builds(lambda s, n: (s + " ") * n, st.sampled_from(SENTENCES), st.integers(20, 200)),
    st.builds(lambda c, n: c * n, st.sampled_from(" .-a(\u200b"), st.integers(500, 5000)),
    st.just(""),
)
newline = st.sampled_from(["\n", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\u2028", "\n \u200b\n"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    """An article-like text: often a title, a byline and sentences, always some chaos."""
    lines = draw(st.lists(line, min_size=1, max_size=14))
    if draw(st.booleans()):
        head = [draw(st.sampled_from(TITLES)), draw(templated)]
        body = draw(st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=5))
        lines = head + lines + body
        lines = draw(st.permutations(lines)) if draw(st.booleans()) else lines
    parts: list[str] = []
    for item in lines:
        parts.extend((item, draw(newline)))
    return "".join(parts[:-1] if draw(st.booleans()) else parts)


def encoded(text: str, encoding: str) -> bytes:
    if encoding == "utf-16":
        return text.encode("utf-16")  # with its BOM
    return text.encode(encoding, errors="replace")


raw_bytes = st.one_of(
    st.binary(max_size=400),
    st.builds(encoded, documents(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])),
    st.builds(lambda text, junk: text.encode() + junk, documents(), st.binary(max_size=8)),
)


# --- helpers ------------------------------------------------------------------------

# The documented rejections of the text path (README: reject codes).
TEXT_REJECTS = {"empty", "binary", "undecodable", "no_article", "listing"}


def attempt(call: Callable[[], T]) -> T | DocumentRejected:
    """The call's result, or the DocumentRejected it raised; anything else propagates."""
    try:
        return call()
    except DocumentRejected as rejection:
        return rejection


def _squeezed(text: str) -> str:
    """The project's normalization (NFC, whitespace runs), then no whitespace at all."""
    return "".join(normalize_text(text).split())


def _blanked(text: str, article: Article) -> str:
    chars = list(text)
    for removal in article.removals:
        chars[removal.start : removal.end] = " " * (removal.end - removal.start)
    return "".join(chars)


def check_offsets(text: str, article: Article) -> None:
    for removal in article.removals:
        assert 0 <= removal.start <= removal.end <= len(text), removal
        assert text[removal.start : removal.end] == removal.text, removal


def check_accounting(text: str, article: Article) -> None:
    """(c): the kept text is the input minus its recorded removals, up to normalization."""
    kept = _squeezed(_blanked(text, article))
    output = _squeezed(" ".join((article.title, *article.paragraphs)))
    for paragraph in article.paragraphs:
        assert paragraph == normalize_text(paragraph), "a paragraph is not normalized"
        assert _squeezed(paragraph) in kept, f"not in the input minus removals: {paragraph!r}"
    assert output == kept, "title + body differ from the input minus its recorded removals"


def check_article(text: str, article: Article) -> None:
    check_offsets(text, article)
    check_accounting(text, article)


# --- (a)-(d) through the whole pipeline -----------------------------------------------


@_settings(PIPELINE_EXAMPLES)
@given(raw_bytes)
def test_process_bytes_raises_only_document_rejected_and_keeps_offsets(data: bytes) -> None:
    processed = attempt(lambda: process_input(data, TEXT, ADAPTERS))
    if isinstance(processed, DocumentRejected):
        assert processed.code in TEXT_REJECTS
        return
    check_article(processed.text, processed.article)
    assert process_input(data, TEXT, ADAPTERS) == processed  # (d)


@_settings(PIPELINE_EXAMPLES)
@given(documents())
def test_process_text_properties(text: str) -> None:
    article = attempt(lambda: process_text(text, ADAPTERS))
    if isinstance(article, DocumentRejected):
        assert article.code in TEXT_REJECTS
        return
    check_article(text, article)
    assert process_text(text, ADAPTERS) == article  # (d)


def test_the_properties_hold_on_every_golden_text_case() -> None:
    """The realistic base: the accounting is exact on every golden text file."""
    checked = 0
    for raw in sorted(GOLDEN.glob("*/*.txt")):
        try:
            processed = process_input(raw.read_bytes(), InputMeta(raw.name), ADAPTERS)
        except DocumentRejected:
            continue
        check_article(processed.text, processed.article)
        checked += 1
    assert checked >= 20


def test_accounting_catches_invented_and_lost_text() -> None:
    """The property can fail: a body with a word not in the input, or missing one, does."""
    text = "Storm Hits Coast\n\n" + SENTENCES[0] + "\n\n" + SENTENCES[2] + "\n"
    article = process_text(text, ADAPTERS)
    check_article(text, article)
    invented = Article(article.title, (*article.paragraphs, "Extra words."), "generic", 1)
    with pytest.raises(AssertionError):
        check_accounting(text, invented)
    lost = Article(article.title, article.paragraphs[:1], "generic", 1)
    with pytest.raises(AssertionError):
        check_accounting(text, lost)


# --- (a)-(d) for every adapter's own clean, whatever detection would pick --------------


@pytest.mark.parametrize("adapter", ADAPTERS, ids=[adapter.name for adapter in ADAPTERS])
def test_every_adapter_cleans_any_text_soundly(adapter: SourceAdapter) -> None:
    @_settings(ADAPTER_EXAMPLES)
    @given(documents())
    def run(text: str) -> None:
        document = Document.from_text(text)
        detected = adapter.detect(document)
        assert all(item.weight > 0 for item in detected)
        article = attempt(lambda: adapter.clean(document))
        if isinstance(article, DocumentRejected):
            assert article.code in TEXT_REJECTS
            return
        check_article(text, article)
        assert adapter.clean(Document.from_text(text)) == article  # (d)

    run()


# --- decode.py and text.py -------------------------------------------------------------


@_settings(TEXT_EXAMPLES)
@given(raw_bytes)
def test_decoders_raise_only_document_rejected(data: bytes) -> None:
    for decode in (decode_bytes, decode_html_bytes):
        decoded = attempt(lambda: decode(data))  # noqa: B023 (called at once)
        if isinstance(decoded, DocumentRejected):
            assert decoded.code in {"empty", "binary", "undecodable"}
            continue
        assert decoded.text.strip()
        assert decoded.encoding
        assert decode(data) == decoded


@_settings(TEXT_EXAMPLES)
@given(st.one_of(documents(), st.text()))
def test_text_helpers(text: str) -> None:
    folded = fold_for_matching(text)
    assert len(folded) == len(text)  # offsets in the folded text are offsets in the text
    assert all(a == b for a, b in zip(folded, text, strict=True) if a.isalnum() or b.isalnum())
    lines = split_lines(text)
    position = 0
    for item in lines:
        assert text[item.start : item.end] == item.text
        assert item.start >= position
        between = text[position : item.start]
        assert between in ("", "\n", "\r", "\r\n", "\u2028", "\u2029"), between
        assert not any(char in item.text for char in "\r\n\u2028\u2029")
        position = item.end
    assert position == len(text) or text[position:] in ("\n", "\r", "\r\n", "\u2028", "\u2029")
    normalized = normalize_text(text)
    assert normalize_text(normalized) == normalized
    assert normalized == unicodedata.normalize("NFC", normalized)
    assert "  " not in normalized
    assert normalized == normalized.strip()
    assert count_words(text) >= 0
    assert line_key(text) == normalized[:60]
