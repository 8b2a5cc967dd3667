"""An empty file is one `empty` reject whatever its kind: a JSON array of no item, a JSON-lines
file of no line or of blank lines only, a JSON file of no bytes, as an empty text, page or
WARC is (it was: nothing recorded but a manifest row, or `invalid_json`)."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.cli import EXIT_OK, main
from newsnorm.flows.engine.formats import expand
from newsnorm.flows.engine.sources import file_ref
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import Reading, prepare_input

Sql = Callable[..., list[tuple[Any, ...]]]
EMPTY_FILES = {
    "array.json": b"[]",
    "spaced.json": b" [ \n ] \n",
    "zero.jsonl": b"",
    "blank.jsonl": b"\n\n",
    "zero.json": b"",
    "blank.json": b" \n",
    "array.json.gz": gzip.compress(b"[]"),
    "zero.jsonl.gz": gzip.compress(b""),
    "zero.txt": b"",
    "zero.html": b"",
}


@pytest.mark.parametrize("name", sorted(EMPTY_FILES))
def test_an_empty_file_is_one_empty_input(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(EMPTY_FILES[name])
    ref = file_ref(str(path))
    inputs = list(expand(ref, 1 << 20))
    assert [raw.uri for raw in inputs] == [ref.uri]
    [raw] = inputs
    if raw.data is None:  # a container (array, lines) says so at once, naming the file
        assert raw.rejection is not None
        assert raw.rejection.code == "empty"
        return
    # A plain file's bytes are read whole; processing rejects them (a `.json` was invalid_json).
    with pytest.raises(DocumentRejected) as rejected:
        prepare_input(raw.data, raw.meta(Reading()))
    assert rejected.value.code == "empty"


def test_each_empty_file_is_recorded_as_empty_and_counted(
    tmp_path: Path, ingest: Callable[..., Any], sql: Sql
) -> None:
    for name, data in EMPTY_FILES.items():
        (tmp_path / name).write_bytes(data)
    summary = ingest(tmp_path)
    assert (summary.counts.rejected, summary.counts.ingested) == (len(EMPTY_FILES), 0)
    rows = sql("select input_uri, reason_code from rejects")
    assert {uri.rsplit("/", 1)[1]: code for uri, code in rows} == dict.fromkeys(
        EMPTY_FILES, "empty"
    )
    assert ingest(tmp_path).counts.unchanged == len(EMPTY_FILES)  # recorded: not read again


def test_explain_says_an_empty_array_is_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "e.json"
    path.write_bytes(b"[]")
    assert main(["explain", str(path)]) == EXIT_OK
    assert "rejected    empty: the JSON array holds no item" in capsys.readouterr().out
