"""Line splitting, the matching fold and normalization keep offsets honest."""

from __future__ import annotations

import pytest

from newsnorm.transforms.text import (
    CJK,
    WORD,
    count_words,
    count_words_in,
    fold_for_matching,
    normalize_text,
    split_lines,
)


@pytest.mark.parametrize(
    "text",
    ["a\nbb\n\nccc", "a\r\nbb\r\n\r\nccc", "a\rbb\r\rccc", "a\nbb\r\n\rccc\n"],
    ids=["lf", "crlf", "cr-only", "mixed"],
)
def test_split_lines_offsets_slice_the_text(text: str) -> None:
    lines = split_lines(text)
    assert [line.text for line in lines] == ["a", "bb", "", "ccc"]
    for line in lines:
        assert text[line.start : line.end] == line.text


def test_fold_keeps_length_and_maps_typography() -> None:
    text = "\u2018Hi\u2019 \u201cthere\u201d \u2014 A\u00a0B\u2013C"
    folded = fold_for_matching(text)
    assert len(folded) == len(text)
    assert folded == "'Hi' \"there\" - A B-C"


def test_normalize_text_nfc_and_whitespace() -> None:
    decomposed = "Cafe\u0301  au\u00a0lait\u200b\tnoir "
    assert normalize_text(decomposed) == "Caf\u00e9 au lait noir"


def test_normalize_keeps_typographic_quotes() -> None:
    assert normalize_text("\u201cQuote\u201d and it\u2019s") == "\u201cQuote\u201d and it\u2019s"


def test_count_words_counts_contractions_once() -> None:
    assert count_words("Netanyahu\u2019s U.S. deal isn't done \u2014 yet.") == 6


def test_count_words_in_chinese_and_japanese_text() -> None:
    assert count_words("東京は日本の首都です") == 5  # ten characters, no spaces
    assert count_words("Tokyo 東京") == 2


@pytest.mark.parametrize(
    "paragraphs",
    [
        ("Mayor O'Dell's plan: 3.5 km of bike lanes.", "Work starts Monday -- or so."),
        ("Ms. Quill\u2019s co-op sold 1,200 jars.", "", "\u00bd of them were plum."),
        ("Tokyo 東京 harbour", "Crews left at 6 a.m."),
        ("", "..", "-'-"),
    ],
)
def test_word_counts_are_the_word_pattern_matches(paragraphs: tuple[str, ...]) -> None:
    """Counting (without making each word) and counting a body joined already give what
    the word pattern's matches, made one by one, count."""
    joined = "\n\n".join(paragraphs)
    expected = sum(
        len(WORD.findall(CJK.sub(" ", text))) + (len(CJK.findall(text)) + 1) // 2
        if CJK.search(text)
        else len(WORD.findall(text))
        for text in paragraphs
    )
    assert sum(map(count_words, paragraphs)) == expected
    assert count_words_in(paragraphs) == count_words_in(paragraphs, joined) == expected
