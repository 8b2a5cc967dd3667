"""Issue 14's acceptance, through a real ingest: a news-please `.json`, a JSON array and a
WordPress REST post are stored with the right title, body, date and site."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

Sql = Callable[..., list[tuple[Any, ...]]]
# Sentences written for this test.
PARAGRAPHS = (
    "The harbour board voted on Tuesday to keep the night ferry running through the winter.",
    "Passenger counts rose by a third this year, and the last boat often left the pier full.",
    "Councillors asked the operator to publish monthly figures before the next review.",
)


def _body(topic: str) -> list[str]:
    return [p.replace("night ferry", topic) for p in PARAGRAPHS]


def test_news_please_an_array_and_a_wordpress_post(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    news_please = {
        "authors": ["Ana Ruiz"],
        "date_download": "2024-03-08 10:00:00",
        "date_modify": None,
        "date_publish": "2024-03-07 18:30:00",
        "description": "The board keeps the night ferry.",
        "filename": "https%3A%2F%2Fharbour.example%2Fferry.json",
        "image_url": None,
        "language": "en",
        "localpath": None,
        "maintext": "\n".join(_body("night ferry")),
        "source_domain": "harbour.example",
        "text": None,
        "title": "Night ferry kept for the winter",
        "title_page": None,
        "title_rss": None,
        "url": "https://edition.harbour.example/ferry",
    }
    (tmp_path / "ferry.json").write_text(json.dumps(news_please), encoding="utf-8")
    items = [
        {"title": "Library van returns", "url": "https://town.example/van", "author": "Jo Park",
         "date": "2024-03-08T09:00:00Z", "body": "\n\n".join(_body("library van"))},
        {"title": "School bus route changes", "url": "https://town.example/bus",
         "date": "2024-03-09T07:00:00+01:00", "body": "\n\n".join(_body("school bus"))},
    ]  # fmt: skip
    (tmp_path / "items.json").write_text(json.dumps(items, indent=2), encoding="utf-8")
    post = {
        "id": 7,
        "date": "2025-03-02T09:15:00",
        "date_gmt": "2025-03-02T08:15:00",
        "link": "https://www.coast.example/2025/03/tram/",
        "title": {"rendered": "Tram line &#8211; approved"},
        "content": {"rendered": "".join(f"<p>{p}</p>\n" for p in _body("tram line"))},
        "excerpt": {"rendered": "<p>The tram line is approved.</p>"},
    }
    (tmp_path / "post.json").write_text(json.dumps(post), encoding="utf-8")
    assert ingest(tmp_path).counts.ingested == 4
    rows = sql(
        "select regexp_extract(source_uri, '[^/]+$'), title, paragraphs, published_at, "
        "published_on, site from articles order by source_uri"
    )
    assert rows == [
        ("ferry.json", "Night ferry kept for the winter", _body("night ferry"), None,
         date(2024, 3, 7), "harbour.example"),
        ("items.json#item=1", "Library van returns", _body("library van"),
         datetime(2024, 3, 8, 9, 0, tzinfo=UTC), date(2024, 3, 8), "town.example"),
        ("items.json#item=2", "School bus route changes", _body("school bus"),
         datetime(2024, 3, 9, 6, 0, tzinfo=UTC), date(2024, 3, 9), "town.example"),
        ("post.json", "Tram line \u2013 approved", _body("tram line"),
         datetime(2025, 3, 2, 8, 15, tzinfo=UTC), date(2025, 3, 2), "coast.example"),
    ]  # fmt: skip
    # news-please's date states no zone: with --timezone it gets its instant.
    ingest(tmp_path / "ferry.json", timezone="Europe/Lisbon")
    assert sql("select published_at from articles where url like '%/ferry'") == [
        (datetime(2024, 3, 7, 18, 30, tzinfo=UTC),)
    ]
