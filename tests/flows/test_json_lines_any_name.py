"""JSON lines are told by their content, whatever the file's name (README's inputs table):
one input per line (`FILE#line=N`) in a `.txt` or `.json` file as in a `.jsonl` one; JSON
lines whose first line is too long to tell are refused with a reason naming `.jsonl`."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsnorm.transforms.inputs import SNIFF_BYTES, InputMeta, input_kind, opens_as_json_lines

Sql = Callable[..., list[tuple[Any, ...]]]
SENTENCES = (
    "The harbor board voted on Tuesday to extend the ferry pier by twenty meters.",
    "Work on the new landing is set to begin after the summer season ends.",
    "Fishermen asked the board to keep one berth free for the morning catch.",
)


def _record(number: int, padding: str = "") -> str:
    body = "\n\n".join(f"{sentence} (Part {number}.)" for sentence in SENTENCES)
    return json.dumps({"title": f"Pier story number {number}", "body": body + padding})


def test_json_lines_in_a_txt_or_json_file_are_one_input_a_line(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    (tmp_path / "feed.txt").write_text(f"{_record(1)}\n\n{_record(2)}\n", encoding="utf-8")
    (tmp_path / "feed.json").write_text(f"{_record(9)}\n\n{_record(10)}\n", encoding="utf-8")
    (tmp_path / "more.txt.gz").write_bytes(gzip.compress(f"{_record(3)}\n{_record(4)}".encode()))
    assert ingest(tmp_path).counts.ingested == 6
    rows = sql("select input_uri from inputs order by 1")
    assert [row[0].rsplit("/", 1)[1] for row in rows] == [
        "feed.json#line=1",
        "feed.json#line=3",
        "feed.txt#line=1",
        "feed.txt#line=3",
        "more.txt.gz#line=1",
        "more.txt.gz#line=2",
    ]
    titles = sql("select title from articles order by 1")
    assert {row[0] for row in titles} == {f"Pier story number {n}" for n in (1, 2, 3, 4, 9, 10)}


def test_a_single_object_in_a_txt_file_is_still_one_record(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    record = json.loads(_record(5))
    (tmp_path / "one.txt").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    (tmp_path / "line.txt").write_text(_record(6) + "\n", encoding="utf-8")
    assert ingest(tmp_path).counts.ingested == 2
    rows = sql("select input_uri from inputs order by 1")
    assert [row[0].rsplit("/", 1)[1] for row in rows] == ["line.txt", "one.txt"]


def test_json_lines_too_long_to_tell_are_refused_naming_jsonl(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    long_first = _record(7, padding=" More." * SNIFF_BYTES)
    (tmp_path / "feed.txt").write_text(f"{long_first}\n{_record(8)}\n", encoding="utf-8")
    summary = ingest(tmp_path)
    assert (summary.counts.ingested, summary.counts.rejected) == (0, 1)
    [(code, reason)] = sql("select reason_code, reason from rejects")
    assert code == "invalid_json"
    assert ".jsonl" in reason


def test_what_opens_as_json_lines() -> None:
    assert opens_as_json_lines(f"{_record(1)}\n{_record(2)[:20]}".encode())
    assert opens_as_json_lines(f"\ufeff{_record(1)}\r\n\r\n{_record(2)}".encode("utf-16"))
    assert not opens_as_json_lines(_record(1).encode())  # one object, one line
    assert not opens_as_json_lines(json.dumps(json.loads(_record(1)), indent=1).encode())
    assert not opens_as_json_lines(f"[{_record(1)},\n{_record(2)}]".encode())
    assert not opens_as_json_lines(f"{_record(1)}\nThe pier opens in May.".encode())
    lines = f"{_record(1)}\n{_record(2)}".encode()
    assert input_kind(lines, InputMeta(name="feed.txt")) == "json"
