"""`newsnorm search`: BM25 ranking on a small corpus, stemming and stopwords, an index
that follows ingests and is replaced atomically, and `fts` loaded offline from its wheel."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsnorm.flows.cli import main
from newsnorm.flows.cli.search_output import SEARCH_COLUMNS
from newsnorm.flows.engine.runner import execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.warehouse.extension import OFFLINE_CONFIG, fts_extension_path, load_fts
from newsnorm.warehouse.lake import Warehouse
from newsnorm.warehouse.search import (
    SearchQueryError,
    refresh_search_index,
    search,
    search_index_path,
    search_init_path,
    stored_fingerprint,
)
from tests_support import ROOT, SEED

FILLER = (
    "Officials said more details would follow later in the week, and residents were invited "
    "to share their views at a public meeting in the town hall."
)
CORPUS = [
    {
        "title": "Harbor seals return to the bay in record numbers",
        "body": "Marine biologists counted more harbor seals in the bay this spring than in any "
        "year since counts began. The seals rest on sand bars at low tide, and a seal pup "
        "was seen near the pier. " + FILLER,
        "published_at": "2024-05-01T12:00:00Z",
        "url": "https://example.org/seals",
    },
    {
        "title": "Fishing fleet worries about quotas",
        "body": "Boat owners in the harbor say new quotas will cut their catch by a third. "
        "One captain mentioned that a seal had been spotted near the nets last winter. " + FILLER,
        "published_at": "2024-05-02T08:00:00Z",
        "url": "https://example.org/fleet",
    },
    {
        "title": "City council approves protected bike lanes",
        "body": "The council voted six to one to build protected bike lanes on Main Street, "
        "after cyclists packed the chamber for the third time this year. " + FILLER,
        "published_at": "2024-05-03T18:30:00Z",
        "url": "https://example.org/bikes",
    },
    {
        "title": "Drought shrinks reservoirs across the West",
        "body": "Reservoir levels fell to their lowest point in a decade as the drought "
        "entered its fourth summer, and farmers asked for emergency water allocations. " + FILLER,
        "published_at": "2024-05-04T09:15:00Z",
        "url": "https://example.org/drought",
    },
    {
        "title": "Running clubs draw crowds downtown",
        "body": "Every Thursday evening hundreds of people go running along the river, and "
        "the oldest club now runs three groups sorted by pace. " + FILLER,
        "published_at": "2024-05-05T07:00:00Z",
        "url": "https://example.org/running",
    },
    {
        "title": "Bakery wins a national bread prize",
        "body": "The small café on Elm Street beat two hundred entrants with a sourdough loaf "
        "proved for thirty hours, its owner said as customers lined up outside. " + FILLER,
        "published_at": "2024-05-06T10:00:00Z",
        "url": "https://example.org/bread",
    },
]
BLINKEN = "\u2018Would Be Unacceptable\u2019: Blinken"  # the seed's title opens so
LATE_MATCH_BODY = " ".join([FILLER] * 4) + " Then a walrus appeared on the beach. " + FILLER


def _write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def _ingest(warehouse: Warehouse, *sources: Path) -> None:
    settings = IngestSettings(warehouse=warehouse, strict=True)
    execute_ingest([str(source) for source in sources], settings)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    """Six articles with clear best matches, plus the seed (a DCNF story), indexed once."""
    root = tmp_path_factory.mktemp("search")
    warehouse = Warehouse.at(root / "warehouse")
    _ingest(warehouse, _write_jsonl(root / "corpus.jsonl", CORPUS), SEED)
    assert refresh_search_index(warehouse)
    return warehouse


def _titles(warehouse: Warehouse, query: str, limit: int = 10) -> list[str | None]:
    return [hit.title for hit in search(warehouse, query, limit).hits]


def test_best_match_ranks_first_and_weaker_matches_follow(corpus: Warehouse) -> None:
    assert _titles(corpus, "harbor seals") == [
        "Harbor seals return to the bay in record numbers",
        "Fishing fleet worries about quotas",
    ]
    hits = search(corpus, "harbor seals").hits
    assert hits[0].score > hits[1].score > 0


def test_limit_cuts_the_ranked_list(corpus: Warehouse) -> None:
    assert _titles(corpus, "harbor seals", limit=1) == [
        "Harbor seals return to the bay in record numbers"
    ]


def test_words_are_stemmed_and_accents_stripped(corpus: Warehouse) -> None:
    assert _titles(corpus, "runs") == ["Running clubs draw crowds downtown"]
    assert _titles(corpus, "reservoir") == ["Drought shrinks reservoirs across the West"]
    assert _titles(corpus, "CAFE") == ["Bakery wins a national bread prize"]


def test_stopwords_are_ignored(corpus: Warehouse) -> None:
    with_stopwords = search(corpus, "the bread of")
    assert [hit.title for hit in with_stopwords.hits] == ["Bakery wins a national bread prize"]
    assert with_stopwords.ignored_words == ["of", "the"]
    assert with_stopwords.hits[0].score == search(corpus, "bread").hits[0].score
    only_stopwords = search(corpus, "the and of")
    assert only_stopwords.hits == []
    assert only_stopwords.ignored_words == ["and", "of", "the"]


def test_hits_carry_date_and_a_snippet_around_the_match(corpus: Warehouse) -> None:
    [hit] = search(corpus, "sourdough").hits
    assert str(hit.published) == "2024-05-06"
    assert hit.url == "https://example.org/bread"
    assert "sourdough loaf" in hit.snippet
    assert len(hit.snippet) <= 210


def test_empty_or_wordless_queries_are_refused(corpus: Warehouse) -> None:
    with pytest.raises(SearchQueryError, match="empty"):
        search(corpus, "   ")
    with pytest.raises(SearchQueryError, match="nothing to search"):
        search(corpus, "2024 !!")


def test_cli_prints_ranked_results(corpus: Warehouse, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--warehouse", str(corpus.root), "harbor seals"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. Harbor seals return to the bay in record numbers  [")
    assert "\n   2024-05-01 · example.org\n" in out  # a JSON record's site: its URL's host
    assert "\n2. Fishing fleet worries about quotas  [" in out


def test_cli_shows_the_syndicator(corpus: Warehouse, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--warehouse", str(corpus.root), "--format", "json", "Blinken"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["rank"] == 1
    assert row["syndicator"] == "Daily Caller News Foundation"
    assert row["title"].startswith(BLINKEN)
    assert set(row) == set(SEARCH_COLUMNS)
    assert row["source_uri"] == SEED.resolve().as_uri()
    assert len(row["article_id"]) == 32
    assert (row["copies"], row["matching_copies"]) == (1, None)


def test_cli_no_results_is_a_clear_message_and_exit_0(
    corpus: Warehouse, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "--warehouse", str(corpus.root), "zeppelin"]) == 0
    assert capsys.readouterr().out == "no results for 'zeppelin'\n"
    assert main(["search", "--warehouse", str(corpus.root), "the"]) == 0
    assert "too common to be indexed: the" in capsys.readouterr().out


def test_cli_refuses_an_empty_query(corpus: Warehouse, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--warehouse", str(corpus.root), " "]) == 2
    assert "the query is empty" in capsys.readouterr().err


def test_cli_without_a_warehouse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--warehouse", str(tmp_path / "none"), "seals"]) == 1
    assert "no warehouse" in capsys.readouterr().err


def test_index_follows_ingests_and_is_rebuilt_only_when_articles_change(
    warehouse: Warehouse, tmp_path: Path
) -> None:
    _ingest(warehouse, _write_jsonl(tmp_path / "first.jsonl", CORPUS[:2]))
    assert refresh_search_index(warehouse)
    assert not refresh_search_index(warehouse)  # nothing changed: kept as is
    assert search(warehouse, "walrus").hits == []

    late = {"title": "A visitor from the north", "body": LATE_MATCH_BODY, "url": "u:walrus"}
    _ingest(warehouse, _write_jsonl(tmp_path / "second.jsonl", [late]))
    # `search` refreshes a stale index itself: the new article is found at once.
    [hit] = search(warehouse, "walrus").hits
    assert hit.title == "A visitor from the north"
    assert hit.snippet.startswith("…")
    assert "walrus appeared" in hit.snippet
    assert not refresh_search_index(warehouse)
    assert sorted(p.name for p in warehouse.root.iterdir() if "search" in p.name) == [
        "search.duckdb",
        "search.sql",
    ]


def test_rebuild_replaces_the_file_under_an_open_reader(
    warehouse: Warehouse, tmp_path: Path
) -> None:
    _ingest(warehouse, _write_jsonl(tmp_path / "a.jsonl", CORPUS[:1]))
    refresh_search_index(warehouse)
    index = search_index_path(warehouse)
    old_fingerprint = stored_fingerprint(index)
    abandoned = warehouse.root / ".search-999999999-0.duckdb"  # a killed build's leftover
    abandoned.write_bytes(b"partial")
    with duckdb.connect(str(index), read_only=True, config=OFFLINE_CONFIG) as reader:
        load_fts(reader)
        _ingest(warehouse, _write_jsonl(tmp_path / "b.jsonl", CORPUS[1:3]))
        assert refresh_search_index(warehouse)
        # The open reader keeps the complete old index; new readers get the new one.
        assert reader.execute("select count(*) from docs").fetchone() == (1,)
    assert stored_fingerprint(index) != old_fingerprint
    assert len(search(warehouse, "seal").hits) == 2
    assert not abandoned.exists()


def test_a_damaged_index_is_rebuilt(warehouse: Warehouse, tmp_path: Path) -> None:
    _ingest(warehouse, _write_jsonl(tmp_path / "a.jsonl", CORPUS[:1]))
    search_index_path(warehouse).write_bytes(b"not a database")
    assert stored_fingerprint(search_index_path(warehouse)) is None
    assert [hit.title for hit in search(warehouse, "seals").hits] == [CORPUS[0]["title"]]


def _offline_env(home: Path) -> dict[str, str]:
    home.mkdir()
    return {**os.environ, "HOME": str(home)}


def test_search_loads_fts_from_the_wheel_with_an_empty_home(
    warehouse: Warehouse, tmp_path: Path
) -> None:
    _ingest(warehouse, _write_jsonl(tmp_path / "a.jsonl", CORPUS))
    home = tmp_path / "home"
    result = subprocess.run(
        [sys.executable, "-m", "newsnorm.flows.cli", "search", "--warehouse", str(warehouse.root),
         "--format", "csv", "bike lanes"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=ROOT,
        env=_offline_env(home),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "City council approves protected bike lanes" in result.stdout.splitlines()[1]
    assert not (home / ".duckdb").exists()  # nothing was installed or downloaded
    assert fts_extension_path().is_file()


def test_the_readme_sql_runs_in_the_duckdb_shell_through_search_sql(
    corpus: Warehouse, tmp_path: Path, duckdb_shell: Callable[..., Any]
) -> None:
    """The README's SQL, as written: the index as default database, the warehouse beside."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Search\n", 1)[1].split("\n## ", 1)[0]
    assert ".venv/bin/duckdb -init warehouse/data/search.sql" in section
    [statement] = [b for b in re.findall(r"```\n(.*?)```", section, re.DOTALL) if "select" in b]
    home = tmp_path / "home"
    result = duckdb_shell(search_init_path(corpus), statement, _offline_env(home))
    assert result.returncode == 0, result.stderr
    [row] = list(csv.reader(io.StringIO(result.stdout)))
    assert row[0].startswith(BLINKEN)
    assert row[1] == "[Jake Smith]"
    assert not (home / ".duckdb").exists()


