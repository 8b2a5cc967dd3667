"""Identical copies on several sites: one article (article_id hashes the cleaned text), but
each input records where its copy ran, and the story views and CLI count those placements
(docs/stories.md, "Identical copies on several sites"). Pages are invented
(tests_support.wire_page)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.cli import EXIT_OK, main
from newsnorm.warehouse.contract import _FINGERPRINT_PREFIX
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from newsnorm.warehouse.views import VIEWS, view_sql
from tests_support import WIRE_SITES, wire_page, write_wire_copies

Sql = Callable[..., list[tuple[Any, ...]]]
SITE_NAMES = sorted(name for _, name, _ in WIRE_SITES)
# The `stories` view before placements (PIPELINE_VERSION 31): one copy per article.
OLD_STORIES = """
create or replace view stories as
select
    story_id,
    any_value(original_article_id) as original_article_id,
    any_value(original_reason) as original_reason,
    max(title) filter (where is_original) as original_title,
    count(*) as copies,
    count(distinct site) as sites,
    coalesce(
        list(distinct syndicator order by syndicator) filter (where syndicator is not null),
        []
    ) as syndicators,
    count(*) filter (where credits_syndicator) as crediting_copies,
    min(coalesce(published_at, timezone('UTC', published_on::timestamp), ingested_at))
        as first_seen,
    max(coalesce(published_at, timezone('UTC', published_on::timestamp), ingested_at))
        as last_seen
from copies
group by story_id
"""


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == EXIT_OK
    return capsys.readouterr().out


def test_three_sites_running_one_text_are_one_article_and_three_copies(
    tmp_path: Path,
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_wire_copies(tmp_path / "in")
    summary = ingest(tmp_path / "in")
    assert (summary.counts.ingested, summary.counts.duplicate) == (1, 2)
    [(article_id,)] = sql("select article_id from articles")
    placed = sql("select status, site, url, published_at from inputs order by input_uri")
    assert sorted(row[1] for row in placed) == SITE_NAMES
    assert {row[0] for row in placed} == {"ingested", "duplicate"}
    assert all(row[2].endswith("/news/ferry-pier-closure") for row in placed)
    assert all(row[3] is not None for row in placed)
    [(copies, sites, articles)] = sql("select copies, sites, articles from stories")
    assert (copies, sites, articles) == (3, 3, 1)
    assert sql("select count(*), sum(inputs) from copies") == [(1, 3)]
    rows = sql("select site, is_source from placements order by site")
    assert [row[0] for row in rows] == SITE_NAMES
    assert sum(row[1] for row in rows) == 1  # one is the article's own, from `copies`
    # The story's first sighting is its earliest placement's date, whichever input came first.
    [(first_seen,)] = sql("select first_seen from stories")
    assert first_seen.isoformat().startswith(min(date for _, _, date in WIRE_SITES)[:16])

    root = str(warehouse.root)
    out = _cli(capsys, "stories", "--warehouse", root)
    assert out.startswith(f"{article_id}  3 copies on 3 sites")
    text = _cli(capsys, "story", article_id[:8], "--warehouse", root)
    assert text.startswith(f"story {article_id}: 3 copies (1 distinct text)")
    also = [line for line in text.splitlines() if line.startswith("  also ran identical:")]
    [own] = sql("select site from copies")
    others = [name for name in SITE_NAMES if name != own[0]]
    assert sorted(next(n for n in others if n in line) for line in also) == others
    report = json.loads(_cli(capsys, "story", article_id, "--warehouse", root, "--format", "json"))
    [copy] = report["copies"]
    assert sorted(place["site"] for place in copy["also_ran"]) == others


def test_the_same_page_under_two_names_is_one_placement(
    tmp_path: Path, ingest: Callable[..., Any], sql: Sql
) -> None:
    """A page saved twice (two file names, one URL and site) is one copy; a third site's
    copy of it is another."""
    host, name, date = WIRE_SITES[0]
    folder = tmp_path / "in"
    write_wire_copies(folder, WIRE_SITES[:1])
    (folder / "saved-again.html").write_text(wire_page(host, name, date), encoding="utf-8")
    ingest(folder)
    assert sql("select count(*) from inputs") == [(2,)]
    assert sql("select copies, sites from stories") == [(1, 1)]
    write_wire_copies(tmp_path / "more", WIRE_SITES[2:])
    ingest(tmp_path / "more")
    assert sql("select copies, sites from stories") == [(2, 2)]


def _as_before_schema_3(warehouse: Warehouse) -> None:
    """Make the warehouse one an older newsnorm wrote: `raw_inputs` without the placement
    columns (their values gone), no `placements` view, the story views of before, and a
    contract fingerprint this code does not know."""
    old_inputs = view_sql("inputs").replace(
        ",\n    reading_settings,\n    url,\n    site,\n    published_at\nfrom",
        ",\n    reading_settings\nfrom",
    )
    assert old_inputs != view_sql("inputs")
    with open_warehouse(warehouse, read_only=False) as connection:
        connection.execute("drop view placements")
        connection.execute(OLD_STORIES)
        connection.execute(old_inputs)
        for column in ("url", "site", "published_at"):
            connection.execute(f"alter table raw_inputs drop column {column}")
        connection.execute(f"comment on view {VIEWS[-1]} is '{_FINGERPRINT_PREFIX}older'")


def test_an_old_warehouse_opens_queries_and_ingests(
    tmp_path: Path,
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Inputs stored before the placement columns keep their rows (their duplicates simply
    have no placement); the next ingest adds the columns and records new placements."""
    write_wire_copies(tmp_path / "old", WIRE_SITES[:2])
    ingest(tmp_path / "old")
    _as_before_schema_3(warehouse)
    assert sql("select copies, sites from stories") == [(1, 1)]  # the old view, read as is
    root = str(warehouse.root)
    assert _cli(capsys, "stories", "--warehouse", root).startswith("no story has 2 or more")
    [(story_id,)] = sql("select story_id from stories")
    assert _cli(capsys, "story", story_id, "--warehouse", root).startswith(
        f"story {story_id}: 1 copies;"
    )
    write_wire_copies(tmp_path / "new", WIRE_SITES[2:])
    summary = ingest(tmp_path / "new")
    assert summary.counts.duplicate == 1
    assert sql("select count(*) from inputs where url is null and site is null") == [(2,)]
    # The old duplicate (beta) adds nothing; the new one (gamma) is a second placement.
    assert sql("select site from placements order by site") == [("Alpha Daily",), ("Gamma Times",)]
    assert sql("select copies, sites, articles from stories") == [(2, 2, 1)]
    out = _cli(capsys, "story", story_id, "--warehouse", root)
    assert "also ran identical: https://gamma.example/news/ferry-pier-closure" in out


