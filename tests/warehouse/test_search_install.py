"""A search-index build that began before `forget --purge` never puts the purged text back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

import newsnorm.warehouse.search
from newsnorm.flows.engine.forget import forget
from newsnorm.flows.engine.runner import execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.warehouse.extension import OFFLINE_CONFIG
from newsnorm.warehouse.lake import Warehouse
from newsnorm.warehouse.search import refresh_search_index, search_index_path
from tests_support import SEED

OTHER = (
    "Harbor Seals Return\n\nBy Jane Doe\n\nMarine biologists counted more harbor seals in the "
    "bay this spring than in any year since counts began, and a pup was seen near the pier.\n"
)


def _indexed_titles(warehouse: Warehouse) -> list[str]:
    index = str(search_index_path(warehouse))
    with duckdb.connect(index, read_only=True, config=OFFLINE_CONFIG) as connection:
        return sorted(
            str(title) for (title,) in connection.execute("select title from docs").fetchall()
        )


def test_a_build_racing_a_purge_is_not_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = Warehouse.at(tmp_path / "warehouse")
    seed = Path(shutil.copy(SEED, tmp_path / "seed.txt"))
    other = tmp_path / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    execute_ingest([str(seed), str(other)], IngestSettings(warehouse=warehouse, strict=True))
    assert refresh_search_index(warehouse)  # an index exists: forget refreshes it
    real_build = newsnorm.warehouse.search._build
    builds: list[Path] = []

    def build_while_forgetting(path: Path, fingerprint: str) -> None:
        builds.append(path)
        if len(builds) == 1:  # the copy is made: forget and purge the seed, then build it
            forgotten = forget(warehouse, [str(seed)], purge=True)
            assert forgotten.search_problem is None
        real_build(path, fingerprint)

    monkeypatch.setattr(newsnorm.warehouse.search, "_build", build_while_forgetting)
    refresh_search_index(warehouse, force=True)
    assert _indexed_titles(warehouse) == ["Harbor Seals Return"]
    assert len(builds) == 2  # ours (discarded), forget's own; our retry found it fresh
    assert not list(warehouse.root.glob(".search-*"))  # the discarded build is gone


def test_a_build_racing_a_forget_that_moves_an_article_is_not_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The forget removes no article, only the placement it names: the article now runs
    where its other copy ran, and the build copied before must not bring the URL back."""
    warehouse = Warehouse.at(tmp_path / "warehouse")
    body = OTHER.split("\n\n", 2)[2]
    feed = tmp_path / "feed.jsonl"
    records = [
        {"title": "Harbor Seals Return", "body": body, "url": f"https://{site}/seals"}
        for site in ("canopy.example", "hollow.example")
    ]
    feed.write_text("\n".join(json.dumps(record) for record in records) + "\n", "utf-8")
    execute_ingest([str(feed)], IngestSettings(warehouse=warehouse, strict=True))
    assert refresh_search_index(warehouse)
    real_build = newsnorm.warehouse.search._build
    builds: list[Path] = []

    def build_while_forgetting(path: Path, fingerprint: str) -> None:
        builds.append(path)
        if len(builds) == 1:
            assert forget(warehouse, [f"{feed}#line=1"], purge=True).kept == 1
        real_build(path, fingerprint)

    monkeypatch.setattr(newsnorm.warehouse.search, "_build", build_while_forgetting)
    refresh_search_index(warehouse, force=True)
    index = str(search_index_path(warehouse))
    with duckdb.connect(index, read_only=True, config=OFFLINE_CONFIG) as connection:
        urls = connection.execute("select url from docs").fetchall()
    assert urls == [("https://hollow.example/seals",)]
    assert len(builds) == 2
