"""Security: sources stay inside their folders; parsing never resolves entities or fetches.

(`newsnorm query` refusing writes is tested in test_cli.py and test_warehouse.py.)
"""

from __future__ import annotations

import io
import json
import os
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from lxml import etree
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsnorm.flows.engine.query import QueryError, run_query
from newsnorm.flows.engine.sources import SYMLINK_OUTSIDE, iter_inputs
from newsnorm.warehouse.lake import Warehouse
from tests_support import ROOT

Sql = Callable[..., list[tuple[Any, ...]]]
Ingest = Callable[..., Any]
PAGE = (ROOT / "tests" / "fixtures" / "article_page.html").read_text(encoding="utf-8")
BODY = (
    "The county board approved the new budget on Monday after a long debate about road "
    "repairs, school funding and the future of the public library system downtown."
)
SECRET = "SECRET-MARKER-7f3a9c"


def _article(title: str) -> str:
    return f"{title}\n\nBy Jane Doe\n\n{BODY}\n\nA second paragraph follows here.\n"


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """`root` (the source folder, with one good article) and `outside` (a folder beside it
    holding an article that must never be read through a link)."""
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "good.txt").write_text(_article("Good Story Inside The Root"), encoding="utf-8")
    (outside / "private.txt").write_text(_article("Private Story Outside"), encoding="utf-8")
    return root, outside


def _names(refs: Iterator[Any], root: Path) -> list[str]:
    return [os.path.relpath(ref.path or ref.uri.removeprefix("file://"), root) for ref in refs]


# --- symbolic links -----------------------------------------------------------------


def test_links_out_of_the_root_are_recorded_as_rejected_never_read(
    ingest: Ingest, sql: Sql, layout: tuple[Path, Path], tmp_path: Path
) -> None:
    root, outside = layout
    os.symlink(outside / "private.txt", root / "to-file.txt")
    os.symlink(outside, root / "to-folder")
    os.symlink(tmp_path, root / "to-parent")  # an ancestor: also a loop if followed
    os.symlink(outside / "gone.txt", root / "dangling.txt")
    (outside / "archive.warc").write_bytes(b"WARC/1.0\r\n")
    os.symlink(outside / "archive.warc", root / "archive.warc")  # not even opened
    # A source named on the command line is what the user asked for: it is followed.
    os.symlink(outside / "private.txt", tmp_path / "named.txt")
    summary = ingest(root, tmp_path / "named.txt")
    assert (summary.counts.ingested, summary.counts.rejected) == (2, 5)
    rows = sql("select input_uri, reason_code, reason, input_sha256 from rejects")
    rejected = {uri.rsplit("/", 1)[1]: (code, reason, sha) for uri, code, reason, sha in rows}
    assert set(rejected) == {
        "to-file.txt",
        "to-folder",
        "to-parent",
        "dangling.txt",
        "archive.warc",
    }
    for code, reason, sha in rejected.values():
        assert (code, sha) == (SYMLINK_OUTSIDE, None)
        assert "outside the source folder" in reason
        assert "--follow-symlinks" in reason
    assert str(outside / "private.txt") in rejected["to-file.txt"][1]
    rows = sql("select a.title, i.input_uri from articles a join inputs i using (article_id)")
    assert sorted((title, uri.rsplit("/", 1)[1]) for title, uri in rows) == [
        ("Good Story Inside The Root", "good.txt"),
        ("Private Story Outside", "named.txt"),
    ]


def test_links_inside_the_root_are_read_once(
    ingest: Ingest, sql: Sql, layout: tuple[Path, Path]
) -> None:
    root, _ = layout
    (root / "sub").mkdir()
    (root / "sub" / "story.txt").write_text(_article("Story In A Subfolder"), encoding="utf-8")
    os.symlink("sub/story.txt", root / "alias.txt")
    os.symlink("sub", root / "alias-folder")  # walked at its real place, not twice
    os.symlink(".", root / "sub" / "self")
    summary = ingest(root)
    counts = summary.counts
    assert (counts.ingested, counts.duplicate, counts.rejected) == (2, 1, 0)
    rows = sql("select input_uri, status from inputs")
    statuses = {os.path.relpath(uri.removeprefix("file://"), root): s for uri, s in rows}
    assert statuses == {
        "alias.txt": "ingested",  # name order: the link comes first
        "good.txt": "ingested",
        "sub/story.txt": "duplicate",
    }