@pytest.fixture
def duckdb_shell() -> Callable[..., subprocess.CompletedProcess[str]]:
    shell = Path(sys.executable).parent / "duckdb"
    if not shell.exists():
        pytest.skip("the DuckDB shell (duckdb-cli, a dev extra) is not installed")

    def run(init: Path, sql: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(shell), "-init", str(init), "-csv", "-noheader", "-c", sql],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
            env=env,
        )

    return run


def test_ingest_keeps_an_existing_index_current_and_builds_none(
    warehouse: Warehouse, tmp_path: Path
) -> None:
    _ingest(warehouse, _write_jsonl(tmp_path / "first.jsonl", CORPUS[:2]))
    assert not search_index_path(warehouse).exists()  # nobody searched: no cost
    assert refresh_search_index(warehouse)
    _ingest(warehouse, _write_jsonl(tmp_path / "second.jsonl", CORPUS[2:4]))
    with duckdb.connect(str(search_index_path(warehouse)), read_only=True) as index:
        assert index.execute("select count(*) from docs").fetchone() == (4,)
    assert not refresh_search_index(warehouse)  # the ingest already rebuilt it


def test_a_warehouse_folder_search_cannot_write_its_index_to_is_said_in_one_line(
    warehouse: Warehouse,
    ingest: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A read-only copy of a warehouse searched before any index was built there.
    import newsnorm.warehouse.search

    ingest(SEED)

    def read_only(target: Warehouse, **options: Any) -> bool:
        raise duckdb.IOException('Cannot open file "x.duckdb": Read-only file system')

    monkeypatch.setattr(newsnorm.warehouse.search, "refresh_search_index", read_only)
    assert main(["search", "--warehouse", str(warehouse.root), "Rafah"]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert "Read-only file system" in line
    assert "run one where that folder is writable" in line
