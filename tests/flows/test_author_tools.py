"""Adapter-author tools: `newsnorm explain` and `newsnorm adapters new`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsnorm.flows.cli import EXIT_ERROR, EXIT_OK, main
from tests_support import ROOT, SEED


def test_explain_shows_claims_choice_and_each_cut(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(SEED)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "\nadapter     dcnf v" in out
    assert "signal:logo-line 0.8" in out
    assert "[108:141] logo (logo, removed) 'Daily Caller News Foundation logo'" in out
    assert "republish-notice (republish_notice, removed)" in out


def test_explain_json_matches_the_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "--format", "json", str(SEED)]) == EXIT_OK
    report = json.loads(capsys.readouterr().out)
    text = SEED.read_text(encoding="utf-8")
    assert report["adapter"] == "dcnf"
    claims = {claim["adapter"]: claim["score"] for claim in report["claims"]}
    assert {"dcnf", "generic"} <= claims.keys()
    assert claims["dcnf"] >= 0.5
    for removal in report["removals"]:
        assert text[removal["start"] : removal["end"]] == removal["text"]


def test_explain_a_rejected_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["explain", str(empty)]) == EXIT_OK
    assert "rejected    empty:" in capsys.readouterr().out


def test_explain_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(tmp_path / "nope.txt")]) == EXIT_ERROR
    assert "cannot read" in capsys.readouterr().err


def test_scaffold_writes_an_adapter_that_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "transforms" / "adapters").mkdir(parents=True)
    assert main(["adapters", "new", "acme_wire", "--root", str(tmp_path)]) == EXIT_OK
    out = capsys.readouterr().out
    module = tmp_path / "transforms" / "adapters" / "acme_wire.py"
    assert module.is_file()
    assert (tmp_path / "tests" / "golden" / "acme_wire").is_dir()
    assert "BUILTIN" in out
    assert "tests/golden/README.md" in out  # tests/test_golden_readme.py needs its row
    namespace: dict[str, object] = {}
    exec(compile(module.read_text(), str(module), "exec"), namespace)  # the file must be valid
    adapter = namespace["AcmeWireAdapter"]()  # type: ignore[operator]
    assert adapter.name == "acme_wire"
    assert main(["adapters", "new", "acme_wire", "--root", str(tmp_path)]) == EXIT_ERROR
    assert "already exists" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["Acme", "acme-wire", "1acme", "a"])
def test_scaffold_refuses_bad_names(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["adapters", "new", name, "--root", str(ROOT)]) == EXIT_ERROR
    assert "lowercase" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["class", "import", "lambda"])
def test_scaffold_refuses_python_keywords(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    # `adapters new class` wrote class.py, which `from … import class` cannot import.
    assert main(["adapters", "new", name, "--root", str(ROOT)]) == EXIT_ERROR
    assert "is a Python keyword" in capsys.readouterr().err


def test_scaffold_outside_a_checkout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["adapters", "new", "acme_wire", "--root", str(tmp_path)]) == EXIT_ERROR
    assert "not a newsnorm checkout" in capsys.readouterr().err
