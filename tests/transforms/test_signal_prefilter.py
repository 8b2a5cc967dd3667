"""Detection's substring pre-tests never change what a signal finds, only how fast."""

from __future__ import annotations

import re

import pytest

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.rules import Signal, caseless_text, required_literals
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
        tested: dict[tuple[object, ...], bool] = {}
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
