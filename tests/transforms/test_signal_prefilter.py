"""Detection's substring pre-tests never change what a signal finds, only how fast."""

from __future__ import annotations

import re

import pytest

from newsnorm.transforms import literalscan
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.rules import Rule, Signal, caseless_text, required_literals
from newsnorm.transforms.text import fold_for_matching
from tests_support import ROOT

SIGNALS = [
    signal
    for adapter in load_adapters(include_plugins=False)
    for signal in getattr(adapter, "signals", ())
]


def _texts() -> list[str]:
    raws = sorted((ROOT / "tests" / "golden").rglob("*.txt"))
    raws += sorted((ROOT / "tests" / "golden").rglob("*.html"))
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in raws]
    # Case changes, and the non-ASCII letters Python's re equates with ASCII ones.
    variants = [text.upper() for text in texts] + [text.swapcase() for text in texts]
    variants += [text.replace("k", "\u212a").replace("s", "\u017f") for text in texts[:20]]
    variants += [text.replace("i", "\u0131").replace("I", "\u0130") for text in texts[:20]]
    return texts + variants


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        ("Daily Caller News Foundation", 0, (("Daily Caller News Foundation",), False)),
        ("(?:The )?Associated Press", re.IGNORECASE, (("associated press",), True)),
        ("republish|syndicat", 0, (("republish", "syndicat"), False)),
        ("ab(?:cd)?", 0, ((), False)),  # too short once the optional part is left out
        ("x(?:abcd|efg)+y", 0, (("abcd", "efg"), False)),
        ("(?:abcd|[0-9]+)", 0, ((), False)),  # one alternative has no literal
        ("(?i:Reuters) staff", 0, ((" staff",), False)),  # an inline flag ends the run
        # The parser's common start ('State') put back in front of each alternative.
        (
            "told (?:Stateline|States Newsroom)",
            0,
            (("told Stateline", "told States Newsroom"), False),
        ),
        ("(?:The )?(?:Daily Caller|DCNF)", 0, (("Daily Caller", "DCNF"), False)),
    ],
)
def test_required_literals(pattern: str, flags: int, expected: tuple[object, bool]) -> None:
    assert required_literals(re.compile(pattern, flags)) == expected


def test_every_signal_has_a_pretest() -> None:
    assert SIGNALS
    assert all(signal.required for signal in SIGNALS)


def test_pretest_never_changes_a_result() -> None:
    checked = 0
    for text in _texts():
        folded = fold_for_matching(text)
        caseless = caseless_text(folded)
        tested = literalscan.Tested()
        for signal in SIGNALS:
            expected = signal.compiled.search(folded) is not None
            assert signal.search(folded, caseless, tested) == expected, (signal.name, text[:80])
            checked += expected
    assert checked > 50  # the corpus does exercise matching signals


def test_caseless_signal_matches_odd_case_letters() -> None:
    signal = Signal("s", "Kaiser Health News", 1.0, ignore_case=True)
    folded = "\u212aAI\u017fER HEALTH NEW\u017f"
    assert signal.compiled.search(folded)
    assert signal.search(folded, caseless_text(folded))


def test_declared_literals_pretest_a_signal_whose_pattern_gives_none() -> None:
    signal = Signal(
        "agency", r"^[ \t]*(?:By )?(?:AP|Associated Press)[ \t]*$", 0.8, literals=("AP",)
    )
    assert signal.required == ("AP",)
    with_it, without = "Headline\nBy AP\n", "Headline\nBy the desk\n"
    assert signal.search(with_it, caseless_text(with_it))
    assert not signal.prefilter.admits(without, caseless_text(without))


def test_a_rule_without_pretest_has_no_options_and_still_matches() -> None:
    rule = Rule("rail", "navigation", r"Most Read|Trending Now", pretest=False)
    assert rule.prefilter.options == ()
    assert rule.compiled.fullmatch("Most Read")
