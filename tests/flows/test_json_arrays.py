"""A file holding a JSON array is a container: one input per item (`FILE#item=N`), split as
its bytes stream in, each item bounded by --max-bytes, a broken array keeping what came
before the break, and `explain FILE#item=N` showing what ingest stored."""

from __future__ import annotations

import builtins
import gzip
import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.cli import EXIT_OK, main
from newsnorm.flows.engine import formats
from newsnorm.flows.engine.jsonarray import ArrayError, ArrayItems
from newsnorm.flows.engine.sources import file_ref

Sql = Callable[..., list[tuple[Any, ...]]]
SENTENCES = (
    "The county board approved the road budget on Monday after a long debate.",
    "Repairs will start on the river bridge in May and end before the autumn.",
    "The library will open on Sundays from next month, the board also decided.",
    "A review of bus routes is due in the spring, with a public meeting first.",
)


def _item(number: int) -> dict[str, object]:
    return {
        "title": f"Budget story number {number}",
        "body": "\n\n".join(f"{sentence} (Item {number}.)" for sentence in SENTENCES),
        "url": f"https://county.example/story-{number}",
        "date": "2024-05-03T18:00:00+02:00",
    }


def _split(data: bytes, chunk: int, max_bytes: int = 1_000_000) -> list[bytes | None]:
    splitter = ArrayItems(max_bytes)
    found: list[bytes | None] = []
    for start in range(0, len(data), chunk):
        found.extend(item.data for item in splitter.feed(data[start : start + chunk]))
    last = splitter.close()
    return found + ([last.data] if last else [])


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 1 << 20])
def test_items_are_the_same_whatever_the_chunks(chunk: int) -> None:
    tricky = [
        {"title": 'quotes " and brackets ] } [ {', "body": 'a backslash \\ then \\" a quote'},
        {"nested": [1, {"deeper": ["]", "}"]}], "unicode": "caf\u00e9 \u2013 \u201cquoted\u201d"},
        3,
        "a string, with a comma]",
        None,
        [],
    ]
    for indent in (None, 2):
        data = json.dumps(tricky, indent=indent, ensure_ascii=False).encode()
        items = _split(data, chunk)
        assert [json.loads(item) for item in items if item is not None] == tricky


def test_an_item_is_handed_back_as_soon_as_it_closes() -> None:
    splitter = ArrayItems(1_000_000)
    first = json.dumps(_item(1)).encode()
    assert [item.data for item in splitter.feed(b"[" + first + b",")] == [first]
    assert list(splitter.feed(b' {"title": "cut')) == []  # the next one is still open
    last = splitter.close()
    assert last is not None
    assert (last.cut, last.data) == (True, b'{"title": "cut')


def test_an_item_over_the_limit_is_hashed_not_kept() -> None:
    big = json.dumps({"body": "x" * 5000}).encode()
    splitter = ArrayItems(1000)
    items = [*splitter.feed(b"[" + big + b", {}]")]
    assert [(item.data, item.size) for item in items] == [(None, len(big)), (b"{}", 2)]
    assert len(splitter.buffer) == 0  # nothing of the large item is held


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'[{"a": 1} {"b": 2}]', "where a comma belongs"),
        (b'{"a": 1}', "not a JSON array"),
        (b"[1,,2]", "an item is missing"),
        (b"[1] trailing", "after the array's end"),
    ],
)
def test_bytes_that_stop_being_an_array_are_named(data: bytes, message: str) -> None:
    with pytest.raises(ArrayError, match=message):
        _split(data, 4)


