"""HTML, WARC, JSON-lines and gzip inputs, including broken ones, through a real ingest."""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import zlib
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsnorm.flows.engine.widetext import utf8_lines
from tests_support import ROOT, write_warc

Sql = Callable[..., list[tuple[Any, ...]]]
PAGE = (ROOT / "tests" / "fixtures" / "article_page.html").read_bytes()
BODY = (
    "The county board approved the new budget on Monday after a long debate about road "
    "repairs, school funding and the future of the public library system downtown."
)


def test_html_page_becomes_an_article_with_its_metadata(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    page = tmp_path / "bridge.html"
    page.write_bytes(PAGE)
    assert ingest(page).counts.ingested == 1
    [row] = sql(
        "select title, authors, published_at, published_on, published_at_source, site, "
        "language, original_publisher, paragraphs from articles"
    )
    title, authors, published_at, published_on, source, site, language, original, paragraphs = row
    assert title == "City Council Approves Harbor Bridge Repairs"
    assert authors == ["Ana Ruiz"]
    assert published_at == datetime(2024, 3, 8, 2, 30, tzinfo=UTC)
    assert published_on == date(2024, 3, 7)  # the page's own day, not UTC's
    assert source == "json-ld"
    assert site == "Harbor Gazette"
    assert language.startswith("en")
    assert original == "Harbor Gazette"
    assert paragraphs[0].startswith("The city council voted 7-2")
    assert paragraphs[-1].startswith("Work is expected to begin in June")
    body = " ".join(paragraphs)
    for chrome in ("Most read", "Advertisement", "All rights reserved", "originally published"):
        assert chrome not in body


def test_gzipped_html_and_a_gzip_bomb(ingest: Callable[..., Any], sql: Sql, tmp_path: Path) -> None:
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE))
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 5_000_000))
    summary = ingest(tmp_path, max_bytes=1_000_000)
    assert (summary.counts.ingested, summary.counts.rejected) == (1, 1)
    [(uri, reason)] = sql("select input_uri, reason from rejects")
    assert uri.endswith("bomb.txt.gz")
    assert "decompression bomb" in reason