def test_a_page_changed_since_no_longer_places_the_old_text(
    tmp_path: Path, ingest: Callable[..., Any], sql: Sql
) -> None:
    """Beta's page ran the wire text, then a revised text at the same path: beta places
    the revision (another article of the story), no longer the wire text."""
    folder = tmp_path / "in"
    write_wire_copies(folder)
    ingest(folder)
    beta = folder / f"{WIRE_SITES[1][0]}.html"
    beta.write_text(beta.read_text().replace("eighteen months", "twenty months"))
    ingest(folder)
    assert sql("select copies, sites, articles from stories") == [(3, 3, 2)]
    rows = sql("select site, count(*) from placements group by site order by site")
    assert rows == [(name, 1) for name in SITE_NAMES]


def test_forgetting_the_first_site_leaves_the_others_placed(
    tmp_path: Path, ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse
) -> None:
    """The article now runs where its new source input ran, in its own row too: the
    forgotten site is no longer a placement, nor the article's site."""
    from newsnorm.flows.engine.forget import forget

    folder = tmp_path / "in"
    write_wire_copies(folder)
    ingest(folder)
    [(first, site)] = sql("select source_uri, site from articles")
    forget(warehouse, [first])
    rows = sql("select site from placements order by site")
    assert rows == [(name,) for name in SITE_NAMES if name != site]
    [(source, moved_to)] = sql("select source_uri, site from articles")
    [(source_site,)] = sql("select site from inputs where input_uri = ?", source)
    assert moved_to == source_site != site
    assert sql("select copies, sites, articles from stories") == [(2, 2, 1)]


def test_duplicates_place_the_version_reprocess_made_of_their_article(
    tmp_path: Path,
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reprocess re-cleans the article from its source input only; its duplicates, stored
    against the old id, count as placements of the version it made."""
    import newsnorm.flows.engine.processing
    from newsnorm.flows.engine.reprocess import reprocess

    write_wire_copies(tmp_path / "in")
    ingest(tmp_path / "in")
    [(old_id,)] = sql("select article_id from articles")
    real = newsnorm.flows.engine.processing.process_input

    def shorter(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        article = result.article
        return replace(result, article=replace(article, paragraphs=article.paragraphs[:-1]))

    monkeypatch.setattr(newsnorm.flows.engine.processing, "process_input", shorter)
    assert reprocess(warehouse, everything=True).new_versions == 1
    [(new_id,)] = sql("select article_id from articles")
    assert new_id != old_id
    assert sql("select distinct article_id from placements") == [(new_id,)]
    assert sql("select copies, sites, articles from stories") == [(3, 3, 1)]


def test_search_counts_a_storys_copies_as_the_stories_view_does(
    tmp_path: Path,
    ingest: Callable[..., Any],
    sql: Sql,
    warehouse: Warehouse,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One text run on three sites: `search` says 3 copies (3 matching), as `stories.copies`
    counts placements, not the 1 article; a duplicate added later is counted too."""
    from newsnorm.warehouse.search import search
    from newsnorm.warehouse.search_query import SearchFilters

    write_wire_copies(tmp_path / "in")
    ingest(tmp_path / "in")
    [(copies,)] = sql("select copies from stories")
    [hit] = search(warehouse, "ferry pier", 10, SearchFilters(one_per_story=True)).hits
    assert (hit.copies, hit.matching) == (copies, copies) == (3, 3)
    [plain] = search(warehouse, "ferry pier", 10).hits
    assert (plain.copies, plain.matching) == (3, None)
    out = _cli(capsys, "search", "--warehouse", str(warehouse.root), "--one-per-story", "ferry")
    assert "3 copies, 3 matching" in out
    # A site filter tests the article's own placement: that one is known to match, not the
    # copies that ran elsewhere.
    [(own_site,)] = sql("select site from placements where is_source")
    filtered = SearchFilters(site=own_site, one_per_story=True)
    [hit] = search(warehouse, "ferry pier", 10, filtered).hits
    assert (hit.copies, hit.matching) == (3, 1)
    write_wire_copies(tmp_path / "more", (("delta.example", "Delta Post", "2026-03-04T09:00:00Z"),))
    ingest(tmp_path / "more")
    [(copies,)] = sql("select copies from stories")
    [hit] = search(warehouse, "ferry pier", 10, SearchFilters(one_per_story=True)).hits
    assert hit.copies == copies == 4
