"""A pattern's `$` matches at a line's end whatever blanks the file saved there (CRLF, spaces)."""

from __future__ import annotations

import re

import pytest

from newsnorm.transforms.clean import clean_text
from newsnorm.transforms.lineends import LINE_END, allow_trailing_blanks
from newsnorm.transforms.records import Document
from newsnorm.transforms.rules import Rule, RuleSet, Signal, caseless_text

# docs/adapters.md's own byline signal, word for word.
DOCS_SIGNAL = Signal("byline-affiliation", r"^By:? [A-Z][^\n]{1,60}, Acme Wire$", 0.6)
STORY = [
    "Harbor Ferry Adds Night Runs",
    "By Dana Holt, Acme Wire",
    "The ferry will run until midnight from June on, the port authority said.",
]
SAVED = {
    "lf": "\n".join(STORY) + "\n",
    "crlf": "\r\n".join(STORY) + "\r\n",
    "trailing blanks": " \t\n".join(STORY) + "  \n",
}


def _found(signal: Signal, text: str) -> bool:
    folded = Document.from_text(text).folded
    return signal.search(folded, caseless_text(folded))


@pytest.mark.parametrize("saved", sorted(SAVED))
def test_docs_style_signal_matches_whatever_the_line_ends(saved: str) -> None:
    assert _found(DOCS_SIGNAL, SAVED[saved])


def test_signal_still_needs_its_line_to_end_there() -> None:
    text = SAVED["crlf"].replace("Acme Wire", "Acme Wire and others")
    assert not _found(DOCS_SIGNAL, text)


@pytest.mark.parametrize("saved", sorted(SAVED))
def test_span_rule_ending_in_dollar_cuts_the_same_span(saved: str) -> None:
    text = SAVED[saved]
    rule = Rule("affiliation", "byline", r", Acme Wire$", zone="head")
    cleaned = clean_text(Document.from_text(text), RuleSet(span_rules=(rule,)))
    cuts = [(removal.start, removal.end, removal.text) for removal in cleaned.removals]
    start = text.index(", Acme Wire")
    assert cuts == [(start, start + len(", Acme Wire"), ", Acme Wire")]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"a$", "a" + LINE_END),
        (r"a\$", r"a\$"),  # an escaped dollar is a character
        (r"[$]x", r"[$]x"),  # so is one inside a class
        (r"[]$]$", "[]$]" + LINE_END),  # a ']' first in a class is a member
        (r"\\$", r"\\" + LINE_END),  # an escaped backslash, then the anchor
        ("(?x) a $ # costs $5\n", "(?x) a " + LINE_END + " # costs $5\n"),  # a comment's $
        (r"a(?#ends at $)b$", "a(?#ends at $)b" + LINE_END),  # an inline comment's $
        (r"(?<=x$)y", "(?<=x" + LINE_END + ")y"),  # inside a lookbehind: zero width either way
        # A text scan cannot tell a scoped verbose group's comment from pattern: left as written.
        ("(?x:a # not $\n) b$", "(?x:a # not $\n) b$"),
        ("(?x:a [$] # [ $\n) b$", "(?x:a [$] # [ $\n) b$"),
    ],
)
def test_only_end_anchors_are_rewritten(pattern: str, expected: str) -> None:
    rewritten = allow_trailing_blanks(pattern, re.compile(pattern).flags)
    assert rewritten == expected
    re.compile(rewritten)


def test_an_inline_comment_holding_a_dollar_still_compiles_as_a_rule() -> None:
    rule = Rule("affiliation", "byline", r", Acme Wire(?# the wire's credit, before $)$")
    cleaned = clean_text(Document.from_text(SAVED["crlf"]), RuleSet(span_rules=(rule,)))
    assert [removal.text for removal in cleaned.removals] == [", Acme Wire"]


def test_a_lazy_part_before_the_anchor_may_now_stop_before_the_blanks() -> None:
    # What lineends.py's docstring says: the match ends before the trailing blanks.
    rewritten = re.compile(allow_trailing_blanks(r"x.*?$", re.MULTILINE), re.MULTILINE)
    match = rewritten.search("x ab  \nnext")
    assert match is not None
    assert match.span() == (0, 4)
