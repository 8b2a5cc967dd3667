"""bench/html_date_sources.py: pages are classed by the source that dated them, and a source
dropped on one half of the sites is counted on the other half only."""

from __future__ import annotations

import json
from pathlib import Path

from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.pipeline import process_input
from tests_support import bench_module

sources = bench_module("html_date_sources")
pages = bench_module("accuracy_pages")

_PAGE = b"""<html><head><title>Kiln Hours</title>
<meta property="article:published_time" content="2024-02-11T08:00:00+00:00"></head>
<body><article><h1>Kiln Hours</h1><p>The pottery club fires its kiln on Thursdays, and members
sign up for a shelf a week ahead at the front desk of the studio.</p></article></body></html>"""


def test_the_dump_says_where_the_date_came_from() -> None:
    meta = InputMeta(media_type="text/html", url="https://kilns.example/hours")
    article = process_input(_PAGE, meta, pages._adapters()).article
    fields = pages._fields(article)
    assert (fields["date"], fields["date_source"]) == ("2024-02-11", article.published_at_source)
    assert fields["date_source"] == "meta:article:published_time"
    assert fields["warnings"] == list(article.warnings)


def test_outcomes_and_sources() -> None:
    assert [sources.outcome(gold, given) for gold, given in
            [("2024-01-02", "2024-01-02"), ("2024-01-02", "2024-01-03"), ("2024-01-02", None),
             (None, "2024-01-03"), (None, None)]] == list(sources._OUTCOMES)  # fmt: skip
    update = {"date_source": "headline", "warnings": ["no_author", "date_modified"]}
    assert sources.source_of(update) == "headline+date_modified"
    assert sources.source_of({"date_source": None, "warnings": ["no_date"]}) == "-"


def _row(site: str, source: str, gold: str | None, given: str | None) -> dict[str, object]:
    prediction = {"date": given, "date_source": source, "warnings": []}
    return {"url": f"https://{site}/a", "gold": {"date": gold}, "newsnorm": prediction}


def _dump(tmp_path: Path, rows: list[dict[str, object]]) -> list[tuple[str, str, str]]:
    dump = tmp_path / "accuracy-html.jsonl"
    dump.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return sources.read_rows(dump)  # type: ignore[no-any-return]


def test_a_source_wrong_on_every_site_is_dropped_in_every_draw(tmp_path: Path) -> None:
    # Two sites: each draw fits on one and counts the other.
    sites = ("a.example", "b.example")
    rows = [_row(site, "json-ld", "2024-01-02", "2024-01-02") for site in sites]
    rows += [_row(site, "time", None, "2024-05-06") for site in sites]
    read = _dump(tmp_path, rows)
    assert sorted({(source, result) for _, source, result in read}) == [
        ("json-ld", "right"), ("time", "invented")]  # fmt: skip
    found = sources.held_out(read, draws=5, seed=1)
    assert "json-ld" not in found
    time = found["time"]
    assert (time["dropped"], time["invented"], time["right"]) == (5, 5, 0)


def test_a_source_fitted_on_its_wrong_site_loses_the_other_site_s_right_page(
    tmp_path: Path,
) -> None:
    rows = [_row("a.example", "time", "2024-01-02", "2024-01-02"),
            _row("b.example", "time", "2024-01-02", "2024-03-04")]  # fmt: skip
    found = sources.held_out(_dump(tmp_path, rows), draws=12, seed=3)
    # Dropped only in the draws fitted on b.example; then a.example's right page is lost.
    assert 0 < found["time"]["dropped"] < 12
    assert found["time"]["right"] == found["time"]["dropped"]
    assert found["time"]["wrong"] == 0
