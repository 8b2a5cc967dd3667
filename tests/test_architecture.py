"""ARCHITECTURE.md stays a map a newcomer reads in ten minutes, and every module it names exists."""

from __future__ import annotations

import os
import re
from pathlib import Path

from tests_support import ROOT

MAP = ROOT / "ARCHITECTURE.md"
# About ten minutes of reading for technical prose with tables one skims.
WORD_BUDGET = 3200
_SKIPPED_DIRS = {".venv", ".git", "node_modules", "__pycache__", ".pytest_cache", ".mypy_cache"}
# Files a run writes into a warehouse, which the map names but the repository does not hold.
_WRITTEN_AT_RUN_TIME = {"open.sql", "pending-steps.json"}
_NAMED_FILE = re.compile(r"`([\w./-]+\.(?:py|sql|json|md))`")
_NAMED_DOC = re.compile(r"\bdocs/[\w-]+\.md\b")


def _repository_files() -> list[str]:
    files = []
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [d for d in subfolders if d not in _SKIPPED_DIRS]
        relative = Path(folder).relative_to(ROOT).as_posix()
        prefix = "" if relative == "." else "/" + relative
        files.extend(f"{prefix}/{name}" for name in names)
    return files


def named_files(text: str) -> set[str]:
    """Every file a page names in backticks (`html/reader.py`) or as a docs/ page."""
    return set(_NAMED_FILE.findall(text)) | set(_NAMED_DOC.findall(text))


def missing_files(names: set[str], files: list[str]) -> list[str]:
    """The names no repository file's path ends with (a name may be relative to a package)."""
    return sorted(name for name in names if not any(f.endswith("/" + name) for f in files))


def test_every_named_file_exists() -> None:
    text = MAP.read_text(encoding="utf-8")
    names = named_files(text) - _WRITTEN_AT_RUN_TIME
    assert len(names) > 50, "the map names its modules"
    assert missing_files(names, _repository_files()) == []


def test_missing_file_is_reported() -> None:
    files = ["/transforms/html/reader.py", "/docs/html.md"]
    names = named_files("`html/reader.py`, `html/nowhere.py` and docs/html.md, docs/gone.md")
    assert missing_files(names, files) == ["docs/gone.md", "html/nowhere.py"]


def test_map_reads_in_ten_minutes() -> None:
    words = len(MAP.read_text(encoding="utf-8").split())
    assert words <= WORD_BUDGET, f"ARCHITECTURE.md has {words} words; move detail to docs/"


def test_every_docs_page_is_reachable_from_the_map_or_readme() -> None:
    linked = named_files(MAP.read_text(encoding="utf-8"))
    linked |= named_files((ROOT / "README.md").read_text(encoding="utf-8"))
    pages = {f"docs/{p.name}" for p in Path(ROOT / "docs").glob("*.md")}
    assert sorted(pages - linked) == []