def test_follow_symlinks_reads_out_of_the_root_and_walks_each_folder_once(
    layout: tuple[Path, Path], tmp_path: Path
) -> None:
    root, outside = layout
    os.symlink(outside / "private.txt", root / "to-file.txt")
    os.symlink(outside, root / "to-folder")
    os.symlink(tmp_path, root / "to-parent")  # loops back to root and outside
    refused = list(iter_inputs([str(root)]))
    assert sorted(ref.refused[0] for ref in refused if ref.refused) == [SYMLINK_OUTSIDE] * 3
    assert all(ref.path == "" for ref in refused if ref.refused)
    followed = list(iter_inputs([str(root)], follow_symlinks=True))
    assert not any(ref.refused for ref in followed)
    real = sorted(os.path.realpath(ref.path) for ref in followed)
    # Every real folder once: `root` and `outside` are reached again through to-parent.
    assert real == sorted(
        [str(root / "good.txt"), str(outside / "private.txt"), str(outside / "private.txt")]
    )
    assert _names(iter(followed), root) == ["good.txt", "to-file.txt", "to-folder/private.txt"]


def test_ingest_follows_links_out_only_when_asked(
    ingest: Ingest, sql: Sql, layout: tuple[Path, Path], tmp_path: Path
) -> None:
    root, outside = layout
    os.symlink(outside / "private.txt", root / "to-file.txt")
    ingest(root)
    assert sql("select reason_code from rejects") == [(SYMLINK_OUTSIDE,)]
    assert sql("select title from articles") == [("Good Story Inside The Root",)]
    ingest(root, follow_symlinks=True)  # --follow-symlinks
    titles = sql("select title from articles order by title")
    assert titles == [("Good Story Inside The Root",), ("Private Story Outside",)]


# --- external entities and network -----------------------------------------------------


