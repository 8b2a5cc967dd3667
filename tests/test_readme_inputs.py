"""The README's examples of JSON records, --field, --timezone, explain FILE#item=N and forget
run as printed, on files shaped as the tools write them, and do what the README says."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.cli import EXIT_OK, main
from newsnorm.flows.cli.app import build_parser
from newsnorm.flows.engine.runner import execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.flows.orchestration.parameters import IngestParameters
from newsnorm.warehouse.lake import Warehouse
from tests_support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
HEADING = "### JSON records, dates without a zone, and forgetting"
PARAGRAPHS = (
    "The harbour board voted on Tuesday to keep the night ferry running through the winter.",
    "Passenger counts rose by a third this year, and the last boat often left the pier full.",
    "Councillors asked the operator to publish monthly figures before the next review.",
)


def _examples() -> list[list[str]]:
    section = README.split(HEADING, 1)[1]
    block = re.search(r"```console\n(.*?)```", section, flags=re.DOTALL)
    assert block is not None
    # A comment follows two spaces; a "#" inside a quoted FILE#line=N is part of the name.
    return [shlex.split(line.split("  #")[0]) for line in block[1].splitlines() if line.strip()]


def _inputs(folder: Path) -> None:
    """exports/ with a news-please file and a Scrapy-style array, and a feed whose fields
    need --field; sentences written for this test."""
    exports = folder / "exports"
    exports.mkdir()
    news_please = {
        "authors": ["Ana Ruiz"],
        "date_publish": "2024-03-07 18:30:00",
        "description": "The board keeps the night ferry.",
        "language": "en",
        "maintext": "\n".join(PARAGRAPHS),
        "source_domain": "harbour.example",
        "title": "Night ferry kept for the winter",
        "url": "https://harbour.example/ferry",
    }
    (exports / "ferry.json").write_text(json.dumps(news_please), encoding="utf-8")
    items = [
        {"title": f"Library news {n}", "url": f"https://town.example/{n}", "date": "2024-03-08",
         "body": "\n\n".join(p.replace("ferry", f"library van {n}") for p in PARAGRAPHS)}
        for n in (1, 2)
    ]  # fmt: skip
    (exports / "items.json").write_text(json.dumps(items, indent=2), encoding="utf-8")
    feed = [
        {"headline": f"Bus route {n} changes", "outlet": "Town Courier", "standfirst": "New stops.",
         "body": "\n\n".join(p.replace("night ferry", f"bus route {n}") for p in PARAGRAPHS)}
        for n in (1, 2)
    ]  # fmt: skip
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(x) for x in feed) + "\n")


def test_the_json_examples_run_as_printed(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sql: Callable[..., list[tuple[Any, ...]]],
    warehouse: Warehouse,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _inputs(tmp_path)
    monkeypatch.chdir(tmp_path)

    def run(argv: list[str]) -> None:
        assert argv[0] == "newsnorm"
        command, args = argv[1], argv[2:]
        if command == "ingest":
            # As `newsnorm ingest` would run it, without starting a Prefect server.
            options = vars(build_parser().parse_args(argv[1:]))
            parameters = IngestParameters(
                sources=tuple(options["sources"]),
                fields=dict(options["field"]),
                timezone=options["timezone"],
            )
            parameters.check()
            settings = IngestSettings(
                warehouse=warehouse, fields=parameters.fields, timezone=parameters.timezone
            )
            execute_ingest(list(parameters.sources), settings)
            return
        extra = [] if command == "explain" else ["--warehouse", str(warehouse.root)]
        assert main([command, *args, *extra]) == EXIT_OK

    examples = _examples()
    run(examples[0])
    assert sql("select count(*), count(published_at) from articles") == [(3, 0)]
    run(examples[1])  # --timezone: news-please's date gets its instant, in place
    assert sql(
        "select published_at, published_at_source from articles where url like '%ferry'"
    ) == [(datetime(2024, 3, 7, 17, 30, tzinfo=UTC), "json+timezone:Europe/Berlin")]
    assert sql("select count(*) from article_versions") == [(3,)]
    run(examples[2])  # --field for the new targets
    assert sql(
        "select distinct site, description from articles where source_uri like '%feed.jsonl%'"
    ) == [("Town Courier", "New stops.")]
    run(examples[3])
    assert "Library news 2" in capsys.readouterr().out
    before = sql("select count(*) from articles")
    run(examples[4])  # --dry-run
    assert sql("select count(*) from articles") == before
    run(examples[5])  # one record, purged
    assert sql("select title from articles where source_uri like '%feed.jsonl%'") == [
        ("Bus route 1 changes",)
    ]
    run(examples[6])  # the folder
    assert sql("select title from articles") == [("Bus route 1 changes",)]
    assert sql("select kind, count(*) from runs group by kind order by kind") == [
        ("forget", 2),
        ("ingest", 3),
    ]
