"""Rows the workers build as Arrow (flows/engine/prebuilt.py): the same tables as rows built
in the run's process, in the chunk's order, with an article left pickled until something
reads it, and rebuilt here when this process changed the article (a learned line cut)."""

from __future__ import annotations

import pickle
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsnorm.flows.engine import batch, workers
from newsnorm.flows.engine.learning import _cut
from newsnorm.flows.engine.prebuilt import (
    ArticleRow,
    Prebuilt,
    article_table,
    build_group,
    facts_made,
    prebuilt_ref,
    removal_table,
)
from newsnorm.flows.engine.processing import BatchSettings, process_here
from newsnorm.flows.engine.reading import RawInput
from newsnorm.flows.engine.routing import Read, Rows, route
from newsnorm.flows.engine.rows import RunStamp, article_row, boilerplate_rows
from newsnorm.flows.engine.runner import execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.flows.engine.taught import TaughtLines, article_lines
from newsnorm.schemas.tables import ALL_TABLES, ARTICLES, BOILERPLATE
from newsnorm.schemas.validate import SchemaError, table_of, to_table
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.learned import RULE, LearnedLine
from newsnorm.transforms.pipeline import Processed
from newsnorm.transforms.records import Article, Removal
from newsnorm.warehouse.lake import Warehouse, open_warehouse, physical_table
from tests_support import GOLDEN, golden_inputs, write_site_stories

SETTINGS = BatchSettings(max_bytes=10_000_000)
STAMP = RunStamp("run-prebuilt", datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC))


def _raws() -> list[RawInput]:
    blobs = [path.read_bytes() for path in sorted(GOLDEN.rglob("*.txt"))]
    blobs.insert(3, b"")  # a rejection among the articles: indices in a group skip it
    return golden_inputs(lambda n: f"file:///in/{n}.txt", blobs)


def _as_workers_give(raws: list[RawInput]) -> list[Processed | DocumentRejected]:
    items = [(raw, SETTINGS, None, False) for raw in raws]
    groups = [
        items[at : at + workers.SEND_AT_ONCE] for at in range(0, len(items), workers.SEND_AT_ONCE)
    ]
    return list(workers._as_results(iter(map(workers._work_group, groups)), None, None))


def _routed(raws: list[RawInput], results: list[Processed | DocumentRejected]) -> Rows:
    rows, stored, seen = Rows(), {}, set()  # type: ignore[var-annotated]
    for raw, result in zip(raws, results, strict=True):
        read = Read(raw, None)
        route(read, result, STAMP, stored, seen, rows)
        seen.add(read.content)
    return rows


def _tables_built_here(raws: list[RawInput], results: list[Processed | DocumentRejected]):  # type: ignore[no-untyped-def]
    pairs = [(raw, r) for raw, r in zip(raws, results, strict=True) if isinstance(r, Processed)]
    articles = to_table([article_row(r.article, raw, STAMP) for raw, r in pairs], ARTICLES)
    removals = [row for raw, r in pairs for row in boilerplate_rows(r.article, raw, STAMP)]
    return articles, to_table(removals, BOILERPLATE)


def test_prebuilt_rows_are_the_rows_built_here(in_workers: None) -> None:
    raws = _raws()
    pooled = _as_workers_give(raws)
    assert len(pooled) > workers.SEND_AT_ONCE  # more than one group
    assert all(prebuilt_ref(r) is not None for r in pooled if isinstance(r, Processed))
    rows = _routed(raws, pooled)
    assert rows.articles
    assert all(isinstance(row, ArticleRow) for row in rows.articles)
    articles, removals = _tables_built_here(
        raws, list(process_here(raws, load_adapters(), SETTINGS))
    )
    assert article_table(rows.articles, STAMP).equals(articles)
    assert removal_table(rows.boilerplate, STAMP).equals(removals)
    assert len(removals) > len(articles)


def test_a_routed_article_stays_pickled(in_workers: None) -> None:
    raws = _raws()
    pooled = _as_workers_give(raws)
    _routed(raws, pooled)
    made = [result for result in pooled if isinstance(result, Prebuilt)]
    assert made
    assert all(result._read is None for result in made)
    here = [r for r in process_here(raws, load_adapters(), SETTINGS) if isinstance(r, Processed)]
    assert made == here  # read when asked, equal to what this process makes
    copy = pickle.loads(pickle.dumps(made[0]))
    assert type(copy) is Processed
    assert copy == here[0]


def test_rows_built_here_and_prebuilt_keep_the_chunk_order(in_workers: None) -> None:
    """Every other article changed here (as a learned cut makes a new `Processed`): its rows
    are built here, between prebuilt ones, and the tables keep the chunk's order."""
    raws = _raws()
    pooled = _as_workers_give(raws)
    mixed = [
        Processed(r.article, r.encoding, r.text) if isinstance(r, Processed) and n % 2 else r
        for n, r in enumerate(pooled)
    ]
    rows = _routed(raws, mixed)
    kinds = {type(row) for row in rows.articles}
    assert kinds == {ArticleRow, dict}
    articles, removals = _tables_built_here(raws, pooled)
    assert article_table(rows.articles, STAMP).equals(articles)
    assert removal_table(rows.boilerplate, STAMP).equals(removals)


