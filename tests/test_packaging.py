"""The distribution installs one top-level package, `newsnorm`, mapped over our folders."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

from tests_support import ROOT

MAPPED = ("flows", "transforms", "schemas", "warehouse")


def _setuptools() -> dict[str, object]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return dict(config["tool"]["setuptools"])


def test_every_subpackage_folder_is_listed_in_pyproject() -> None:
    on_disk = {
        "newsnorm." + ".".join(init.parent.relative_to(ROOT).parts)
        for folder in MAPPED
        for init in (ROOT / folder).rglob("__init__.py")
    } | {"newsnorm.warehouse.sql"}
    assert set(_setuptools()["packages"]) == on_disk  # type: ignore[arg-type]
    assert _setuptools()["package-dir"] == {f"newsnorm.{name}": name for name in MAPPED}


def test_the_wheel_holds_only_newsnorm_and_installs_importable(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "--wheel-dir", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    (wheel,) = (tmp_path / "dist").glob("newsnorm-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    top_level = {name.split("/")[0] for name in names}
    assert {name for name in top_level if not name.endswith(".dist-info")} == {"newsnorm"}
    assert "newsnorm/warehouse/sql/articles.sql" in names

    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    # From a folder of its own, with the wheel's copy first on the path: the installed
    # names are newsnorm.*, and the bare folder names are not importable.
    probe = (
        "import importlib.util, newsnorm.flows.cli, newsnorm.warehouse.views as v;"
        "print(newsnorm.flows.cli.__file__);"
        "print([n for n in ('flows','transforms','schemas','warehouse')"
        " if importlib.util.find_spec(n)])"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True, text=True, check=False, cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    cli_file, importable = run.stdout.splitlines()
    assert Path(cli_file).is_relative_to(target)
    assert importable == "[]"
