"""Reading settings (`--field`, `--timezone`) are part of an input's identity: the same bytes
read with other settings are a new input version, the manifest vouches only for the settings
it names, reprocess and show read an input with the settings it was ingested with, and each
run records its sources and settings."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.cli import main
from newsnorm.flows.engine.reprocess import reprocess
from newsnorm.transforms.adapters.generic import GenericAdapter
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.views import view_sql

Sql = Callable[..., list[tuple[Any, ...]]]
PARAGRAPHS = (
    "The county board approved the road budget on Monday after a long and heated debate.",
    "Repairs on the river bridge start in May and should end before the autumn rains.",
    "The library will also open on Sundays from next month, the board decided.",
)


def _feed(path: Path) -> Path:
    """A scraper's export whose title is in `headline_text`, a name no default knows; its
    `name` field (a default title name) holds the section."""
    record = {
        "name": "Local news",
        "headline_text": "Road budget approved",
        "body": "\n\n".join(PARAGRAPHS),
        "date": "2024-05-03 18:00:00",
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def _text(path: Path) -> Path:
    path.write_text("Budget vote on Monday\n\n" + "\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    return path


def test_a_new_field_mapping_stores_the_corrected_article(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    feed = _feed(folder / "feed.jsonl")
    _text(folder / "note.txt")
    first = ingest(folder)
    assert first.counts.ingested == 2
    assert sql("select title from articles where source_uri like '%#line=1'") == [("Local news",)]
    # Corrected: the file is read again (the manifest vouched for the old settings only);
    # the JSON record is a new input version, the text file is known as it was.
    fixed = ingest(folder, fields={"title": "headline_text"})
    assert (fixed.counts.ingested, fixed.counts.unchanged) == (1, 1)
    assert sql("select title from articles where source_uri = ?", f"{feed.as_uri()}#line=1") == [
        ("Road budget approved",)
    ]
    assert sql("select count(*) from article_versions") == [(3,)]  # the old reading is kept
    assert sql(
        "select reading_settings from inputs where input_uri like '%#line=1' order by first_seen_at"
    ) == [(None,), ('{"fields":{"title":"headline_text"}}',)]
    # The same settings again: the manifest vouches, nothing is read.
    again = ingest(folder, fields={"title": "headline_text"})
    assert (again.counts.unchanged, again.counts.ingested) == (2, 0)
    # The defaults again: read, and every input is known under them.
    back = ingest(folder)
    assert (back.counts.unchanged, back.counts.ingested) == (2, 0)
    assert sql("select count(*) from manifest") == [(2,)]
    assert sql("select reading_settings from manifest where file_uri = ?", feed.as_uri()) == [
        (None,)
    ]


def test_a_timezone_corrects_the_same_article_in_place(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    export = tmp_path / "post.json"
    record = {
        "title": "Road budget approved",
        "body": "\n\n".join((*PARAGRAPHS, "Sign up for our newsletter")),
        "date_publish": "2024-05-03 18:00:00",
    }
    export.write_text(json.dumps(record), encoding="utf-8")
    ingest(export)
    [(article_id, published_at)] = sql("select article_id, published_at from articles")
    assert published_at is None
    cuts = sql("select rule, text, input_sha256 from boilerplate")
    assert cuts  # the newsletter line was cut
    zoned = ingest(export, timezone="Europe/Berlin")
    assert zoned.counts.ingested == 1
    # Title and body are the same, so is the id: its row is replaced, not duplicated.
    assert sql("select article_id, published_at, published_at_source from article_versions") == [
        (article_id, datetime(2024, 5, 3, 16, 0, tzinfo=UTC), "json+timezone:Europe/Berlin")
    ]
    assert sql("select rule, text, input_sha256 from boilerplate") == cuts
    assert sql("select status, article_id from inputs order by first_seen_at") == [
        ("ingested", article_id),
        ("ingested", article_id),
    ]
    assert sql("select inputs from copies") == [(1,)]  # one input, read twice


def test_reprocess_reads_each_input_with_its_recorded_settings(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    feed = _feed(tmp_path / "feed.jsonl")
    ingest(feed, fields={"title": "headline_text"}, timezone="Europe/Berlin")
    [(article_id,)] = sql("select article_id from articles")
    monkeypatch.setattr(GenericAdapter, "version", GenericAdapter.version + 1)
    outcome = reprocess(warehouse)
    assert (outcome.stale, outcome.replaced, outcome.new_versions) == (1, 1, 0)
    assert sql("select article_id, title, published_at from articles") == [
        (article_id, "Road budget approved", datetime(2024, 5, 3, 16, 0, tzinfo=UTC))
    ]
    assert sql(
        "select distinct reading_settings from inputs where run_id in "
        "(select run_id from runs where kind = 'reprocess')"
    ) == [('{"fields":{"title":"headline_text"},"timezone":"Europe/Berlin"}',)]


def test_show_rereads_with_the_recorded_settings(
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ingest(_feed(tmp_path / "feed.jsonl"), fields={"title": "headline_text"})
    [(article_id,)] = sql("select article_id from articles")
    page = tmp_path / "show.html"
    assert main(["show", article_id, "--warehouse", str(warehouse.root), "--html", str(page)]) == 0
    # The page shows the input re-read as it was ingested: its title line is the mapped
    # field's, and the default title field's value is nowhere.
    shown = page.read_text(encoding="utf-8")
    assert "Road budget approved" in shown
    assert "Local news" not in shown


def test_runs_record_their_sources_and_settings(
    ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse, tmp_path: Path, capsys: Any
) -> None:
    feed = _feed(tmp_path / "feed.jsonl")
    ingest(str(feed), fields={"title": "headline_text"}, timezone="Europe/Berlin", max_bytes=10_000)
    [(sources, settings, kind)] = sql("select sources, settings, kind from runs")
    assert (sources, kind) == ([str(feed)], "ingest")
    recorded = json.loads(settings)
    assert recorded["fields"] == {"title": "headline_text"}
    assert (recorded["timezone"], recorded["max_bytes"]) == ("Europe/Berlin", 10_000)
    assert main(["status", "--warehouse", str(warehouse.root)]) == 0
    header = capsys.readouterr().out.split("last runs:\n", 1)[1].splitlines()[0]
    assert header.split()[:3] == ["run_id", "kind", "status"]


def test_a_bad_time_zone_answers_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["ingest", "in", "--timezone", "Mars/Olympus"])
    assert stopped.value.code == 2
    assert "unknown time zone 'Mars/Olympus'" in capsys.readouterr().err


def test_show_reads_a_warehouse_no_writer_of_this_version_opened(
    ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse, tmp_path: Path
) -> None:
    ingest(_feed(tmp_path / "feed.jsonl"))
    [(article_id,)] = sql("select article_id from articles")
    placement = ",\n    reading_settings,\n    url,\n    site,\n    published_at\nfrom"
    old_view = view_sql("inputs").replace(placement, "\nfrom")
    assert old_view != view_sql("inputs")  # the columns since inputs schema 2 are gone
    old_view = old_view.replace(", reading_settings order by", " order by")
    with open_warehouse(warehouse, read_only=False) as connection:
        connection.execute(old_view)  # the view as an older newsnorm made it
    assert main(["show", article_id, "--warehouse", str(warehouse.root)]) == 0


def test_rejects_count_an_input_once_by_its_latest_verdict(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    """Read again with other settings, a malformed line is one reject (the latest run's),
    and a record the new mapping made an article is none; `inputs` keeps both readings."""
    feed = tmp_path / "feed.jsonl"
    record = {"headline": "Road budget approved", "story_text": "\n\n".join(PARAGRAPHS)}
    feed.write_text('{"headline": broken\n' + json.dumps(record) + "\n", encoding="utf-8")
    first = ingest(feed)
    assert first.counts.rejected == 2
    fixed = ingest(feed, fields={"body": "story_text"})
    assert (fixed.counts.rejected, fixed.counts.ingested) == (1, 1)
    assert sql("select count(*) from inputs where status = 'rejected'") == [(3,)]
    assert sql("select input_uri, reason_code, run_id from rejects") == [
        (f"{feed.as_uri()}#line=1", "invalid_json", fixed.run_id)
    ]
