"""A story's original stays true to its current copies: a copy that states only a day
counts as dated, and a forget that leaves a story of one copy leaves no stale original."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsnorm.flows.engine.forget import forget
from newsnorm.warehouse.lake import Warehouse

Sql = Callable[..., list[tuple[Any, ...]]]
_SYLLABLES = ("ka", "lo", "mi", "ter", "shan", "vo", "ril", "bel", "dor", "pra", "fen", "tal")


def _body(seed: int) -> list[str]:
    """Six paragraphs of made-up words: no other story shares their 5-grams."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3)))

    return [" ".join(word() for _ in range(40)).capitalize() + "." for _ in range(6)]


def _record(path: Path, title: str, paragraphs: list[str], **fields: str) -> Path:
    path.write_text(
        json.dumps({"title": title, "body": "\n\n".join(paragraphs), **fields}) + "\n",
        encoding="utf-8",
    )
    return path


def _id(title: str, paragraphs: list[str]) -> str:
    """The article id the pipeline gives these (`transforms.records`), to pick titles."""
    body = "\n\n".join(paragraphs)
    return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()[:32]


def test_a_copy_stating_only_an_earlier_day_is_the_original(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    # JSON dates without a zone give a day and no instant; the later day is ingested first.
    body = _body(11)
    later = _record(
        tmp_path / "later.jsonl", "Tarn valley ferry fares", body,
        url="https://later.example.org/ferry", published_at="2024-05-09T08:00:00",
    )  # fmt: skip
    earlier = _record(
        tmp_path / "earlier.jsonl", "Tarn valley ferry fares rise", body,
        url="https://earlier.example.net/ferry", published_at="2024-05-02",
    )  # fmt: skip
    ingest(later)
    ingest(earlier)
    assert sql("select count(*) from articles where published_at is not null") == [(0,)]
    [(reason, title, first_seen, last_seen)] = sql(
        "select original_reason, original_title, first_seen, last_seen from stories "
        "where copies = 2"
    )
    assert (reason, title) == ("earliest_published_day", "Tarn valley ferry fares rise")
    assert first_seen == datetime(2024, 5, 2, tzinfo=UTC)
    assert last_seen == datetime(2024, 5, 9, tzinfo=UTC)


def test_a_story_left_with_one_copy_after_a_merge_and_a_forget_is_its_own_original(
    ingest: Callable[..., Any], sql: Sql, warehouse: Warehouse, tmp_path: Path
) -> None:
    # Copies y < z form story y (z ingested first: its original); x < y joins them, so the
    # story is renamed x. Forgetting x and z leaves y alone under its old id y.
    body = _body(12)
    titles = [f"Harbor ferry budget, part {n}" for n in range(60)]
    ids = sorted((_id(title, body), title) for title in titles)
    (x, x_title), (y, y_title), (z, z_title) = ids[0], ids[1], ids[2]
    z_file = _record(tmp_path / "z.jsonl", z_title, body, url="https://zed.example.org/f")
    y_file = _record(tmp_path / "y.jsonl", y_title, body, url="https://why.example.net/f")
    x_file = _record(tmp_path / "x.jsonl", x_title, body, url="https://ex.example.com/f")
    for path in (z_file, y_file, x_file):
        ingest(path)
    assert sql("select story_id, original_article_id, copies from stories") == [(x, z, 3)]
    forget(warehouse, [str(x_file), str(z_file)])
    assert sql(
        "select story_id, original_article_id, original_reason, original_title from stories"
    ) == [(y, y, "only_copy", y_title)]
    assert sql("select article_id, is_original from copies") == [(y, True)]