def test_a_page_saved_gzip_compressed_under_its_plain_name_is_read_inflated(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    """A response body kept as sent (`Content-Encoding: gzip`) under `page.html`: read as
    the page it holds, not rejected as binary; its hash is the inflated page's, as for a
    `.gz` file, and a bomb under a plain name is still a bomb."""
    (tmp_path / "page.html").write_bytes(gzip.compress(PAGE))
    (tmp_path / "bomb.txt").write_bytes(gzip.compress(b"a" * 5_000_000))
    summary = ingest(tmp_path, max_bytes=1_000_000)
    assert (summary.counts.ingested, summary.counts.rejected) == (1, 1)
    assert sql("select title from articles") == [("City Council Approves Harbor Bridge Repairs",)]
    [(uri, reason)] = sql("select input_uri, reason from rejects")
    assert uri.endswith("bomb.txt")
    assert "decompression bomb" in reason
    [(sha,)] = sql("select input_sha256 from inputs where input_uri like '%page.html'")
    assert sha == hashlib.sha256(PAGE).hexdigest()


def test_a_gzip_document_cut_short_is_truncated_and_one_that_is_no_gzip_corrupt(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    """A page whose download stopped is `truncated`, with how much inflated (fetch it
    again); the story without its end is not stored. A `.gz` holding no gzip is `corrupt`."""
    (tmp_path / "broken.html.gz").write_bytes(gzip.compress(PAGE)[:200])
    (tmp_path / "plain.txt.gz").write_bytes(b"Not compressed at all, whatever its name says.")
    assert ingest(tmp_path).counts.rejected == 2
    rows = sql("select input_uri, reason_code, reason from rejects order by input_uri")
    [(_, broken, why), (_, plain, _)] = rows
    assert (broken, plain) == ("truncated", "corrupt")
    assert "bytes of the document; a document cut short is not stored" in why


def _records(count: int) -> bytes:
    """`count` JSON lines of invented stories, each its own article."""
    lines = [
        json.dumps({"title": f"Ferry timetable change {n}", "text": f"Notice {n}. {BODY} " * 3})
        for n in range(1, count + 1)
    ]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("cut", ["mid_line", "line_end"])
def test_a_jsonl_gz_cut_short_keeps_the_lines_before_the_cut(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path, cut: str
) -> None:
    """A `.jsonl.gz` whose download stopped keeps the records inflated before the cut and
    records the cut as `truncated`, as an uncompressed file cut short does; it was rejected
    whole (Python's gzip raised at the cut and the lines read in that chunk were lost). A
    line the stream broke in is no record, whichever way it ends."""
    data = _records(40)
    lines = data.count(b"\n")
    if cut == "line_end":  # compressed whole, so only the stream's end marker is missing
        compressed = gzip.compress(data)[:-8]
        expect_kept, expect_at = lines, lines + 1
    else:
        compressed = gzip.compress(data)[: len(gzip.compress(data)) // 2]
        inflated = len(zlib.decompressobj(31).decompress(compressed))
        expect_kept = data[:inflated].count(b"\n")
        expect_at = expect_kept + 1
    (tmp_path / "feed.jsonl.gz").write_bytes(compressed)
    summary = ingest(tmp_path)
    assert 0 < expect_kept <= summary.counts.ingested + summary.counts.duplicate
    assert summary.counts.ingested == expect_kept
    [(uri, code, reason)] = sql("select input_uri, reason_code, reason from rejects")
    assert (uri.rsplit("#", 1)[1], code) == (f"line={expect_at}", "truncated")
    assert f"after line {expect_at - 1}; the rest was not read" in reason


def test_a_jsonl_gz_broken_before_its_first_line_says_nothing_was_read(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    """A `.jsonl.gz` that breaks before a whole line inflates names no line zero: its reason
    says nothing of it was read, where it said 'after line 0; the rest was not read'."""
    (tmp_path / "cut.jsonl.gz").write_bytes(gzip.compress(_records(3))[:30])
    (tmp_path / "plain.jsonl.gz").write_bytes(b"these bytes are no gzip stream\n")
    summary = ingest(tmp_path)
    assert summary.counts.ingested == 0
    rows = sql("select input_uri, reason_code, reason from rejects order by input_uri")
    assert [(uri.rsplit("/", 1)[1], code) for uri, code, _ in rows] == [
        ("cut.jsonl.gz#line=1", "truncated"),
        ("plain.jsonl.gz#line=1", "corrupt"),
    ]
    for _, _, reason in rows:
        assert reason.endswith("before its first line; nothing of it was read")
        assert "line 0" not in reason


def test_a_json_array_gz_cut_short_keeps_the_items_before_the_cut(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    items = [json.loads(line) for line in _records(40).splitlines()]
    compressed = gzip.compress(json.dumps(items).encode())
    (tmp_path / "feed.json.gz").write_bytes(compressed[: len(compressed) // 2])
    summary = ingest(tmp_path)
    assert summary.counts.ingested > 0
    [(uri, code)] = sql("select input_uri, reason_code from rejects")
    assert (uri.rsplit("#", 1)[1], code) == (f"item={summary.counts.ingested + 1}", "truncated")


def test_warc_html_responses_are_inputs_and_the_rest_is_counted(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    other = PAGE.replace(b"Harbor Bridge", b"Ferry Terminal").replace(b"7-2", b"6-3")
    archive = tmp_path / "crawl.warc.gz"
    write_warc(
        archive,
        [
            ("response", "text/html; charset=utf-8", PAGE),
            ("response", "image/png", b"\x89PNG\r\n"),
            ("request", "", b"GET / HTTP/1.1\r\n\r\n"),
            ("response", "text/html", other),
        ],
        gzipped=True,
    )
    first = ingest(archive)
    assert (first.counts.ingested, first.counts.skipped) == (2, 2)
    rows = sql("select input_uri, status from inputs order by input_uri")
    assert all("crawl.warc.gz#urn:uuid:" in uri for uri, _ in rows)
    assert sql("select url from articles order by url") == [
        ("https://news.example/story-0",),
        ("https://news.example/story-3",),
    ]
    again = ingest(archive)  # the manifest vouches for the whole file: not read again
    assert (again.counts.unchanged, again.counts.ingested, again.counts.skipped) == (1, 0, 0)
    rescan = ingest(archive, rescan=True)  # read again: each record is known
    assert (rescan.counts.unchanged, rescan.counts.ingested) == (2, 0)
    assert sql("select skipped from runs order by started_at") == [(2,), (0,), (2,)]


def test_truncated_warc_keeps_the_records_before_the_break(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    archive = tmp_path / "cut.warc"
    other = PAGE.replace(b"Harbor Bridge", b"Ferry Terminal")
    write_warc(archive, [("response", "text/html", PAGE), ("response", "text/html", other)])
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) - 900])
    summary = ingest(archive)
    assert (summary.counts.ingested, summary.counts.rejected) == (1, 1)
    assert sql("select reason_code from rejects") == [("truncated",)]


def test_truncated_warc_gz_keeps_the_records_before_the_break(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    archive = tmp_path / "cut.warc.gz"
    other = PAGE.replace(b"Harbor Bridge", b"Ferry Terminal")
    write_warc(archive, [("response", "text/html", PAGE), ("response", "text/html", other)], True)
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) - 300])
    summary = ingest(archive)
    assert (summary.counts.ingested, summary.counts.rejected) == (1, 1)
    assert sql("select reason_code from rejects") == [("truncated",)]


def test_jsonl_lines_are_inputs_and_a_bad_line_is_rejected_alone(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    lines = [
        {"headline": "Budget Passes After Long Debate", "text": BODY, "author": "By Jane Doe",
         "date": "2024-05-03T18:00:00+02:00", "link": "https://news.example/budget"},
        "{not json",
        {"headline": "Library Hours Extended", "text": BODY.replace("budget", "library plan"),
         "author": [{"name": "John Roe"}]},
        {"headline": "No Body Here"},
    ]  # fmt: skip
    export = tmp_path / "export.jsonl"
    export.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n\n"
    )
    summary = ingest(export, fields={"title": "headline"})
    assert (summary.counts.ingested, summary.counts.rejected) == (2, 2)
    rejects = sql("select input_uri, reason_code from rejects order by input_uri")
    assert [(uri.rsplit("#", 1)[1], code) for uri, code in rejects] == [
        ("line=2", "invalid_json"),
        ("line=4", "no_article"),
    ]
    articles = sql("select title, authors, url, published_on from articles order by title")
    assert articles == [
        (
            "Budget Passes After Long Debate",
            ["Jane Doe"],
            "https://news.example/budget",
            date(2024, 5, 3),
        ),
        ("Library Hours Extended", ["John Roe"], None, None),
    ]


def test_jsonl_gzip_bomb_stops_with_a_reason(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    line = json.dumps({"title": "Filler", "text": BODY}).encode() + b"\n"
    (tmp_path / "huge.jsonl.gz").write_bytes(gzip.compress(line + b" " * 30_000_000))
    summary = ingest(tmp_path)
    assert summary.counts.ingested == 1
    assert sql("select reason_code from rejects") == [("decompression_bomb",)]


@pytest.mark.parametrize(
    ("declared", "encoding"),
    [("utf-8", "cp1252"), ("windows-1252", "cp1252"), ("iso-8859-1", "utf-8")],
    ids=["cp1252-labelled-utf8", "cp1252-labelled-right", "utf8-labelled-latin1"],
)
def test_mislabelled_html_encoding(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path, declared: str, encoding: str
) -> None:
    html = PAGE.decode("utf-8").replace('charset="utf-8"', f'charset="{declared}"')
    html = html.replace("Rosa Delgado", "Rosa Delgado Nú\u00f1ez").replace(
        '<meta charset="utf-8">', f'<meta charset="{declared}">'
    )
    (tmp_path / "page.html").write_bytes(html.encode(encoding, errors="strict"))
    assert ingest(tmp_path).counts.ingested == 1
    [(body,)] = sql("select body from articles")
    assert "Delgado N\u00fa\u00f1ez" in body
    assert "\u201cWe are patching" in body


def test_html_with_no_article_is_rejected(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    (tmp_path / "menu.html").write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>"
    )
    assert ingest(tmp_path).counts.rejected == 1
    assert sql("select reason_code from rejects") == [("no_article",)]


def _warc_of_statuses(
    path: Path, responses: list[tuple[str, list[tuple[str, str]], bytes]]
) -> None:
    """A WARC of HTML responses with these HTTP status lines and headers."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for index, (status, headers, payload) in enumerate(responses):
            http = StatusAndHeaders(
                status, [("Content-Type", "text/html"), *headers], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://news.example/page-{index}",
                "response",
                payload=io.BytesIO(payload),
                http_headers=http,
            )
            writer.write_record(record)
            record.raw_stream.close()


def test_warc_error_and_redirect_responses_are_skipped_with_their_status(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    archive = tmp_path / "crawl.warc.gz"
    moved = b"<html><body><p>Moved to the new address.</p></body></html>"
    _warc_of_statuses(
        archive,
        [
            ("200 OK", [], PAGE),
            ("404 Not Found", [], PAGE.replace(b"Harbor Bridge", b"Missing Page")),
            ("301 Moved Permanently", [("Location", "https://news.example/new")], moved),
            ("503 Service Unavailable", [], PAGE.replace(b"Harbor Bridge", b"Busy Server")),
        ],
    )
    summary = ingest(archive)
    assert (summary.counts.ingested, summary.counts.skipped, summary.counts.rejected) == (1, 3, 0)
    assert sql("select url from articles") == [("https://news.example/page-0",)]
    skipped = sql("select reason_code, reason from inputs where status = 'skipped' order by reason")
    assert skipped == [
        ("http_status", "http_status: HTTP 301 Moved Permanently, to https://news.example/new"),
        ("http_status", "http_status: HTTP 404 Not Found"),
        ("http_status", "http_status: HTTP 503 Service Unavailable"),
    ]
    assert sql("select count(*) from rejects") == [(0,)]


@pytest.mark.parametrize(
    ("content", "code", "where"),
    [
        (b"", "empty", ""),
        (b"\r\n\r\n", "empty", ""),
        (b"a list of links, one a line\nhttps://news.example/a\n", "corrupt", "#offset=0"),
    ],
    ids=["zero_bytes", "blank_lines", "not_a_warc"],
)
def test_a_warc_file_holding_no_warc_record_is_rejected_with_its_reason(
    ingest: Callable[..., Any],
    sql: Sql,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    content: bytes,
    code: str,
    where: str,
) -> None:
    # warcio's ArchiveIterator read such a file as ARC records, one a line, skipped them
    # all unrecorded (or found none) and printed a warning per line on stderr.
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(content)
    summary = ingest(archive)
    assert (summary.counts.seen, summary.counts.rejected, summary.counts.skipped) == (1, 1, 0)
    assert sql("select input_uri, reason_code from rejects") == [(archive.as_uri() + where, code)]
    assert "WARNING" not in capfd.readouterr().err


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("name", ["feed.jsonl", "items.json", "items.txt", "feed.jsonl.gz"])
def test_a_utf16_or_utf32_export_of_records_is_read_record_by_record(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path, codec: str, name: str
) -> None:
    # Split on its bytes, a UTF-16 JSON-lines file lost every line but its first (each cut
    # in two characters), and a UTF-16 JSON array was one record, a list, rejected whole.
    records = [
        {"headline": f"Invented Ferry Timetable {n} Änderung", "text": BODY} for n in range(3)
    ]
    if name.startswith("feed"):
        text = "".join(json.dumps(record, ensure_ascii=False) + "\r\n" for record in records)
    else:
        text = json.dumps(records, ensure_ascii=False, indent=1)
    bom = codecs.BOM_UTF16_BE if codec == "utf-16-be" else b""
    data = bom + text.encode(codec)
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    summary = ingest(path)
    assert (summary.counts.ingested, summary.counts.rejected) == (3, 0)
    titles = sql("select title from articles order by title")
    assert titles == [(f"Invented Ferry Timetable {n} Änderung",) for n in range(3)]


def test_a_long_utf16_line_is_held_up_to_the_limit_and_rejected_whole(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    # Its pending line was copied whole for every chunk read (quadratic: 8 Mi characters
    # took 40x the UTF-8 path's time) and held however long it grew.
    record = json.dumps({"headline": "Invented Harbour Notice", "text": "ä" * 200_000})
    feed = tmp_path / "feed.jsonl"
    text = record + "\n" + record[:40] + "}\n"
    feed.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    with feed.open("rb") as handle:
        lines = list(utf8_lines(handle, 4096, cap=1000))
    assert [(len(line), length) for line, length in lines] == [
        (1002, len(record.encode()) + 1),  # cut after 1,001 bytes, its newline kept
        (42, 42),
    ]
    summary = ingest(feed, max_bytes=100_000)
    assert (summary.counts.seen, summary.counts.rejected) == (2, 2)  # the second is no JSON
    assert sql("select reason_code, reason from rejects order by input_uri")[0] == (
        "too_large",
        f"too_large: line is {len(record.encode()):,} bytes, over the 100,000-byte limit",
    )


def test_a_long_utf16_line_opening_with_spaces_is_rejected_not_stored_cut(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    # The line was cut to the limit plus one byte and then stripped of its leading spaces,
    # which brought it under the limit: the cut record was stored, not rejected.
    record = "    " + json.dumps({"headline": "Invented Quay Notice", "text": "x" * 300})
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(codecs.BOM_UTF16_LE + (record + "\n").encode("utf-16-le"))
    summary = ingest(feed, max_bytes=200)
    assert (summary.counts.seen, summary.counts.rejected) == (1, 1)
    assert sql("select reason_code from rejects") == [("too_large",)]


@pytest.mark.parametrize("cut", [20, 60, 100])
def test_a_warc_cut_inside_its_first_record_header_is_rejected_as_corrupt(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path, cut: int
) -> None:
    # Cut after 60 bytes, warcio raised AttributeError out of the run; after 20, the record
    # of no type was counted skipped, unrecorded.
    whole = tmp_path / "whole.warc"
    write_warc(whole, [("response", "text/html", PAGE)])
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(whole.read_bytes()[:cut])
    summary = ingest(archive)
    assert (summary.counts.seen, summary.counts.rejected, summary.counts.skipped) == (1, 1, 0)
    [(uri, code, reason)] = sql("select input_uri, reason_code, reason from rejects")
    assert (uri, code) == (archive.as_uri() + "#offset=0", "corrupt")
    assert "record header cut short or malformed" in reason


def test_a_warc_opening_with_blank_lines_is_read(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    # It was rejected as `empty`: warcio found no record after the blank lines.
    archive = tmp_path / "crawl.warc"
    write_warc(archive, [("response", "text/html", PAGE)])
    archive.write_bytes(b"\r\n\r\n" + archive.read_bytes())
    summary = ingest(archive)
    assert (summary.counts.ingested, summary.counts.rejected) == (1, 0)
    assert sql("select count(*) from rejects") == [(0,)]


def _record_without_id(title: str) -> bytes:
    """A WARC response record with no WARC-Record-ID: its input is named by its offset."""
    page = f"<html><body><h1>{title}</h1><p>{BODY}</p></body></html>".encode()
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/a\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


@pytest.mark.parametrize("blank", [b"", b"\r\n\r\n\r\n"])
def test_a_record_without_an_id_is_named_by_its_offset_in_the_file(
    tmp_path: Path, blank: bytes
) -> None:
    # The blank lines a WARC opens with were counted twice: warcio's offsets already start
    # where it began reading (`#offset=12` for a record at byte 6).
    from newsnorm.flows.engine.formats import expand
    from newsnorm.flows.engine.sources import InputRef

    data = blank + _record_without_id("Harbour") + _record_without_id("Ferry")
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(data)
    uris = [raw.uri for raw in expand(InputRef("crawl.warc", str(archive), len(data)), 10**7)]
    starts = [data.index(b"WARC/1.0"), data.index(b"WARC/1.0", len(blank) + 1)]
    assert uris == [f"crawl.warc#offset={at}" for at in starts]
