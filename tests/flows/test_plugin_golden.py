"""An adapter in its own package: `adapters new --package` scaffolds it, `adapters golden`
writes and checks its golden files, and the package's own test file runs them, install-free
(the scaffold's src/ on sys.path, its pyproject's entry point as installed metadata)."""

from __future__ import annotations

import importlib.util
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from golden_cases import BUILTINS
from newsnorm.flows.cli import EXIT_ERROR, EXIT_OK, EXIT_USAGE, main
from newsnorm.flows.cli.golden import GoldenCase, Outcome, claim_fault, removal_faults
from newsnorm.transforms.adapters import BUILTIN
from tests_support import fresh_modules

NAME = "acme_plug"
SAMPLE = (
    "Harbor Bridge Reopens After Repairs\n\nThe harbor bridge reopened to traffic on Monday "
    "after eight months of repairs that cost the city more than it had planned.\n\n"
    "The council will vote on a ferry route next month, officials said.\n\n"
    "This story was originally published by Acme Plug.\n"
)


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The scaffolded package, made importable and registered as `pip install -e` would."""
    folder = tmp_path / "newsnorm-acme-plug"
    assert main(["adapters", "new", NAME, "--package", str(folder)]) == EXIT_OK
    pyproject = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))
    entry = pyproject["project"]["entry-points"]["newsnorm.adapters"]
    info = folder / "src" / "newsnorm_acme_plug-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newsnorm-acme-plug\n")
    lines = [f"{name} = {value}" for name, value in entry.items()]
    (info / "entry_points.txt").write_text("[newsnorm.adapters]\n" + "\n".join(lines) + "\n")
    (folder / "tests" / "golden" / NAME / "copy.txt").write_text(SAMPLE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder / "src"))
    with fresh_modules("newsnorm_acme_plug"):
        yield folder


def _package_tests(folder: Path) -> ModuleType:
    """The package's tests/test_golden.py, imported as pytest would."""
    path = folder / "tests" / "test_golden.py"
    spec = importlib.util.spec_from_file_location("acme_plug_test_golden", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scaffold_makes_a_package_with_its_entry_point(
    package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other"
    assert main(["adapters", "new", NAME, "--package", str(other)]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"created {other / 'src' / 'newsnorm_acme_plug' / 'adapter.py'}" in out
    assert "pip install -e ." in out
    assert f"newsnorm adapters golden --write tests/golden/{NAME}" in out
    pyproject = tomllib.loads((package / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["entry-points"]["newsnorm.adapters"] == {
        NAME: "newsnorm_acme_plug.adapter:AcmePlugAdapter"
    }
    assert (package / "tests" / "golden" / NAME).is_dir()
    assert main(["adapters"]) == EXIT_OK  # the entry point loads: the plugin is listed
    assert "newsnorm_acme_plug.adapter.AcmePlugAdapter" in capsys.readouterr().out


def test_golden_write_then_check_then_a_diff(
    package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    golden = package / "tests" / "golden"
    assert main(["adapters", "golden", str(golden)]) == EXIT_ERROR  # nothing written yet
    assert "no copy.expected.json" in capsys.readouterr().out
    assert main(["adapters", "golden", "--write", str(golden / NAME)]) == EXIT_OK
    expected = (golden / NAME / "copy.expected.json").read_text(encoding="utf-8")
    assert f'"adapter": "{NAME}"' in expected
    assert '"original_publisher": "Acme Plug"' in expected
    capsys.readouterr()
    assert main(["adapters", "golden", str(golden)]) == EXIT_OK
    assert f"ok   {NAME}/copy\n1 cases, 1 ok, 0 failed" in capsys.readouterr().out
    tests = _package_tests(package)
    tests.test_the_adapter_is_installed()
    assert [case.id for case in tests.CASES] == [f"{NAME}/copy"]
    tests.test_golden_case(tests.CASES[0])

    sample = golden / NAME / "copy.txt"
    sample.write_text(SAMPLE.replace("next month", "next week"), encoding="utf-8")
    assert main(["adapters", "golden", str(sample)]) == EXIT_ERROR
    out = capsys.readouterr().out
    assert f"FAIL   {NAME}/copy\n--- {golden / NAME / 'copy.expected.json'}\n" in out
    assert "+++ actual output\n" in out
    assert '-    "The council will vote on a ferry route next month, officials said."' in out
    assert '+    "The council will vote on a ferry route next week, officials said."' in out
    with pytest.raises(AssertionError, match="next week"):
        tests.test_golden_case(tests.CASES[0])


def test_a_case_in_another_adapters_folder_is_a_fault(package: Path) -> None:
    case = GoldenCase("dcnf", package / "tests" / "golden" / NAME / "copy.txt")
    fault = claim_fault(case, {"adapter": NAME})
    assert fault == f"claimed by {NAME!r}, not by the folder's adapter 'dcnf'"
    assert claim_fault(GoldenCase(NAME, case.raw), {"adapter": NAME}) is None


def test_removal_faults_name_a_bad_slice_and_a_cut_left_in_the_body() -> None:
    text = "Headline\n\nKept sentence of the story here.\n\nRead more at the site now."
    removal = {"rule": "promo", "start": 45, "end": 70, "text": "Read more at the site now."}
    body = ["Kept sentence of the story here.", "Read more at the site now."]
    faults = removal_faults(Outcome({"paragraphs": body, "removals": [removal]}, text))
    assert faults == [
        "removal promo [45:70]: its offsets do not slice its text from the input",
        "removal promo [45:70]: the removed text is still in the body: "
        "'Read more at the site now.'",
    ]
    good = {**removal, "start": 44}
    assert removal_faults(Outcome({"paragraphs": body[:1], "removals": [good]}, text)) == []


def test_golden_command_names_what_it_cannot_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["adapters", "golden", str(tmp_path / "nope")]) == EXIT_ERROR
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["adapters", "golden", str(tmp_path)]) == EXIT_ERROR
    assert "no raw samples" in capsys.readouterr().err


def test_plugin_scaffold_refuses_a_builtin_name_and_an_existing_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["adapters", "new", "dcnf", "--package", str(tmp_path / "p")]) == EXIT_ERROR
    assert "built-in adapter's name" in capsys.readouterr().err
    assert main(["adapters", "new", NAME, "--package", str(tmp_path / "p")]) == EXIT_OK
    assert main(["adapters", "new", NAME, "--package", str(tmp_path / "p")]) == EXIT_ERROR
    assert "pyproject.toml already exists" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["adapters", "new", NAME, "--package", str(tmp_path / "q"), "--root", "."])
    assert stop.value.code == EXIT_USAGE


def test_our_golden_cases_run_with_builtins_only() -> None:
    assert [type(adapter) for adapter in BUILTINS] == sorted(
        BUILTIN, key=lambda cls: (cls.priority, cls.name)
    )
