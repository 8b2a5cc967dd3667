"""The `newsnorm` command line, in process: query formats, errors, adapters listing."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import pytest

from newsnorm.flows.cli import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, main
from newsnorm.flows.engine.runner import execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.warehouse.lake import Warehouse
from tests_support import SEED, SEED_TEXT


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seed stored once for the module: every test using it only reads (`query` opens
    read-only; the write test checks that, and the count after it)."""
    warehouse = Warehouse.at(tmp_path_factory.mktemp("cli") / "warehouse")
    execute_ingest([str(SEED)], IngestSettings(warehouse=warehouse, strict=True))
    return str(warehouse.root)


def test_query_table_format(seeded: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["query", "--warehouse", seeded, "select title, authors, word_count from articles"])
    lines = capsys.readouterr().out.splitlines()
    assert code == EXIT_OK
    assert lines[0].split() == ["title", "authors", "word_count"]
    assert '["Jake Smith"]' in lines[2]
    assert lines[-1] == "(1 row)"


def test_query_json_is_one_array_with_lists_and_structs(
    seeded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["query", "--warehouse", seeded, "--format", "json", "select * from articles"])
    rows = json.loads(capsys.readouterr().out)
    assert code == EXIT_OK
    assert isinstance(rows, list)
    [row] = rows
    assert row["authors"] == ["Jake Smith"]
    assert row["related"][0]["url"] is None
    assert row["title"] == SEED_TEXT.splitlines()[0]
    assert row["published_at"] is None
    assert row["ingested_at"].endswith("+00:00")


def test_query_json_with_no_rows_is_an_empty_array(
    seeded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["query", "--warehouse", seeded, "--format", "json", "select * from rejects"])
    assert json.loads(capsys.readouterr().out) == []


def test_query_csv_flattens_lists_to_json(seeded: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["query", "--warehouse", seeded, "--format", "csv", "select title, authors from articles"])
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["title", "authors"]
    assert json.loads(rows[1][1]) == ["Jake Smith"]


def test_write_statement_fails_with_a_clear_message(
    seeded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["query", "--warehouse", seeded, "delete from raw_articles"])
    assert code == EXIT_ERROR
    assert "read-only" in capsys.readouterr().err
    main(["query", "--warehouse", seeded, "select count(*) as n from articles"])
    assert "1" in capsys.readouterr().out.splitlines()[2]


def test_bad_sql_reports_duckdb_message(seeded: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--warehouse", seeded, "select nope from articles"]) == EXIT_ERROR
    assert "nope" in capsys.readouterr().err


def test_query_without_a_warehouse(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--warehouse", str(tmp_path / "none"), "select 1"]) == EXIT_ERROR
    assert "newsnorm ingest" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [["query", "select 1"], ["stories"], ["search", "ferry"], ["compact"], ["reprocess"],
     ["forget", "ferry.txt"]],
)  # fmt: skip
def test_a_warehouse_path_that_is_a_file_is_said_to_be_one(
    command: list[str], tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    # It said "no warehouse at FILE: run `newsnorm ingest SOURCE… --warehouse FILE` first",
    # and that ingest refuses a --warehouse naming a file.
    path = tmp_path / "notes.txt"
    path.write_text("not a warehouse\n")
    assert main([command[0], "--warehouse", str(path), *command[1:]]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert f"--warehouse {path} is a file, not a warehouse folder" in err
    assert "newsnorm ingest" not in err


@pytest.mark.parametrize("command", [["query", "select 1"], ["stories"], ["search", "ferry"]])
def test_an_invalid_warehouse_address_is_one_line_for_every_reading_command(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # search resolved the address outside its error handling: a WarehouseError traceback.
    assert main([command[0], "--warehouse", "s3://", *command[1:]]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "Traceback" not in err
    [line] = err.splitlines()
    assert line.startswith(f"newsnorm {command[0]}: invalid bucket name"), line


def test_adapters_lists_detection_order(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["adapters"]) == EXIT_OK
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()[2:-1]]
    assert names == [adapter.name for adapter in load_adapters()]
    assert names[-1] == "generic"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["ingest", "seeds", "--batch-size", "0"])
    assert caught.value.code == 2
    assert "positive integer" in capsys.readouterr().err


def test_an_oserror_of_ours_raises_with_its_traceback_one_of_the_machine_is_one_line(
    tmp_path: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every OSError was one line: a missing SQL template of ours printed no traceback.
    import errno

    import newsnorm.flows.cli.warehouse_commands as commands

    def missing_template(*args: Any) -> int:
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", "sql/status.sql")

    monkeypatch.setattr(commands, "status_command", missing_template)
    with pytest.raises(FileNotFoundError):
        main(["status", "--warehouse", str(tmp_path)])

    def full_disk(*args: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x"))

    monkeypatch.setattr(commands, "status_command", full_disk)
    assert main(["status", "--warehouse", str(tmp_path)]) == EXIT_ERROR
    assert "newsnorm status: [Errno 28] No space left on device" in capsys.readouterr().err


def _interrupt_duckdb() -> None:
    import duckdb

    raise duckdb.InterruptException("INTERRUPT Error: Interrupted!")


def _interrupt_attach() -> None:
    raise RuntimeError("Query interrupted")


def _interrupt_python() -> None:
    raise KeyboardInterrupt


@pytest.mark.parametrize(
    "interrupt",
    [_interrupt_duckdb, _interrupt_attach, _interrupt_python],
    ids=["duckdb-query", "duckdb-attach", "python"],
)
def test_a_ctrl_c_that_duckdb_takes_exits_130_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    interrupt: Callable[[], None],
) -> None:
    """DuckDB turns a Ctrl-C into an interrupted query and raises its own error (an ATTACH
    a RuntimeError): `compact`, `query` and `status` ended with a traceback and exit 1."""
    import newsnorm.flows.cli.warehouse_commands

    def interrupted(*args: Any) -> int:
        interrupt()
        return EXIT_OK

    monkeypatch.setattr(newsnorm.flows.cli.warehouse_commands, "status_command", interrupted)
    assert main(["status"]) == EXIT_INTERRUPTED
    assert capsys.readouterr().err == "newsnorm: interrupted\n"


def test_a_ctrl_c_while_the_parser_loads_exits_130_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Building a command's options imports the warehouse (pyarrow, DuckDB): a Ctrl-C in
    that first half-second printed a traceback of the import and died of SIGINT."""
    import newsnorm.flows.cli.app

    def loading(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(newsnorm.flows.cli.app, "build_parser", loading)
    assert main(["compact"]) == EXIT_INTERRUPTED
    assert capsys.readouterr().err == "newsnorm: interrupted\n"


def test_an_error_that_is_no_interrupt_still_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsnorm.flows.cli.warehouse_commands

    def broken(*args: Any) -> int:
        raise RuntimeError("a bug of ours")

    monkeypatch.setattr(newsnorm.flows.cli.warehouse_commands, "status_command", broken)
    with pytest.raises(RuntimeError, match="a bug of ours"):
        main(["status"])
