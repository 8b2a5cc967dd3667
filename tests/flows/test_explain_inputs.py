"""`newsnorm explain` reads every kind of input as ingest does, and shows what ingest stores."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.cli import EXIT_ERROR, EXIT_OK, main
from tests_support import ROOT, write_warc

PAGE = (ROOT / "tests" / "fixtures" / "article_page.html").read_bytes()
Sql = Callable[..., list[tuple[Any, ...]]]


def _explain(reference: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["explain", "--format", "json", reference]) == EXIT_OK
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return report


def _stored(sql: Sql, uri: str) -> tuple[str, int]:
    ((title, paragraphs),) = sql(
        "select title, len(paragraphs) from articles where source_uri = ?", uri
    )
    return title, paragraphs


def _other_page() -> bytes:
    body = " ".join(
        f"The harbour board met for the {n}th time this year to discuss the ferry timetable."
        for n in range(4, 9)
    )
    return (
        "<!doctype html><html><head><title>Ferry Timetable Changes Again</title></head>"
        f"<body><article><h1>Ferry Timetable Changes Again</h1><p>{body}</p>"
        f"<p>{body}</p></article></body></html>"
    ).encode()


@pytest.mark.parametrize("name", ["page.html", "page.html.gz"])
def test_explain_an_html_page_as_ingest_stores_it(
    name: str,
    tmp_path: Path,
    ingest: Callable[..., Any],
    sql: Sql,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(PAGE) if name.endswith(".gz") else PAGE)
    report = _explain(str(path), capsys)
    ingest(path)
    assert report["kind"] == "html"
    assert not report["title"].lower().startswith("<!doctype")
    assert (report["title"], len(report["paragraphs"])) == _stored(sql, path.as_uri())


def test_explain_a_warc_record_first_by_default_or_by_id(
    tmp_path: Path, ingest: Callable[..., Any], sql: Sql, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "crawl.warc.gz"
    records = [
        ("resource", "text/plain", b"a crawl log line"),
        ("response", "text/html", PAGE),
        ("response", "text/html", _other_page()),
    ]
    write_warc(archive, records, gzipped=True)
    ingest(archive)
    stored = {uri: (title, n) for uri, title, n in sql(
        "select source_uri, title, len(paragraphs) from articles order by title"
    )}  # fmt: skip
    assert len(stored) == 2

    first = _explain(str(archive), capsys)
    assert first["kind"] == "html"
    assert (first["title"], len(first["paragraphs"])) == stored[first["input"]]
    assert len(first["other_inputs"]) == 1  # the other page
    assert len(first["skipped_records"]) == 1  # the resource record, as ingest counts it
    second_uri = next(uri for uri in stored if uri != first["input"])
    second = _explain(second_uri, capsys)
    assert second["input"] == second_uri
    assert (second["title"], len(second["paragraphs"])) == stored[second_uri]


def test_explain_a_json_line(
    tmp_path: Path, ingest: Callable[..., Any], sql: Sql, capsys: pytest.CaptureFixture[str]
) -> None:
    body = " ".join(f"Paragraph {n} says the library extends its opening hours." for n in range(6))
    lines = [
        {"title": "Library Opens Later", "body": f"{body}\n\n{body}", "url": "https://a.example/1"},
        {"headline": "Pool Reopens", "text": f"{body}\n\n{body}\n\n{body}"},
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    ingest(feed)
    report = _explain(f"{feed}#line=2", capsys)
    assert report["kind"] == "json"
    assert report["title"] == "Pool Reopens"
    assert (report["title"], len(report["paragraphs"])) == _stored(sql, f"{feed.as_uri()}#line=2")
    assert report["other_inputs"] == ["line=1"]


def test_explain_names_the_inputs_when_the_reference_matches_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"title": "A", "body": "B"}\n', encoding="utf-8")
    assert main(["explain", f"{feed}#line=7"]) == EXIT_ERROR
    assert "no input #line=7" in capsys.readouterr().err


def test_explain_on_a_folder_says_it_is_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # It said "not a regular file (FIFO, socket or device)" of a plain folder.
    assert main(["explain", str(tmp_path)]) == EXIT_ERROR
    assert "not a regular file: a folder" in capsys.readouterr().err


def _crawl_with_other_records(path: Path, *, with_story: bool = True) -> None:
    """A crawler's WARC: warcinfo, a request, the page's response (unless not `with_story`),
    a 404 response (HTML) and a metadata record, as warcio writes them."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        records = [writer.create_warcinfo_record("crawl.warc", {"software": "invented"})]
        request = StatusAndHeaders("GET /story HTTP/1.1", [("Host", "news.example")])
        records.append(
            writer.create_warc_record(
                "https://news.example/story", "request", payload=io.BytesIO(b""),
                http_headers=request,
            )
        )  # fmt: skip
        responses = (("200 OK", PAGE), ("404 Not Found", b"<html>gone</html>"))
        for status, page in responses[0 if with_story else 1 :]:
            http = StatusAndHeaders(status, [("Content-Type", "text/html")], "HTTP/1.1")
            records.append(
                writer.create_warc_record(
                    "https://news.example/story", "response", payload=io.BytesIO(page),
                    http_headers=http,
                )
            )  # fmt: skip
        records.append(
            writer.create_warc_record(
                "https://news.example/story", "metadata", payload=io.BytesIO(b"via: crawl"),
                warc_content_type="application/warc-fields",
            )
        )  # fmt: skip
        for record in records:
            writer.write_record(record)
            record.raw_stream.close()  # warcio spools the payload to a temporary file


