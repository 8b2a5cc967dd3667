"""bench/adapters.py names, per adapter, the real samples it was checked on, and skips with a
message where ../shared/ is absent."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests_support import ROOT


def _bench_adapters() -> ModuleType:
    """bench/ is not a package: load bench/adapters.py by path."""
    spec = importlib.util.spec_from_file_location("bench_adapters", ROOT / "bench" / "adapters.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


bench = _bench_adapters()


def test_coverage_lists_each_adapters_samples_and_the_rejections(
    capsys: pytest.CaptureFixture[str],
) -> None:
    outcomes = [
        bench.Outcome("ap_1.txt", "ap", "ap", "The Associated Press", "-", "dateline"),
        bench.Outcome("ap_5.txt", "ap", "ap", "The Associated Press", "-", "dateline"),
        bench.Outcome("the19th_1.txt", "the-19th", "rejected: no_article", "-", "-", "-"),
    ]
    bench.print_coverage(outcomes, ["ap", "the_19th"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[-3:] == [
        "  ap          ap_1.txt, ap_5.txt",
        "  the_19th    none (golden cases only)",
        "  no article  the19th_1.txt (the-19th, rejected: no_article)",
    ]


def test_without_the_corpus_it_says_so_and_skips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench.main(["--corpus", str(tmp_path / "absent")]) == 0
    assert capsys.readouterr().out.startswith("skipped: no dev corpus at ")
