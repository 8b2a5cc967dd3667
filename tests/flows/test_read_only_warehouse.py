"""A warehouse on a read-only mount (an analysts' share): reading commands work, the others
say in one line why they cannot, never with a traceback.

`search` on a warehouse without its index, and `compact`, `reprocess` and `forget` (which
take the writer lock, a file in the warehouse) ended in an IOException or OSError
traceback. Mounting needs root (CI runs as root); elsewhere the test skips, saying so.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsnorm.flows.cli import EXIT_ERROR, EXIT_OK, main
from newsnorm.flows.engine.runner import execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.warehouse.lake import Warehouse

STORY = (
    "Invented Granary Reopens In Tollwick\n\nThe old granary of Tollwick opened its doors "
    "again on Saturday after a long repair of its roof, and the baker who rents it said the "
    "first loaves sold out within the hour.\n"
)


@pytest.fixture
def read_only_warehouse(tmp_path: Path) -> Iterator[Path]:
    """A warehouse of one article, seen through a read-only bind mount."""
    if os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs root (CI runs as root)")
    story = tmp_path / "granary.txt"
    story.write_text(STORY, encoding="utf-8")
    written = tmp_path / "warehouse"
    execute_ingest([str(story)], IngestSettings(warehouse=Warehouse.at(written)))
    mount = tmp_path / "read-only"
    mount.mkdir()
    tried = subprocess.run(["mount", "--bind", str(written), str(mount)], capture_output=True)
    if tried.returncode:
        pytest.skip(f"cannot bind-mount here: {tried.stderr.decode().strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(mount)], check=True)
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_read_only_warehouse_is_read_and_refuses_changes_in_one_line(
    read_only_warehouse: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = ["--warehouse", str(read_only_warehouse)]
    assert main(["query", *where, "select count(*) from articles"]) == EXIT_OK
    capsys.readouterr()
    for command in (
        ["search", "granary"],
        ["compact"],
        ["reprocess"],
        ["forget", str(tmp_path / "granary.txt")],
    ):
        assert main([*command[:1], *where, *command[1:]]) == EXIT_ERROR, command
        err = capsys.readouterr().err
        assert "Traceback" not in err
        [line] = err.splitlines()
        assert line.startswith(f"newsnorm {command[0]}: "), line
        assert "Read-only file system" in line, line
