"""WARC files compressed whole, cut at any byte, or with records of every type: what each
record becomes (read, skipped, truncated), never lost unsaid."""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsnorm.flows.engine.formats import expand
from newsnorm.flows.engine.sources import file_ref
from tests_support import write_warc

Sql = Callable[..., list[tuple[Any, ...]]]
SENTENCE = "The harbour ferry from Quillon Point now leaves at half past seven on weekdays. "


def _page(number: int) -> bytes:
    return (
        f"<html><head><title>Ferry change {number}</title></head><body><article>"
        f"<h1>Ferry change {number}</h1><p>Notice {number}. {SENTENCE * 4}</p>"
        "</article></body></html>"
    ).encode()


def _outcomes(path: Path) -> list[str]:
    """What each input of the file becomes: ok, skip, or its reject code."""
    return [
        "skip" if raw.skipped else raw.rejection.code if raw.rejection else "ok"
        for raw in expand(file_ref(str(path)), 10_000_000)
    ]


def test_a_warc_gzipped_whole_gives_every_record(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    """`gzip crawl.warc` makes one gzip member of the whole file, which warcio reads only
    one record of: every record after the first was lost, recorded as `truncated`."""
    plain = tmp_path / "crawl.warc"
    write_warc(plain, [("response", "text/html", _page(n)) for n in range(1, 6)])
    whole = tmp_path / "in" / "crawl.warc.gz"
    whole.parent.mkdir()
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    summary = ingest(whole.parent)
    assert (summary.counts.ingested, summary.counts.rejected) == (5, 0)
    assert sql("select count(distinct url) from articles") == [(5,)]


def test_a_warc_gzipped_whole_and_cut_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    plain = tmp_path / "crawl.warc"
    write_warc(plain, [("response", "text/html", _page(n)) for n in range(1, 30)])
    compressed = gzip.compress(plain.read_bytes())
    whole = tmp_path / "cut.warc.gz"
    whole.write_bytes(compressed[: len(compressed) // 2])
    outcomes = _outcomes(whole)
    assert outcomes[-1] == "truncated"
    assert len(outcomes) > 2
    assert set(outcomes[:-1]) == {"ok"}


@pytest.mark.parametrize("gzipped", [False, True], ids=["plain", "per-record-gzip"])
def test_a_warc_cut_at_any_byte_of_its_second_record_says_truncated(
    tmp_path: Path, gzipped: bool
) -> None:
    """Cut inside the second record's header, warcio ended quietly (the record lost unsaid),
    or gave a record of a cut type or with no HTTP header (counted skipped). Every cut
    point now gives the first record and `truncated`; the whole file gives both."""
    archive = tmp_path / ("two.warc.gz" if gzipped else "two.warc")
    write_warc(archive, [("response", "text/html", _page(n)) for n in (1, 2)], gzipped)
    data = archive.read_bytes()
    if gzipped:  # where the first record's gzip member ends
        member = zlib.decompressobj(31)
        member.decompress(data)
        second = len(data) - len(member.unused_data)
    else:
        second = data.index(b"WARC/1.0", 1)
    wrong = {}
    # Cut in the blank lines that close a record, or in a gzip member's last bytes (its
    # checksum and length), the record is whole.
    for cut in range(second + 1, len(data) - (12 if gzipped else 4)):
        archive.write_bytes(data[:cut])
        if (outcomes := _outcomes(archive)) != ["ok", "truncated"]:
            wrong[cut - second] = outcomes
    assert wrong == {}
    archive.write_bytes(data)
    assert _outcomes(archive) == ["ok", "ok"]


@pytest.mark.parametrize("per_record", [False, True], ids=["plain", "per-record-gzip"])
def test_records_of_every_type_are_read_or_counted(tmp_path: Path, per_record: bool) -> None:
    """Request, metadata, resource, revisit and warcinfo records are counted skipped; a
    response that is no page too; the pages are read, gzipped record by record or whole."""
    archive = tmp_path / ("mixed.warc.gz" if per_record else "mixed.warc")
    with archive.open("wb") as handle:
        writer = WARCWriter(handle, gzip=per_record)
        records = [
            writer.create_warcinfo_record("mixed.warc", {"software": "invented-crawler/1.0"}),
            writer.create_warc_record(
                "https://quillon.example/ferry",
                "request",
                payload=io.BytesIO(b"GET /ferry HTTP/1.1\r\nHost: quillon.example\r\n\r\n"),
            ),
            _response(writer, "text/html", _page(1)),
            writer.create_warc_record(
                "https://quillon.example/ferry", "metadata", payload=io.BytesIO(b"outlinks: 2")
            ),
            writer.create_warc_record(
                "dns:quillon.example", "resource", payload=io.BytesIO(b"192.0.2.1")
            ),
            writer.create_revisit_record(
                "https://quillon.example/ferry", "sha1:AAAA", "https://quillon.example/ferry", ""
            ),
            _response(writer, "image/png", b"\x89PNG\r\n"),
            _response(writer, "text/html", _page(2)),
        ]
        for record in records:
            writer.write_record(record)
            if hasattr(record.raw_stream, "close"):
                record.raw_stream.close()
    expected = ["skip", "skip", "ok", "skip", "skip", "skip", "skip", "ok"]
    assert _outcomes(archive) == expected
    if not per_record:
        whole = tmp_path / "whole.warc.gz"
        whole.write_bytes(gzip.compress(archive.read_bytes()))
        assert _outcomes(whole) == expected


def _response(writer: WARCWriter, content_type: str, payload: bytes) -> Any:
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    uri = f"https://quillon.example/{len(payload)}"
    return writer.create_warc_record(
        uri, "response", payload=io.BytesIO(payload), http_headers=headers
    )


def test_a_record_with_a_wrong_length_is_corrupt_and_nothing_reaches_stderr(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """A Content-Length 30 bytes short: warcio printed a three-line warning on stderr (under
    the progress bar) and the page was stored cut short, unrecorded. Now the record is
    `corrupt` with the reason, the next record is read, and stderr stays empty."""
    archive = tmp_path / "short.warc"
    write_warc(archive, [("response", "text/html", _page(n)) for n in (1, 2)])
    data = archive.read_bytes()
    declared = re.search(rb"Content-Length: (\d+)", data)
    assert declared is not None
    shorter = str(int(declared.group(1)) - 30).encode()
    archive.write_bytes(data[: declared.start(1)] + shorter + data[declared.end(1) :])
    inputs = list(expand(file_ref(str(archive)), 10_000_000))
    assert [raw.rejection.code if raw.rejection else "ok" for raw in inputs] == ["corrupt", "ok"]
    assert inputs[0].rejection is not None
    assert "Content-Length does not match its content" in inputs[0].rejection.message
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("damage", ["length_too_long", "junk_between_records"])
def test_a_damaged_stretch_loses_no_record_after_it(tmp_path: Path, damage: str) -> None:
    """A Content-Length too long (the record runs into the next one's header) or junk
    between two records: warcio stopped there and every later record was lost, the file
    recorded as one `truncated` input. Reading goes on from the next record's header, even
    one inside the too long record's block; the damage is one `corrupt` input."""
    archive = tmp_path / "damaged.warc"
    write_warc(archive, [("response", "text/html", _page(n)) for n in range(1, 5)])
    data = archive.read_bytes()
    second = data.index(b"WARC/1.0", 1)
    if damage == "length_too_long":
        declared = re.search(rb"Content-Length: (\d+)", data)
        assert declared is not None
        longer = str(int(declared.group(1)) + 50).encode()
        data = data[: declared.start(1)] + longer + data[declared.end(1) :]
        # The first record, its length running into the second, which is read from its start
        expected, why = ["corrupt", "ok", "ok", "ok"], "Content-Length does not match"
    else:
        data = data[:second] + b"stray line\r\nanother\r\n\r\n" + data[second:]
        expected, why = ["ok", "corrupt", "ok", "ok", "ok"], "are no WARC record"
    archive.write_bytes(data)
    inputs = list(expand(file_ref(str(archive)), 10_000_000))
    assert [raw.rejection.code if raw.rejection else "ok" for raw in inputs] == expected
    stretch = next(raw for raw in inputs if raw.rejection is not None)
    assert stretch.rejection is not None
    assert why in stretch.rejection.message
