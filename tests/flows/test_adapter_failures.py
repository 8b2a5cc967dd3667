"""An adapter that raises is named: at ingest (the reason and `inputs.adapter`), in worker
processes (plain strings cross back, never an exception object), and in `explain`."""

from __future__ import annotations

import hashlib
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.cli import EXIT_ERROR, main
from newsnorm.flows.engine import workers
from newsnorm.flows.engine.processing import BatchSettings
from newsnorm.flows.engine.reading import RawInput
from newsnorm.flows.engine.workers import TransformPool
from newsnorm.transforms.adapters.dcnf import DcnfAdapter
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import AdapterFailed, DocumentRejected
from newsnorm.transforms.pipeline import Processed
from newsnorm.transforms.records import Article, Document, Evidence
from tests_support import SEED, SEED_BYTES

Sql = Callable[..., list[tuple[Any, ...]]]
OTHER = (
    "Library Hours Extended\n\nBy Jane Doe\n\nThe county board approved longer library hours on "
    "Monday after a debate about staffing, school funding and the branch libraries downtown.\n"
)
STEP_FAILED = "adapter 'dcnf' raised in after_clean step 'fix_headline': ValueError: boom"
SETTINGS = BatchSettings(max_bytes=10_000_000)


def fix_headline(article: Article, document: Document) -> Article:
    """A step with a bug in it."""
    raise ValueError("boom")


def broken_detect(self: DcnfAdapter, document: Document) -> tuple[Evidence, ...]:
    """An adapter's own `detect`, with a bug in it."""
    raise KeyError("signal")


@pytest.fixture
def broken_step(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DcnfAdapter, "after_clean", (*DcnfAdapter.after_clean, fix_headline))


def _raws() -> list[RawInput]:
    blobs = [SEED_BYTES, OTHER.encode()]
    return [
        RawInput(f"file:///in/{n}.txt", hashlib.sha256(blob).hexdigest(), len(blob), blob)
        for n, blob in enumerate(blobs)
    ]


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
    [(reason, adapter, uri)] = sql(
        "select reason, adapter, input_uri from inputs where status = 'rejected'"
    )
    assert (adapter, uri.endswith("seed.txt")) == ("dcnf", True)
    assert reason == f"internal_error: {STEP_FAILED}"


@pytest.mark.usefixtures("broken_step")
def test_workers_send_an_adapters_failure_back_as_plain_strings(pool: TransformPool) -> None:
    """The worker protocol's rejection is strings (pickle then never meets an exception with
    custom args); the run's process makes the rejection, adapter named, again from them."""
    results = list(pool.process(_raws(), load_adapters(), SETTINGS))
    assert pool._executor is not None, "the pool processed nothing in workers"
    rejected, other = results
    assert isinstance(rejected, DocumentRejected)
    assert (rejected.code, rejected.message, rejected.adapter) == (
        "internal_error",
        STEP_FAILED,
        "dcnf",
    )
    assert isinstance(other, Processed)


@pytest.mark.usefixtures("broken_step")
def test_a_worker_group_holds_no_exception_object(in_workers: None) -> None:
    sent, _ = workers._work_group([(raw, SETTINGS, None, False) for raw in _raws()])
    assert sent[0] == ("internal_error", STEP_FAILED, "dcnf")
    assert not any(isinstance(part, BaseException) for result in sent for part in result)


@pytest.mark.usefixtures("broken_step")
def test_strict_raises_the_adapters_failure_across_processes(pool: TransformPool) -> None:
    strict = BatchSettings(max_bytes=10_000_000, strict=True)
    with pytest.raises(AdapterFailed) as raised:
        list(pool.process(_raws(), load_adapters(), strict))
    assert (raised.value.adapter, str(raised.value)) == ("dcnf", STEP_FAILED)


def test_an_adapter_failure_pickles_as_it_is() -> None:
    failed = AdapterFailed.wrapping("dcnf", "detect", KeyError("signal"))
    copy = pickle.loads(pickle.dumps(failed))
    assert (type(copy), copy.adapter, copy.step, str(copy)) == (
        AdapterFailed,
        "dcnf",
        "detect",
        "adapter 'dcnf' raised in detect: KeyError: 'signal'",
    )


@pytest.mark.usefixtures("broken_step")
@pytest.mark.parametrize("verbose", [False, True])
def test_explain_says_which_adapter_raised_in_one_line(
    verbose: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["explain", str(SEED), *(["--verbose"] if verbose else [])]) == EXIT_ERROR
    captured = capsys.readouterr()
    assert captured.err.splitlines()[-1].startswith(f"newsnorm explain: {SEED}: {STEP_FAILED}")
    assert ("Traceback" in captured.err) is verbose
    assert ("--verbose shows the traceback" in captured.err) is not verbose
    if not verbose:
        assert len(captured.err.splitlines()) == 1


def test_explain_names_an_adapter_whose_detect_raises(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(DcnfAdapter, "detect", broken_detect)
    assert main(["explain", str(SEED)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "adapter 'dcnf' raised in detect: KeyError: 'signal'" in err
