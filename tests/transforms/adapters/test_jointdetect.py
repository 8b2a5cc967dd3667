"""Detection asks every plain adapter's signals through one gate a document, and each
adapter's claim is what its own `detect` gives (a plugin's `detect` still asked itself)."""

from __future__ import annotations

from typing import ClassVar

import pytest

from newsnorm.transforms import literalgate
from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.adapters.registry import detect_all, load_adapters, select_adapter
from newsnorm.transforms.records import Article, Document, Evidence
from newsnorm.transforms.rules import Signal
from tests_support import GOLDEN

ADAPTERS = load_adapters(include_plugins=False)
GOLDEN_TEXTS = [
    path.read_text(encoding="utf-8", errors="replace") for path in sorted(GOLDEN.rglob("*.txt"))
]


class FernValleyAdapter(RuleAdapter):
    name = "fern-valley-courier"
    signals = (
        Signal("fvc-notice", r"^Shared by the Fern Valley Courier\.$", 1.0),
        Signal("fvc-mention", r"Fern Valley", 0.1),
    )


class OwnDetect:
    """A plugin's adapter that detects in code of its own."""

    name: ClassVar[str] = "lantern-owl"
    version: ClassVar[int] = 1
    priority: ClassVar[int] = 50
    description: ClassVar[str] = ""

    def detect(self, document: Document) -> tuple[Evidence, ...]:
        return (Evidence("own:lantern", 0.7),) if "lantern owl" in document.text else ()

    def clean(self, document: Document) -> Article:
        raise NotImplementedError


TEXT = (
    "Harvest fair opens on Mill Road\n\n"
    "The Fern Valley harvest fair drew a crowd of invented neighbours.\n\n"
    "A lantern owl was spotted above the stalls.\n\n"
    "Shared by the Fern Valley Courier.\n"
)


def _one_by_one(document: Document, adapters: tuple[object, ...]) -> list[tuple[Evidence, ...]]:
    fresh = Document(document.text, document.folded, document.body_keys, document.caseless)
    return [tuple(adapter.detect(fresh)) for adapter in adapters]  # type: ignore[attr-defined]


def test_claims_equal_each_adapters_own_detect_on_every_golden_text() -> None:
    claimed = 0
    for raw in GOLDEN_TEXTS:
        for text in (raw, raw.upper()):
            document = Document.from_text(text)
            claims = [detection.evidence for detection in detect_all(document, ADAPTERS)]
            assert claims == _one_by_one(document, ADAPTERS)
            claimed += sum(1 for claim in claims if claim)
    assert claimed > 20


def test_one_gate_lookup_a_document_for_every_plain_adapter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[int] = []
    candidates = literalgate.Gate.candidates

    def counted(gate: literalgate.Gate, *args: object) -> object:
        asked.append(gate.count)
        return candidates(gate, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(literalgate.Gate, "candidates", counted)
    adapters = (*ADAPTERS, FernValleyAdapter())
    detection = select_adapter(Document.from_text(TEXT), adapters)
    assert detection.adapter.name == "fern-valley-courier"
    # One gate over every signal of every adapter (on main: one gate an adapter).
    assert asked == [sum(len(adapter.signals) for adapter in adapters)]  # type: ignore[attr-defined]


def test_an_adapter_with_its_own_detect_is_asked_itself() -> None:
    adapters = (*ADAPTERS, FernValleyAdapter(), OwnDetect())
    detections = detect_all(Document.from_text(TEXT), adapters)  # type: ignore[arg-type]
    by_name = {detection.adapter.name: detection.evidence for detection in detections}
    assert by_name["lantern-owl"] == (Evidence("own:lantern", 0.7),)
    assert by_name["fern-valley-courier"] == (
        Evidence("signal:fvc-notice", 1.0),
        Evidence("signal:fvc-mention", 0.1),
    )


def test_signals_set_on_an_instance_after_a_detection_are_the_ones_asked() -> None:
    courier = FernValleyAdapter()
    adapters = (*ADAPTERS, courier)
    document = Document.from_text(TEXT)
    assert detect_all(document, adapters)[-1].evidence
    courier.signals = (Signal("fvc-stall", r"stalls", 0.2),)  # type: ignore[misc]
    fresh = Document.from_text(TEXT)
    assert detect_all(fresh, adapters)[-1].evidence == (Evidence("signal:fvc-stall", 0.2),)


def test_a_detect_patched_after_a_detection_is_the_one_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Review of ppar27: the gate built for these adapters kept answering for a `detect`
    # patched later on one adapter, or on `RuleAdapter` itself (a test's mock).
    courier = FernValleyAdapter()
    adapters = (*ADAPTERS, courier)
    assert detect_all(Document.from_text(TEXT), adapters)[-1].evidence
    patched = (Evidence("patched", 0.9),)
    monkeypatch.setattr(courier, "detect", lambda document: patched, raising=False)
    assert detect_all(Document.from_text(TEXT), adapters)[-1].evidence == patched
    monkeypatch.undo()
    assert detect_all(Document.from_text(TEXT), adapters)[-1].evidence != patched
    monkeypatch.setattr(RuleAdapter, "detect", lambda self, document: patched)
    claims = detect_all(Document.from_text(TEXT), adapters)
    assert all(claim.evidence == patched for claim in claims)
