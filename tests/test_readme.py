"""The README's promises: its first commands, and its example queries run as written."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from tests_support import ROOT, SEED

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _code_blocks(language: str = "") -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_first_two_commands_are_make_run_and_make_test() -> None:
    commands = [line.split("#")[0].strip() for line in _code_blocks()[0].splitlines()]
    assert commands[:2] == ["make run", "make test"]


def test_example_queries_run(ingest: Callable[..., Any], sql: Callable[..., Any]) -> None:
    ingest(SEED)
    [block] = _code_blocks("sql")
    statements = [s.strip() for s in block.split(";") if s.strip()]
    assert len(statements) >= 4
    for statement in statements:
        sql(statement)
    promoted = sql(statements[-1])
    assert promoted[0][1].startswith("Trump Slams")


def test_duckdb_shell_line_names_the_init_file() -> None:
    assert ".venv/bin/duckdb -init warehouse/data/open.sql" in README
