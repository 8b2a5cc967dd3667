"""An adapter that raises is named: at ingest (the reason and `inputs.adapter`), in `explain`."""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.cli import EXIT_ERROR, main
from newsnorm.transforms.adapters.dcnf import DcnfAdapter
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.records import Article, Document
from tests_support import SEED

Sql = Callable[..., list[tuple[Any, ...]]]
OTHER = (
    "Library Hours Extended\n\nBy Jane Doe\n\nThe county board approved longer library hours on "
    "Monday after a debate about staffing, school funding and the branch libraries downtown.\n"
)


def fix_headline(article: Article, document: Document) -> Article:
    """A step with a bug in it."""
    raise ValueError("boom")


@pytest.fixture
def broken_step(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DcnfAdapter, "after_clean", (*DcnfAdapter.after_clean, fix_headline))


@pytest.mark.usefixtures("broken_step")
def test_ingest_names_the_adapter_and_step_and_goes_on(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "other.txt").write_text(OTHER, encoding="utf-8")
    summary = ingest(folder, strict=False)
    assert (summary.counts.ingested, summary.counts.rejected) == (1, 1)
    [(reason, adapter)] = sql("select reason, adapter from inputs where status = 'rejected'")
    assert adapter == "dcnf"
    assert reason == (
        "internal_error: adapter 'dcnf' raised in after_clean step 'fix_headline': ValueError: boom"
    )


@pytest.mark.usefixtures("broken_step")
@pytest.mark.parametrize("verbose", [False, True])
def test_explain_says_which_adapter_raised_in_one_line(
    verbose: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["explain", str(SEED), *(["--verbose"] if verbose else [])]) == EXIT_ERROR
    err = capsys.readouterr().err
    line = "adapter 'dcnf' raised in after_clean step 'fix_headline': ValueError: boom"
    assert line in err.splitlines()[-1]
    assert ("Traceback" in err) is verbose
    assert ("--verbose shows the traceback" in err) is not verbose


def test_a_rejection_crosses_processes_with_its_adapter() -> None:
    rejection = pickle.loads(pickle.dumps(DocumentRejected("internal_error", "x", "dcnf")))
    assert (rejection.code, rejection.message, rejection.adapter) == ("internal_error", "x", "dcnf")
