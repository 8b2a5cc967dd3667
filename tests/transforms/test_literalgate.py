"""The literal gate asks only patterns a document's scan leaves possible, and finds the same."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsnorm.transforms import literalscan
from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.literalgate import Gate
from newsnorm.transforms.literals import caseless_text
from newsnorm.transforms.records import Document, Evidence
from newsnorm.transforms.rules import Rule, Signal
from newsnorm.transforms.text import fold_for_matching
from tests_support import GOLDEN

ADAPTERS = [
    adapter for adapter in load_adapters(include_plugins=False) if isinstance(adapter, RuleAdapter)
]
PATTERNS: list[Signal | Rule] = [
    *(signal for adapter in ADAPTERS for signal in adapter.signals),
    *(rule for adapter in ADAPTERS for rule in adapter.rule_set.line_rules),
]
TEXTS = sorted(
    {text for pattern in PATTERNS for option in pattern.prefilter.options for text in option}
)
GOLDEN_TEXTS = [
    path.read_text(encoding="utf-8", errors="replace") for path in sorted(GOLDEN.rglob("*.txt"))
]
texts = st.lists(
    st.one_of(st.sampled_from(TEXTS), st.sampled_from(TEXTS).map(str.upper), st.text(max_size=4)),
    max_size=10,
).map("\n".join)


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(texts)
def test_every_admitted_pattern_is_a_candidate(text: str) -> None:
    gate = Gate([pattern.prefilter for pattern in PATTERNS])
    folded = fold_for_matching(text)
    caseless = caseless_text(folded)
    tested = literalscan.Tested()
    candidates = set(gate.candidates(folded, caseless, tested))
    admitted = {
        position
        for position, pattern in enumerate(PATTERNS)
        if pattern.prefilter.admits(folded, caseless, tested)
    }
    assert admitted <= candidates
    assert gate.admitted(PATTERNS, folded, caseless, tested) == [
        PATTERNS[position] for position in sorted(admitted)
    ]


def test_a_gate_skips_patterns_whose_texts_are_absent() -> None:
    signals = [
        Signal("a", r"Harbor Ledger Wire", 1.0),
        Signal("b", r"^Quill County Post$", 1.0),
        Signal("c", r"\(qcp\)", 1.0, ignore_case=True),
    ]
    gate = Gate([signal.prefilter for signal in signals])
    folded = "Intro\nQuill County Post\n(QCP) story\n"
    assert list(gate.candidates(folded, caseless_text(folded), literalscan.Tested())) == [1, 2]
    assert list(gate.candidates(folded, caseless_text(folded), None)) == [0, 1, 2]


def test_detection_through_the_gate_finds_what_every_signal_finds() -> None:
    checked = 0
    for raw in GOLDEN_TEXTS:
        for text in (raw, raw.upper()):
            document = Document.from_text(text)
            for adapter in ADAPTERS:
                expected = tuple(
                    Evidence(f"signal:{signal.name}", signal.weight)
                    for signal in adapter.signals
                    if signal.compiled.search(document.folded) is not None
                )
                assert adapter.detect(document) == expected, adapter.name
                checked += len(expected)
    assert checked > 50
