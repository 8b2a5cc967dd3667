"""Line rules asked only about lines whose first character can begin a match, and anchored
text rules tried only at such line starts (firstchar.py): the characters read from a pattern
hold every match's first, case folds included, and the text rules find what a search finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsnorm.transforms import textcuts
from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.firstchar import at_line_starts, by_first_char, first_char
from newsnorm.transforms.rules import Rule
from newsnorm.transforms.text import fold_for_matching
from tests_support import GOLDEN

RULES = list(
    {
        rule.name + rule.pattern: rule
        for adapter in load_adapters(include_plugins=False)
        if isinstance(adapter, RuleAdapter)
        for rules in (
            adapter.rule_set.line_rules,
            adapter.rule_set.span_rules,
            adapter.rule_set.title_rules,
            adapter.rule_set.text_rules,
        )
        for rule in rules
    }.values()
)


def _first(pattern: str, flags: int = 0) -> re.Pattern[str] | None:
    return first_char(re.compile(pattern, flags)).pattern


def test_every_match_in_the_golden_texts_begins_with_a_character_of_its_rule() -> None:
    checked = 0
    for path in sorted(GOLDEN.rglob("*.txt")):
        folded = fold_for_matching(path.read_text(encoding="utf-8", errors="replace"))
        for rule in RULES:
            for match in rule.compiled.finditer(folded):
                if match.end() > match.start():
                    assert first_char(rule.compiled).accepts(folded[match.start()]), rule.name
                    checked += 1
    assert checked > 100


def test_most_built_in_line_rules_name_their_first_characters() -> None:
    line_rules = [rule for rule in RULES if first_char(rule.compiled).pattern is not None]
    assert len(line_rules) > 0.9 * len(RULES)


@pytest.mark.parametrize(
    ("pattern", "flags", "begins", "never"),
    [
        (r"(?:Most|More) [Rr]ead", 0, "M", "Tm*"),
        (r"(?:[*-] )?Top Stories", 0, "*-T", "ot"),
        (r"(?=[^\n]{1,60}+$)(?:\d+ comments|Comments)", 0, "0C9", "c "),
        (r"[\w.]+@example", 0, "a_.\u00e9", "@ "),
        (r"(?:By )?(?P<value>[A-Z][a-z]+)", 0, "BQ", "b"),
        (r"(?<=: )Read more", 0, "R", ":"),
        (r"\d{0,2}x", 0, "7x", "y"),
        (r"(?:x)?(?:y)?", 0, "xy", "z"),  # a line's content is never empty: x or y begins it
        # Case-insensitive rules fold as `re` does: the Kelvin sign is a 'k', the long s an 's'.
        (r"kicker|sign up", re.IGNORECASE, "kKsS\u212a\u017f", "tT"),
        (r"[a-c]d", re.IGNORECASE, "aBc", "dD"),
    ],
)
def test_first_characters_read_from_a_pattern(
    pattern: str, flags: int, begins: str, never: str
) -> None:
    first = _first(pattern, flags)
    assert first is not None
    for char in begins:
        assert first.match(char), char
    for char in never:
        assert not first.match(char), char


@pytest.mark.parametrize(
    "pattern", [r".+ wrote", r"(\w)\1 x", r"(?i:top) stories", r"[^a] b", r"(?:)"]
)
def test_what_cannot_be_bounded_may_begin_with_anything(pattern: str) -> None:
    first = _first(pattern)
    assert first is None or (first.match("\u00e9") and first.match("Q"))


def test_the_rules_a_line_start_leaves_keep_their_order_and_are_remembered() -> None:
    rules = [
        Rule("a", "chrome", r"Advert(?:isement)?"),
        Rule("any", "chrome", r".{1,3}!"),
        Rule("b", "chrome", r"By [A-Z]\w+|Advertorial"),
    ]
    by_char = by_first_char(rules)
    assert by_first_char(list(rules)) is by_char
    assert [rule.name for rule in by_char.for_char("A")] == ["a", "any", "b"]
    assert [rule.name for rule in by_char.for_char("B")] == ["any", "b"]
    assert [rule.name for rule in by_char.for_char("x")] == ["any"]
    assert by_char.for_char("x") is by_char.for_char("x")


ANCHORED = [rule for rule in RULES if at_line_starts(rule.compiled)]


def test_anchored_text_rules_are_tried_at_line_starts_only() -> None:
    names = {rule.name for rule in ANCHORED}
    assert {"rail", "agency-over-date", "collection-rail"} <= names
    assert not at_line_starts(Rule("cut", "chrome", r"^(?:x)?").compiled)  # may match empty
    assert not at_line_starts(Rule("cut", "chrome", r"[ab]$").compiled)  # starts anywhere


def _pieces() -> st.SearchStrategy[str]:
    lines = st.sampled_from(
        [
            "Most Read",
            "MORE FROM THE HERALD:",
            "  * A headline of another story",
            "- Another headline",
            "o A third one",
            "By Dana Whit",
            "The Associated Press",
            "Published March 3, 2024",
            "",
            " ",
            "The ferry sails at nine.",
        ]
    )
    return st.lists(lines, max_size=14).map("\n".join)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.one_of(_pieces(), st.text(alphabet=st.sampled_from("Ma *-o\n\t:"), max_size=40)))
def test_matches_at_line_starts_are_the_search_s(text: str) -> None:
    folded = fold_for_matching(text)
    for rule in ANCHORED:
        found = [match.span() for match in textcuts._at_line_starts(rule.compiled, folded)]
        assert found == [match.span() for match in rule.compiled.finditer(folded)], rule.name


def test_matches_at_line_starts_in_the_golden_texts_are_the_search_s() -> None:
    for path in sorted(GOLDEN.rglob("*.txt")):
        folded = fold_for_matching(path.read_text(encoding="utf-8", errors="replace"))
        for rule in ANCHORED:
            found = [match.span() for match in textcuts._at_line_starts(rule.compiled, folded)]
            assert found == [match.span() for match in rule.compiled.finditer(folded)]