def test_explain_words_and_counts_a_warc_as_ingest_stores_it(
    tmp_path: Path, ingest: Callable[..., Any], sql: Sql, capsys: pytest.CaptureFixture[str]
) -> None:
    """One vocabulary: what explain says of each record is what ingest stores or counts."""
    archive = tmp_path / "crawl.warc"
    _crawl_with_other_records(archive)
    summary = ingest(archive)
    stored = dict(sql("select input_uri, status from inputs"))
    reasons = dict(sql("select input_uri, reason from inputs"))
    first = _explain(str(archive), capsys)
    assert stored[first["input"]] == "ingested"
    assert first["title"]
    # The inputs ingest reads (and counts as seen) besides this one: none; the records it
    # counts as skipped: the warcinfo, the request, the 404 and the metadata record.
    assert first["other_inputs"] == []
    assert len(first["skipped_records"]) == summary.counts.skipped == 4
    verdicts = {}
    for record in first["skipped_records"]:
        report = _explain(f"{archive.as_uri()}#{record}", capsys)
        assert report["rejected"] is None
        verdicts[report["input"]] = report["skipped"]
    [(gone, reason)] = [(uri, why) for uri, why in reasons.items() if stored[uri] == "skipped"]
    assert verdicts.pop(gone) == reason  # listed in inputs as skipped, with its status
    assert sorted(stored) == sorted([first["input"], gone])  # the others are only counted
    assert all(why and why.startswith("not an article page") for why in verdicts.values())
    assert main(["explain", f"{archive.as_uri()}#{first['skipped_records'][0]}"]) == EXIT_OK
    assert "skipped     not an article page" in capsys.readouterr().out


def test_explain_on_a_warc_whose_records_ingest_all_skips_says_so(
    tmp_path: Path, ingest: Callable[..., Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """No record to read (warcinfo, request, a 404, metadata): ingest counts 4 skipped, and
    explain says that, naming them, rather than that the file holds nothing."""
    archive = tmp_path / "crawl.warc"
    _crawl_with_other_records(archive, with_story=False)
    assert ingest(archive).counts.skipped == 4
    assert main(["explain", str(archive)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "that ingest reads: it skips all 4 of its records (urn:uuid:" in err
