"""`reprocess --all` takes articles whose adapter is no longer installed, and says so."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import newsnorm.flows.engine.reprocess
from newsnorm.flows.cli import main
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.warehouse.lake import Warehouse
from tests_support import SEED

Sql = Callable[..., list[tuple[Any, ...]]]


@pytest.fixture
def dcnf_uninstalled(ingest: Callable[..., Any], sql: Sql, monkeypatch: pytest.MonkeyPatch) -> None:
    """The seed stored by `dcnf`, an adapter then uninstalled."""
    ingest(SEED)
    assert sql("select adapter from articles") == [("dcnf",)]
    without_dcnf = tuple(item for item in load_adapters() if item.name != "dcnf")
    monkeypatch.setattr(newsnorm.flows.engine.reprocess, "load_adapters", lambda: without_dcnf)


@pytest.mark.usefixtures("dcnf_uninstalled")
@pytest.mark.parametrize("only", [False, True])
def test_all_recleans_articles_of_an_uninstalled_adapter(
    only: bool, sql: Sql, warehouse: Warehouse, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["reprocess", "--warehouse", str(warehouse.root)]
    assert main(args) == 0
    assert capsys.readouterr().out.startswith("stale 0:")
    assert main([*args, *(["--adapter", "dcnf"] if only else []), "--all"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("stale 1: 1 new versions")
    assert "1 of them made by adapters no longer installed: re-cleaned by those now" in out
    assert sql("select adapter from articles") == [("generic",)]


@pytest.mark.usefixtures("dcnf_uninstalled")
def test_adapter_names_an_uninstalled_one_that_made_articles(
    warehouse: Warehouse, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["reprocess", "--warehouse", str(warehouse.root), "--adapter"]
    assert main([*args, "dcnf"]) == 2
    err = capsys.readouterr().err
    assert "no adapter named 'dcnf'" in err
    assert "1 stored articles were made by it" in err
    assert "--adapter dcnf --all" in err
    assert main([*args, "nope"]) == 2
    assert "stored articles" not in capsys.readouterr().err
    assert main([*args, "nope", "--all"]) == 2