class _Recorder(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Recorder.requests.append(self.path)
        body = f"<!ENTITY leak '{SECRET}-HTTP'>".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def http_url() -> Iterator[str]:
    """A local HTTP server that records any request (libxml2 fetches in C, past Python)."""
    _Recorder.requests = []
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/dtd"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def no_python_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Any Python-level connection attempt is recorded and refused."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network access during ingest")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def _hostile_page(secret_file: Path, http_url: str) -> str:
    """The article page with a DTD declaring file and http external entities, used in
    its title and body, plus an XInclude and remote resources."""
    doctype = (
        "<!DOCTYPE html [\n"
        f'  <!ENTITY xxe SYSTEM "file://{secret_file}">\n'
        '  <!ENTITY passwd SYSTEM "file:///etc/passwd">\n'
        f'  <!ENTITY remote SYSTEM "{http_url}?entity">\n'
        f'  <!ENTITY % dtd SYSTEM "{http_url}?parameter"> %dtd;\n'
        "]>"
    )
    page = PAGE.replace("<!DOCTYPE html>", doctype, 1)
    page = page.replace(
        "<title>City Council", "<title>&xxe; &passwd; &remote; &leak; City Council", 1
    )
    extra = (
        "<p>Residents said &xxe; and &passwd; and &remote; about the bridge repair plan "
        "and the long debate that came before the vote on Thursday night.</p>"
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://{secret_file}"/>'
        f'<img src="{http_url}?img"><iframe src="{http_url}?iframe"></iframe>'
        f'<link rel="stylesheet" href="{http_url}?css">'
    )
    return page.replace("</article>", extra + "</article>", 1)


def _stored_text(sql: Sql) -> str:
    rows = sql("select title, body, coalesce(byline, '') from articles")
    rows += sql("select text, '', '' from boilerplate")
    return "\n".join(" ".join(map(str, row)) for row in rows)


def test_the_payload_would_leak_through_a_resolving_parser(tmp_path: Path) -> None:
    """Guard for the tests below: their payload is live, so their silence means something."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    xml = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]><x>&xxe;</x>'
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=True)
    assert SECRET in etree.tostring(etree.fromstring(xml.encode(), parser)).decode()


def test_pages_warc_records_and_json_html_never_resolve_entities_or_fetch(
    ingest: Ingest,
    sql: Sql,
    tmp_path: Path,
    http_url: str,
    no_python_network: list[object],
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    page = _hostile_page(secret, http_url)
    variants = [
        page.replace("Harbor Bridge Repairs", f"Harbor Bridge Repairs {word}")
        for word in ("Page", "Xhtml", "Warc", "Json")
    ]
    (folder / "hostile.html").write_text(variants[0], encoding="utf-8")
    xhtml = variants[1].replace("<html ", '<html xmlns="http://www.w3.org/1999/xhtml" ', 1)
    (folder / "hostile.xhtml").write_text('<?xml version="1.0"?>\n' + xhtml, encoding="utf-8")
    with (folder / "crawl.warc").open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            "https://news.example/bridge",
            "response",
            payload=io.BytesIO(variants[2].encode("utf-8")),
            http_headers=headers,
        )
        writer.write_record(record)
        record.raw_stream.close()
    (folder / "feed.jsonl").write_text(json.dumps({"html": variants[3]}) + "\n", encoding="utf-8")
    summary = ingest(folder)
    assert (summary.counts.ingested, summary.counts.rejected) == (4, 0)
    stored = _stored_text(sql)
    for word in ("Page", "Xhtml", "Warc", "Json"):  # each was read and stored
        assert f"Harbor Bridge Repairs {word}" in stored
    assert "Residents said" in stored  # the paragraph using the entities is kept
    assert SECRET not in stored
    assert "root:" not in stored
    assert (_Recorder.requests, no_python_network) == ([], [])


# --- `newsnorm query` ---------------------------------------------------------------


def test_query_cannot_reattach_the_catalog_read_write(
    ingest: Ingest, sql: Sql, warehouse: Warehouse, layout: tuple[Path, Path]
) -> None:
    root, _ = layout
    ingest(root)
    attack = (
        "use memory; detach newsnorm; "
        f"attach 'ducklake:{warehouse.catalog}' as w (data_path '{warehouse.data_path}'); "
        "delete from w.raw_articles; select 1"
    )
    # In a child process: the attack would also break this process's shared connection.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "newsnorm.flows.cli",
            "query",
            "--warehouse",
            str(warehouse.root),
            attack,
        ],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert sql("select count(*) from articles") == [(1,)]


@pytest.mark.parametrize(
    ("statement", "refusal"),
    [
        ("select 1; select 2", "one SELECT statement at a time; got 2"),
        (
            "copy (select * from articles) to '/tmp/newsnorm-leak.csv'",
            "read-only: a COPY statement is refused",
        ),
        ("detach newsnorm", "DETACH statement is refused"),
        ("attach ':memory:' as other", "read-only: an ATTACH statement is refused"),
        ("create table notes as select 1", "CREATE statement is refused"),
    ],
)
def test_query_runs_one_select_only(
    ingest: Ingest, warehouse: Warehouse, layout: tuple[Path, Path], statement: str, refusal: str
) -> None:
    root, _ = layout
    ingest(root)
    with pytest.raises(QueryError, match=re.escape(refusal)), run_query(warehouse, statement):
        pass
    with run_query(warehouse, "explain select count(*) from articles") as result:
        assert list(result.chunks)


def test_a_filesystem_reporting_no_inode_keeps_its_files_apart(tmp_path: Path) -> None:
    """Some SMB, FUSE or Windows mounts report inode 0 for every file: read as an identity,
    every file after the first of a run with two sources was dropped, with no row."""
    from newsnorm.flows.engine.sources import file_ref

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("one\n")
    second.write_text("two\n")
    real = os.stat

    def no_inode(path: object, *args: object, **kwargs: object) -> os.stat_result:
        found = real(path, *args, **kwargs)  # type: ignore[arg-type]
        fields = list(found)
        fields[1] = 0  # st_ino
        return os.stat_result(fields)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "stat", no_inode)
        refs = [file_ref(str(first)), file_ref(str(second))]
    assert [ref.identity for ref in refs] == [None, None]
    assert len({ref.uri for ref in refs}) == 2
