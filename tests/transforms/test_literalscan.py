"""The one-pass literal scan finds exactly the texts one substring test per text finds, with
Hyperscan and without it (the fallback where its wheel is missing), and cleaning gives the
same articles either way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsnorm.transforms import literalscan
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.literals import caseless_text
from newsnorm.transforms.literalscan import found_in, register
from newsnorm.transforms.pipeline import process_text
from newsnorm.transforms.rules import Rule
from newsnorm.transforms.text import fold_for_matching
from tests_support import GOLDEN

ADAPTERS = load_adapters()
GOLDEN_TEXTS = [
    path.read_text(encoding="utf-8", errors="replace") for path in sorted(GOLDEN.rglob("*.txt"))
]
# Texts with characters of several UTF-8 lengths around and inside registered texts.
EXTRA = ("naïve café", "—dash—", "日本語", "\U0001f600x")
register(EXTRA, False)


def _vocabulary(caseless: bool) -> list[str]:
    return list(literalscan._VOCABULARY.texts[caseless])


def _one_by_one(haystack: str, caseless: bool) -> set[str]:
    return {text for text in _vocabulary(caseless) if text in haystack}


@pytest.fixture
def without_hyperscan(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Scanners built as on a platform without the Hyperscan wheel."""
    monkeypatch.setattr(literalscan, "hyperscan", None)
    monkeypatch.setattr(literalscan._VOCABULARY, "scanners", {})
    yield
    literalscan._VOCABULARY.scanners.clear()  # later tests build native ones again


def test_hyperscan_is_installed() -> None:
    # The wheel is a dependency: its absence here would test the fallback twice.
    assert literalscan.NATIVE


def test_golden_texts_found_as_one_by_one() -> None:
    hits = 0
    for raw in GOLDEN_TEXTS:
        folded = fold_for_matching(raw)
        for caseless, haystack in ((False, folded), (True, caseless_text(folded))):
            found, _version = found_in(haystack, caseless)
            assert found == _one_by_one(haystack, caseless)
            hits += len(found)
    assert hits > 100


pieces = st.one_of(
    st.sampled_from(_vocabulary(False) + _vocabulary(True)),
    st.sampled_from(_vocabulary(False)).map(lambda text: text[1:]),  # a near miss
    st.text(max_size=5),
)


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(st.lists(pieces, max_size=12).map("".join))
def test_generated_text_found_as_one_by_one(text: str) -> None:
    for caseless in (False, True):
        assert found_in(text, caseless)[0] == _one_by_one(text, caseless)


def test_fallback_finds_the_same(without_hyperscan: None) -> None:
    for raw in GOLDEN_TEXTS[:60]:
        folded = fold_for_matching(raw)
        assert found_in(folded, False)[0] == _one_by_one(folded, False)
    assert literalscan._VOCABULARY.scanners[False][1].database is None


def _articles() -> list[object]:
    results: list[object] = []
    for raw in GOLDEN_TEXTS:
        try:
            results.append(process_text(raw, ADAPTERS))
        except DocumentRejected as rejected:
            results.append(rejected.code)
    return results


def test_cleaning_is_the_same_without_hyperscan(monkeypatch: pytest.MonkeyPatch) -> None:
    native = _articles()
    with monkeypatch.context() as patch:
        patch.setattr(literalscan, "hyperscan", None)
        patch.setattr(literalscan._VOCABULARY, "scanners", {})
        fallback = _articles()
    literalscan._VOCABULARY.scanners.clear()
    assert fallback == native
    assert len(native) == len(GOLDEN_TEXTS)


def test_rule_made_after_a_scan_is_tested_directly() -> None:
    tested = literalscan.Tested()
    text = "Headline\nA zqxjv-late-rule-text line\n"
    assert not Rule("old", "ui_cruft", r"Font Size:").may_occur(text, text.lower(), tested)
    late = Rule("late", "ui_cruft", r"A zqxjv-late-rule-text line")
    assert late.may_occur(text, text.lower(), tested)
    assert not late.may_occur("Headline\n", "headline\n", literalscan.Tested())
