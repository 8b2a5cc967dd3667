"""`newsnorm adapters new NAME --package DIR`: a plugin package for an adapter that lives
outside newsnorm, registered through the `newsnorm.adapters` entry point, with golden cases
its own test file checks through `newsnorm.flows.cli.golden`, as newsnorm checks its own."""

from __future__ import annotations

from pathlib import Path

from newsnorm.flows.cli.scaffold import TEMPLATE, ScaffoldError, check_name, class_name, title_of
from newsnorm.transforms.adapters import BUILTIN

PYPROJECT = """[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"

[project]
name = "{dist}"
version = "0.1.0"
description = "{title} adapter for newsnorm"
requires-python = ">=3.11"
dependencies = ["newsnorm"]

[project.optional-dependencies]
test = ["pytest"]

# newsnorm finds the adapter through this entry point once the package is installed
# (`pip install -e .`); the name on the left must be the adapter's `name`.
[project.entry-points."newsnorm.adapters"]
{name} = "{package}.adapter:{cls}"

[tool.setuptools.packages.find]
where = ["src"]
"""

TEST = '''"""Each golden case in tests/golden/{name}/ against its reviewed expected JSON.

Write or refresh the expected files with `newsnorm adapters golden --write tests/golden`,
then read every one line by line; `newsnorm adapters golden tests/golden` checks them as
this test does, with a diff for each difference.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsnorm.flows.cli.golden import GoldenCase, cases_at, check_case
from newsnorm.transforms.adapters.registry import load_adapters

GOLDEN = Path(__file__).parent / "golden"
ADAPTERS = load_adapters()  # newsnorm's built-ins and every installed plugin, this one too
CASES = cases_at([GOLDEN])


def test_the_adapter_is_installed() -> None:
    names = [adapter.name for adapter in ADAPTERS]
    assert "{name}" in names, "not installed: run `pip install -e .` in the package's folder"


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_golden_case(case: GoldenCase) -> None:
    faults = check_case(case, ADAPTERS)
    assert not faults, "\\n".join(faults)
'''


def package_of(name: str) -> str:
    """The plugin's import name: its own top-level package, beside (not inside) newsnorm."""
    return f"newsnorm_{name}"


def scaffold_plugin(name: str, folder: Path) -> list[Path]:
    """Write the plugin package's files into `folder` (made if missing); return them."""
    check_name(name)
    if name in {adapter.name for adapter in BUILTIN}:
        raise ScaffoldError(f"{name!r} is a built-in adapter's name: two would stop every run")
    package = package_of(name)
    title, cls = title_of(name), class_name(name)
    source = folder / "src" / package
    golden = folder / "tests" / "golden" / name
    files = {
        folder / "pyproject.toml": PYPROJECT.format(
            dist=package.replace("_", "-"), title=title, name=name, package=package, cls=cls
        ),
        source / "__init__.py": f'"""{title}: a newsnorm adapter plugin."""\n',
        source / "adapter.py": TEMPLATE.format(title=title, cls=cls, name=name),
        folder / "tests" / "test_golden.py": TEST.format(name=name),
    }
    if existing := [str(path) for path in files if path.exists()]:
        raise ScaffoldError(f"{existing[0]} already exists")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    golden.mkdir(parents=True, exist_ok=True)
    return [*files, golden]


def plugin_next_steps(name: str, folder: Path) -> str:
    return (
        f"next, in {folder}:\n"
        f"  1. put raw samples, exactly as scraped, in tests/golden/{name}/<case>.txt\n"
        f"  2. pip install -e .   # into newsnorm's environment: registers the entry point\n"
        f"  3. edit src/{package_of(name)}/adapter.py (signals, rules; see docs/adapters.md)\n"
        f"  4. newsnorm explain tests/golden/{name}/<case>.txt   # what each rule does\n"
        f"  5. newsnorm adapters golden --write tests/golden/{name}; read each JSON file\n"
        f"  6. pytest tests   # checks every golden case, as `newsnorm adapters golden` does\n"
    )
