"""The README's promises: its first commands, and its example queries run as written."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsnorm.flows.cli.app import build_parser
from tests_support import ROOT, SEED

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _code_blocks(language: str = "") -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_first_two_commands_are_make_run_and_make_test() -> None:
    commands = [line.split("#")[0].strip() for line in _code_blocks()[0].splitlines()]
    assert commands[:2] == ["make run", "make test"]


def test_example_queries_run(ingest: Callable[..., Any], sql: Callable[..., Any]) -> None:
    ingest(SEED)
    block = _code_blocks("sql")[0]
    statements = [s.strip() for s in block.split(";") if s.strip()]
    assert len(statements) >= 4
    for statement in statements:
        sql(statement)
    promoted = sql(statements[-1])
    assert promoted[0][1].startswith("Trump Slams")


def test_duckdb_shell_line_names_the_init_file() -> None:
    assert ".venv/bin/duckdb -init warehouse/data/open.sql" in README


def test_the_stories_query_names_where_a_story_ran_and_who_credited_it(
    tmp_path: Path, ingest: Callable[..., Any], sql: Callable[..., Any]
) -> None:
    from tests_support import story_variants

    story_variants(tmp_path / "in")
    ingest(tmp_path / "in")
    [_, block] = _code_blocks("sql")
    rows = sql(block)
    assert sorted(Path(row[0]).stem for row in rows) == ["excerpt", "reheadlined", "seed"]
    assert [row[1] for row in rows] == [True, False, False]
    assert all(row[2] for row in rows)  # DCNF credited on every copy
    assert {row[3] for row in rows} == {"Daily Caller News Foundation"}


def test_the_stories_query_lists_every_site_that_ran_an_identical_copy(
    tmp_path: Path, ingest: Callable[..., Any], sql: Callable[..., Any]
) -> None:
    """Three sites running one text verbatim are one article: the query still names all
    three (from `placements`), the article's own placement first."""
    from tests_support import WIRE_SITES, write_wire_copies

    write_wire_copies(tmp_path / "in")
    ingest(tmp_path / "in")
    [_, block] = _code_blocks("sql")
    rows = sql(block)
    assert sorted(row[0] for row in rows) == sorted(name for _, name, _ in WIRE_SITES)
    assert [row[1] for row in rows] == [True, False, False]
    assert {row[4] for row in rows} == {1.0}  # each is the original's text


def test_the_python_lines_open_the_warehouse_offline(
    tmp_path: Path, ingest: Callable[..., Any], warehouse: Any, monkeypatch: Any, capsys: Any
) -> None:
    """The README's Python lines run as printed, with no network: `open.sql` loads the
    extension from its wheel's file (a plain `LOAD ducklake` would try to download it)."""
    ingest(SEED)
    [block] = [code for code in _code_blocks("python") if "open.sql" in code]
    (tmp_path / "cwd" / "warehouse").mkdir(parents=True)
    (tmp_path / "cwd" / "warehouse" / "data").symlink_to(warehouse.root)
    monkeypatch.chdir(tmp_path / "cwd")
    monkeypatch.setenv("HOME", str(tmp_path / "empty-home"))  # no extension cached there
    exec(compile(block, "README.md", "exec"), {})
    assert "Blinken And Netanyahu Meeting" in capsys.readouterr().out


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(subparsers.choices)


def test_the_command_summary_names_every_command() -> None:
    summary = next(block for block in _code_blocks() if "newsnorm --version" in block)
    named = set(re.findall(r"^newsnorm (\w+)", summary, flags=re.MULTILINE))
    assert set(_commands()) <= named


def test_every_option_of_every_command_is_documented() -> None:
    # The README or a docs/ page names each long option somewhere; --help alone is not enough.
    docs = README + "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    missing = [
        f"{name} {flag}"
        for name, parser in _commands().items()
        for action in parser._actions
        for flag in action.option_strings
        if flag.startswith("--") and flag != "--help"
        if not re.search(re.escape(flag) + r"(?![\w-])", docs)
    ]
    assert missing == []
