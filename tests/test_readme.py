"""The README's promises: its first commands, and its example queries run as written."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
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