def test_a_learned_cut_drops_the_prebuilt_rows(in_workers: None) -> None:
    raws = _raws()
    pooled = _as_workers_give(raws)
    result = next(r for r in pooled if isinstance(r, Prebuilt) and len(r.article.paragraphs) > 3)
    line = result.article.paragraphs[1]
    assert _cut(result, {"unseen line": LearnedLine("site.example", "unseen line", 9, 9)}) is result
    cut = _cut(result, {line: LearnedLine("site.example", line, 9, 9)})
    assert prebuilt_ref(cut) is None
    assert line not in cut.article.paragraphs
    raw = raws[pooled.index(result)]
    rows = _routed([raw], [cut])
    assert rows.articles == [article_row(cut.article, raw, STAMP)]
    written = removal_table(rows.boilerplate, STAMP).to_pylist()
    assert [row["evidence"] is not None for row in written if row["rule"] == RULE] == [True]


def test_an_adapters_removal_named_as_learned_lines_keeps_its_lines_only_cut() -> None:
    """A worker's article with a removal under the learned lines' rule name (an adapter may
    name its own rule so) is held as `add` holds the article itself: its lines only cut are
    kept apart, where learning asks for their earlier stories."""
    plug = "The Marsh Lane Cooperative prints this paper on Tuesdays and Fridays."
    opening = "The harbour ferry will run at night from May, the council said."
    text = f"Ferry runs late\n\n{opening}\n\n{plug}"
    start = text.index(plug)
    article = Article(
        "Ferry runs late",
        (opening,),
        "plugin",
        1,
        removals=(Removal(RULE, "footer", "removed", start, len(text), plug),),
    )
    result = Processed(article, "utf-8", text)
    lines = article_lines(article)
    assert lines is not None
    assert plug in lines
    facts = facts_made(result, lines)
    assert facts.learned_rule
    held = {}
    for made in (result, Prebuilt(pickle.dumps(result), facts, None)):
        taught = TaughtLines()
        taught.offer(made if isinstance(made, Prebuilt) else made.article, lines)
        taught.add_result(made)
        cut: dict[str, frozenset[str]] = {}
        held[type(made).__name__] = (taught.take([article.article_id], cut), cut)
        taught.close()
    assert held["Prebuilt"] == held["Processed"]
    assert held["Prebuilt"][1] == {article.article_id: frozenset({plug})}


def test_rows_that_do_not_fit_are_built_and_refused_here(in_workers: None) -> None:
    raws = _raws()
    [result, *_] = [
        r for r in process_here(raws, load_adapters(), SETTINGS) if r.__class__ is Processed
    ]
    odd = replace(result.article, adapter_version=2**40)  # past the column's int32
    assert build_group([odd]) is None
    rows = _routed(raws[:1], [Processed(odd, result.encoding, result.text)])
    with pytest.raises(SchemaError):
        article_table(rows.articles, STAMP)


WORDS = ("harbour", "council", "ferry", "budget", "storm", "library", "market", "nurse")
PLUG = "Quayside Courier is printed on Tuesdays by the Marsh Lane Cooperative since 1907."


def _stories(folder: Path, names: range, plug: str | None) -> None:
    write_site_stories(folder, names, plug, WORDS)


def _raw_tables(warehouse: Warehouse) -> dict[str, list[str]]:
    """Every raw table's rows, sorted, without run ids, clock times and mtimes."""
    tables = {}
    with open_warehouse(warehouse, read_only=True) as connection:
        for schema in ALL_TABLES:
            table = physical_table(table_of(schema))
            kept = [
                name
                for name in schema.names
                if not name.endswith(("_at", "run_id")) and name != "mtime_ns"
            ]
            columns = ", ".join(f'"{name}"' for name in kept)
            rows = connection.execute(f"select {columns} from {table}").fetchall()
            tables[table] = sorted(repr(row) for row in rows)
    return tables


def _ingest(source: Path, warehouse: Warehouse, *, pooled: bool) -> None:
    minimum = workers.MIN_POOLED if pooled else 10_000  # else every chunk processed here
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(workers, "MIN_POOLED", minimum)
        execute_ingest([str(source)], IngestSettings(warehouse=warehouse, strict=True))


def test_a_run_through_the_workers_stores_what_one_process_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second run whose chunk mixes articles the parent cuts a learned line from (rows
    built here) and articles it only routes (rows the workers built) stores, table by table,
    what the same runs store with every input processed in the run's process."""
    site = tmp_path / "in" / "quayside-courier"
    kinds: list[set[str]] = []
    table = batch.article_table

    def spied(rows: Any, stamp: RunStamp) -> Any:
        kinds.append({type(row).__name__ for row in rows})
        return table(rows, stamp)

    monkeypatch.setattr(batch, "article_table", spied)
    monkeypatch.setattr(workers, "available_cores", lambda: 2)
    pooled, here = Warehouse.at(tmp_path / "pooled"), Warehouse.at(tmp_path / "here")
    _stories(site, range(70), PLUG)
    for warehouse in (pooled, here):
        _ingest(site, warehouse, pooled=warehouse is pooled)
    _stories(site, range(70, 140), PLUG)  # the second run cuts the plug from these
    _stories(tmp_path / "in" / "fenland-gazette", range(200, 270), None)
    kinds.clear()
    for warehouse in (pooled, here):
        _ingest(tmp_path / "in", warehouse, pooled=warehouse is pooled)
    assert {"ArticleRow", "dict"} in kinds  # the pooled run's chunk mixed both
    tables = _raw_tables(here)
    assert _raw_tables(pooled) == tables
    with open_warehouse(here, read_only=True) as connection:
        cut = connection.execute("select count(*) from raw_boilerplate where rule = ?", [RULE])
        assert cut.fetchone() == (70,)
