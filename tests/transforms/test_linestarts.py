"""A line-anchored signal tried at the line starts near its texts finds what a search finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsnorm.transforms import literalscan
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.linestarts import line_starts_of
from newsnorm.transforms.literals import caseless_text
from newsnorm.transforms.rules import Signal

# Line-anchored shapes: one line, several lines, a lookbehind, the string's start, a class
# holding the line break, a case-blind one.
PATTERNS = [
    r"^[ \t]*(?:The )?Harbor Ledger Wire[ \t]*$",
    r"^[ \t]*(?:By:?[ \t]*\n(?:[ \t]*\n){0,2}[ \t]*)?[A-Z][a-z]+,?[ \t]*\n(?:[ \t]*\n){0,2}"
    r"[ \t]*(?:Harbor Ledger Wire|HLW)[ \t]*$",
    r"(?<=\n)^By [A-Z][a-z]+ for HLW$",
    r"(?!By)\b^[A-Z][a-z]+, HLW$",
    r"\AHLW Dispatch\b",
    r"^Note:[\s]{1,3}HLW\b",
    r"^[ \t]*harbor ledger(?: wire)?[ \t]*$",
]
PIECES = ["Harbor Ledger Wire", "HLW", "harbor ledger", "By", "By:", "Note:", "Dispatch", "Mara"]
text_pieces = st.one_of(
    st.sampled_from(PIECES), st.sampled_from(["\n", "\n\n", " ", "\t", ",", "x", "HLW Dispatch"])
)
texts = st.lists(text_pieces, max_size=24).map("".join)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_pattern_here_is_tried_at_line_starts(pattern: str) -> None:
    signal = Signal("s", pattern, 1.0, ignore_case=pattern.islower())
    assert signal.starts is not None


@settings(
    max_examples=600,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(texts)
def test_line_starts_find_what_a_search_finds(text: str) -> None:
    for variant in (text, text.upper(), text.lower()):
        caseless = caseless_text(variant)
        for pattern in PATTERNS:
            signal = Signal("s", pattern, 1.0, ignore_case=pattern.islower())
            expected = signal.compiled.search(variant) is not None
            assert signal.search(variant, caseless) == expected, (pattern, variant)
            tested = literalscan.Tested()
            assert signal.search(variant, caseless, tested) == expected, (pattern, variant)


def test_lines_above_bound_a_match_across_lines() -> None:
    signal = Signal("s", PATTERNS[1], 1.0)
    assert signal.starts is not None
    assert signal.starts.lines_above == 1 + 2 + 1 + 2
    text = "Intro line\nBy:\n\nMara\n\n\nHLW\n"
    assert signal.search(text, caseless_text(text))


@pytest.mark.parametrize(
    "pattern",
    [
        r"Harbor Ledger Wire[ \t]*$",  # may start inside a line
        r"^[ \t]*Harbor[\s\S]*Ledger",  # any number of lines
        r"^(?P<w>HLW)\n(?P=w)",  # a backreference: not bounded here
        r"\bHLW$",  # a word boundary is no line start
    ],
)
def test_other_patterns_are_searched_whole(pattern: str) -> None:
    assert line_starts_of(re.compile(pattern, re.MULTILINE), ("HLW",), False) is None


def test_the_dcnf_and_states_newsroom_line_signals_use_line_starts() -> None:
    signals = {
        (adapter.name, signal.name): signal
        for adapter in load_adapters(include_plugins=False)
        for signal in getattr(adapter, "signals", ())
    }
    for name in ("republisher-byline", "two-line-byline", "affiliation-line"):
        starts = signals["dcnf", name].starts
        assert starts is not None
        assert "Daily Caller News Foundation" in starts.texts, name
    assert signals["states_newsroom", "byline-affiliation"].starts is not None
