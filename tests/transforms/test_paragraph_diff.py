"""Paragraph diffing between a story's original and a copy: typography is not a difference,
dropped and added paragraphs are, each counted as often as it occurs."""

from __future__ import annotations

from newsnorm.transforms.paragraph_diff import diff_paragraphs, normalize_paragraph, shorten

ORIGINAL = [
    "Secretary of State Antony Blinken met Netanyahu in Tel Aviv on Wednesday.",
    "“It continues to be the case,” Patel said — on Tuesday.",
    "Israel has yet to provide that plan.",
]


def test_typography_case_and_whitespace_are_not_differences() -> None:
    retyped = [
        "SECRETARY of State Antony  Blinken met Netanyahu\nin Tel Aviv on Wednesday.",
        '"It continues to be the case," Patel said - on Tuesday.',
        "Israel has yet to provide that plan.",
    ]
    diff = diff_paragraphs(ORIGINAL, retyped)
    assert diff.identical
    assert diff.shared == 3
    assert normalize_paragraph("Don\u2019t\u00a0stop") == normalize_paragraph("don't stop")


def test_an_excerpt_misses_the_tail_and_adds_nothing() -> None:
    diff = diff_paragraphs(ORIGINAL, ORIGINAL[:1])
    assert diff.missing == tuple(ORIGINAL[1:])
    assert diff.added == ()
    assert diff.shared == 1
    assert not diff.identical


def test_added_paragraphs_keep_the_copys_text_and_order() -> None:
    copy = ["Sign up for our newsletter!", *ORIGINAL[::-1], "Reporting by a staff writer."]
    diff = diff_paragraphs(ORIGINAL, copy)
    assert diff.missing == ()  # moved paragraphs are neither missing nor added
    assert diff.added == ("Sign up for our newsletter!", "Reporting by a staff writer.")


def test_a_repeated_paragraph_counts_each_time() -> None:
    diff = diff_paragraphs([*ORIGINAL, ORIGINAL[2]], ORIGINAL)
    assert diff.missing == (ORIGINAL[2],)
    assert diff.shared == 3
    assert diff_paragraphs(ORIGINAL, [*ORIGINAL, ORIGINAL[0]]).added == (ORIGINAL[0],)


def test_blank_paragraphs_are_ignored() -> None:
    assert diff_paragraphs(["", *ORIGINAL], [*ORIGINAL, "  \n"]).identical


def test_shorten_cuts_to_one_line_with_an_ellipsis() -> None:
    assert shorten("a  b\nc") == "a b c"
    cut = shorten("word " * 40, 80)
    assert len(cut) <= 80
    assert cut.endswith("…")
