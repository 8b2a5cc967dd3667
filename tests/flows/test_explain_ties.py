"""`explain` says when two adapters' claims tie: which tied, which was chosen and why."""

from __future__ import annotations

import json

import pytest

from newsnorm.flows.cli import EXIT_OK, main
from newsnorm.transforms.adapters import registry
from newsnorm.transforms.adapters.dcnf import DcnfAdapter
from newsnorm.transforms.adapters.registry import (
    Detection,
    detect_all,
    load_adapters,
    select_adapter,
    tied_claims,
)
from newsnorm.transforms.records import Document
from tests_support import SEED, SEED_TEXT


class TwinAdapter(DcnfAdapter):
    """The same signals as dcnf under a later name: every claim of dcnf's ties with it."""

    name = "dcnf_twin"


@pytest.fixture
def twin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "BUILTIN", (*registry.BUILTIN, TwinAdapter))


@pytest.mark.usefixtures("twin")
def test_the_tie_is_the_chosen_adapter_first() -> None:
    adapters = load_adapters(include_plugins=False)
    document = Document.from_text(SEED_TEXT)
    detections = detect_all(document, adapters)
    tied = tied_claims(detections)
    assert [item.adapter.name for item in tied] == ["dcnf", "dcnf_twin"]
    assert select_adapter(document, adapters).adapter is tied[0].adapter


def test_no_tie_when_one_claim_is_ahead() -> None:
    detections = detect_all(Document.from_text(SEED_TEXT), load_adapters(include_plugins=False))
    assert max(item.score for item in detections) >= registry.MIN_EVIDENCE
    assert tied_claims(detections) == ()
    adapter = load_adapters(include_plugins=False)[0]
    assert tied_claims([Detection(adapter, ())]) == ()


@pytest.mark.usefixtures("twin")
def test_explain_says_who_tied_and_why_one_was_chosen(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(SEED)]) == EXIT_OK
    [line] = [line for line in capsys.readouterr().out.splitlines() if line.startswith("tie ")]
    assert "dcnf (priority 100), dcnf_twin (priority 100) claim" in line
    assert "dcnf chosen, the first in detection order (lowest priority, then name)" in line
    assert main(["explain", str(SEED), "--format", "json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["tied"] == ["dcnf", "dcnf_twin"]


def test_explain_says_nothing_of_a_tie_without_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(SEED)]) == EXIT_OK
    assert not any(line.startswith("tie ") for line in capsys.readouterr().out.splitlines())
