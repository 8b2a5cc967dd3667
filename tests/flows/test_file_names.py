"""A stored `file://` URI names its file again, whatever bytes the file's name holds.

Ingest quotes a path's bytes into its URI; `explain`, `show` and `reprocess` turn the URI back
into the path with `sources.uri_path`. Linux allows any bytes but '/' and NUL in a name, so a
name that is not UTF-8 (Latin-1 `café`) must come back byte for byte, not as another name.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import newsnorm.flows.engine.rows
from newsnorm.flows.cli import EXIT_OK, main
from newsnorm.flows.engine.reprocess import reprocess
from newsnorm.flows.engine.sources import file_ref, iter_inputs, uri_path
from newsnorm.transforms.pipeline import PIPELINE_VERSION
from newsnorm.warehouse.lake import Warehouse

Sql = Callable[..., list[tuple[Any, ...]]]
LATIN1 = os.fsdecode(b"caf\xe9.txt")  # not UTF-8: a surrogate escape in a str path
TEXT = (
    "Harbour Ferry Timetable Changes\n\nBy Jane Doe\n\nThe harbour board approved the new "
    "ferry timetable on Monday after a long debate about fares, crews and winter sailings.\n"
)


@pytest.mark.parametrize(
    "name", [LATIN1, "café.txt", "a b#c?d%41.txt", os.fsdecode(b"\xff\xfe#.txt")]
)
def test_a_stored_uri_names_its_file_again(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"x")
    [walked] = iter_inputs([str(tmp_path)])
    for uri in (file_ref(str(path)).uri, walked.uri):
        assert uri_path(uri) == str(path)
        assert uri_path(uri + "#line=3") == str(path)  # a record's fragment is not the file's
        assert os.path.exists(uri_path(uri))


def test_explain_finds_a_file_whose_name_is_not_utf8(
    tmp_path: Path, ingest: Callable[..., Any], sql: Sql, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / LATIN1
    path.write_text(TEXT, encoding="utf-8")
    ingest(tmp_path)
    [(uri, title)] = sql("select source_uri, title from articles")
    assert uri.endswith("/caf%E9.txt")
    assert main(["explain", "--format", "json", uri]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["title"] == title


def test_reprocess_rereads_a_file_whose_name_is_not_utf8(
    tmp_path: Path,
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / LATIN1).write_text(TEXT, encoding="utf-8")
    with monkeypatch.context() as old:
        old.setattr(newsnorm.flows.engine.rows, "PIPELINE_VERSION", PIPELINE_VERSION - 1)
        ingest(tmp_path)
    outcome = reprocess(warehouse)
    assert outcome.problems == []
    assert (outcome.stale, outcome.replaced) == (1, 1)
    assert sql("select pipeline_version from articles") == [(PIPELINE_VERSION,)]