def test_an_array_file_is_one_input_per_item(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    export = tmp_path / "items.json"
    export.write_text(json.dumps([_item(n) for n in range(1, 4)], indent=2), encoding="utf-8")
    summary = ingest(export)
    assert summary.counts.ingested == 3
    rows = sql("select source_uri, title, url from articles order by source_uri")
    assert rows == [
        (
            f"{export.as_uri()}#item={n}",
            f"Budget story number {n}",
            f"https://county.example/story-{n}",
        )
        for n in range(1, 4)
    ]
    again = ingest(export)  # the manifest vouches for the file
    assert (again.counts.unchanged, again.counts.ingested) == (1, 0)
    rescan = ingest(export, rescan=True)  # every item is known
    assert (rescan.counts.unchanged, rescan.counts.ingested) == (3, 0)


def test_an_array_in_a_file_of_any_name_and_gzipped(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    (tmp_path / "export.txt").write_text(json.dumps([_item(1), _item(2)]), encoding="utf-8")
    (tmp_path / "more.json.gz").write_bytes(gzip.compress(json.dumps([_item(3)]).encode()))
    (tmp_path / "note.txt").write_text(
        "[Update] Budget passes\n\n" + "\n\n".join(SENTENCES) + "\n", encoding="utf-8"
    )
    assert ingest(tmp_path).counts.ingested == 4
    uris = [row[0].rsplit("/", 1)[1] for row in sql("select input_uri from inputs order by 1")]
    assert uris == ["export.txt#item=1", "export.txt#item=2", "more.json.gz#item=1", "note.txt"]


def test_a_broken_array_keeps_the_items_before_the_break(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    items = [json.dumps(_item(n)) for n in range(7)]
    broken = tmp_path / "broken.json"
    broken.write_text(f"[{items[0]}, {items[1]} {items[2]}]", encoding="utf-8")
    cut = tmp_path / "cut.json"
    cut.write_text(f"[{items[3]}, {items[4][:-40]}", encoding="utf-8")
    big = tmp_path / "big.json"
    big.write_text(f"[{items[5]}, {json.dumps({'body': 'x' * 5000})}]", encoding="utf-8")
    summary = ingest(tmp_path, max_bytes=4000)
    assert (summary.counts.ingested, summary.counts.rejected) == (5, 2)
    rejects = sql("select input_uri, reason_code, reason from rejects order by 1")
    assert [(uri.rsplit("/", 1)[1], code) for uri, code, _ in rejects] == [
        ("big.json#item=2", "too_large"),
        ("broken.json#item=3", "invalid_json"),
    ]
    assert "after item 2; the rest was not read" in rejects[1][2]
    # The capture cut inside its second item keeps what it holds, and says so.
    assert sql("select warnings from articles where source_uri like '%cut.json#item=2'") == [
        (["input_truncated"],)
    ]


def test_explain_an_array_item(
    tmp_path: Path, ingest: Callable[..., Any], sql: Sql, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "items.json"
    export.write_text(json.dumps([_item(1), _item(2)], indent=1), encoding="utf-8")
    ingest(export)
    assert main(["explain", "--format", "json", f"{export}#item=2"]) == EXIT_OK
    report = json.loads(capsys.readouterr().out)
    stored = sql(
        "select title, len(paragraphs) from articles where source_uri = ?",
        f"{export.as_uri()}#item=2",
    )
    assert [(report["title"], len(report["paragraphs"]))] == stored
    assert report["other_inputs"] == ["item=1"]


def test_a_plain_file_is_opened_once_and_an_array_in_it_streamed_from_that_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plain file is opened once: its first KiB tells whether it holds an array, which is
    streamed from the same handle, one item held at a time, whatever --max-bytes admits
    (read whole first, an 8 MB array sat in the parent until its last item was staged)."""
    note = tmp_path / "note.txt"
    note.write_text("[Update] Budget passes\n\n" + "\n\n".join(SENTENCES), encoding="utf-8")
    export = tmp_path / "export.txt"
    items = [{"title": f"T{n}", "text": "word " * 400} for n in range(4000)]
    export.write_text(json.dumps(items), encoding="utf-8")
    opened: list[str] = []
    original = builtins.open

    def counted(file: Any, *args: Any, **options: Any) -> Any:
        if str(file).startswith(str(tmp_path)):
            opened.append(Path(file).name)
        return original(file, *args, **options)

    monkeypatch.setattr(builtins, "open", counted)
    limit = 4 * export.stat().st_size
    assert [raw.uri.rsplit("/", 1)[1] for raw in formats.expand(file_ref(str(note)), limit)] == [
        "note.txt"
    ]
    tracemalloc.start()
    try:
        count = sum(1 for _ in formats.expand(file_ref(str(export)), limit))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == len(items)
    assert opened == ["note.txt", "export.txt"]
    assert peak < export.stat().st_size / 2  # ~2 of 8 MB: never the whole file at once
