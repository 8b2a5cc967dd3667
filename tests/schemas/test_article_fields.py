"""The article's fields are declared once (transforms.records.Article); the Arrow schema, the
row builder, the view SQL, explain and the golden files are held to that declaration."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import UTC, date, datetime

from golden_cases import GOLDEN, OMITTED_COLUMNS
from newsnorm.flows.engine.prebuilt import ARTICLE_RUN_COLUMNS
from newsnorm.flows.engine.reading import RawInput
from newsnorm.flows.engine.rows import RunStamp, article_row
from newsnorm.schemas.tables import ARTICLES
from newsnorm.schemas.validate import to_table
from newsnorm.transforms.records import (
    NOT_COLUMNS,
    Article,
    Author,
    Credit,
    Dateline,
    Embed,
    Evidence,
    Related,
    Removal,
    article_columns,
)
from newsnorm.warehouse.views import view_sql

# Columns that say where and when an article was stored, not what it is: the run's process
# adds them to the rows the workers build (flows/engine/prebuilt.py), so a column of the
# schema that is neither an article's field nor one of these fails here, not in a run.
STORAGE_COLUMNS = set(ARTICLE_RUN_COLUMNS)
ARTICLE_FIELDS = {item.name for item in fields(Article)}


def _full_article() -> Article:
    """An article with every field set, so no column can hide behind a None."""
    return Article(
        title="Harbour Dredging Approved",
        paragraphs=("The council approved the dredging on Monday.", "Work starts in May."),
        adapter="dcnf",
        adapter_version=3,
        authors=("Jane Roe",),
        byline="By Jane Roe, Daily Caller News Foundation",
        published_at=datetime(2024, 3, 15, 16, 4, tzinfo=UTC),
        syndicator="Daily Caller News Foundation",
        license="free with attribution",
        related=(Related("Council Meets", "https://news.example/council"),),
        removals=(Removal("logo", "logo", "removed", 0, 4, "Logo"),),
        author_affiliations=(Author("Jane Roe", "Daily Caller News Foundation"),),
        original_publisher="Harbor Gazette",
        original_url="https://gazette.example/dredging",
        co_publishers=("Coast Weekly",),
        dateline=Dateline("DOVER, Del.", "AP"),
        credits=(Credit("photo_credit", "Photo by Sam Poe"),),
        evidence=(Evidence("signal:logo-line", 0.8),),
        url="https://news.example/dredging",
        site="news.example",
        language="en",
        published_at_source="json-ld",
        published_on=date(2024, 3, 15),
        author_organizations=("Harbor Desk",),
        warnings=("title_guessed",),
        embeds=(Embed("social_post", "Ferry back on time today", "https://social.example/1"),),
    )


def test_the_schema_holds_every_article_field_and_the_storage_columns() -> None:
    assert set(ARTICLES.names) == (ARTICLE_FIELDS - NOT_COLUMNS) | STORAGE_COLUMNS


def test_a_full_article_row_survives_the_strict_schema_unchanged() -> None:
    article = _full_article()
    raw = RawInput("file:///in/a.txt", "ab" * 32, 10)
    row = article_row(article, raw, RunStamp("run-1", datetime(2024, 3, 16, tzinfo=UTC)))
    (stored,) = to_table([row], ARTICLES).to_pylist()
    assert {name: stored[name] for name in article_columns(article)} == article_columns(article)
    assert set(row) - set(article_columns(article)) == STORAGE_COLUMNS  # what the run adds


def test_the_article_versions_view_lists_every_column() -> None:
    select = view_sql("article_versions").split("select", 1)[1].split("from raw_articles")[0]
    listed = [name.strip() for name in select.split(",")]
    assert listed == ARTICLES.names


def test_golden_files_hold_the_declared_fields() -> None:
    expected = (ARTICLE_FIELDS - OMITTED_COLUMNS) | {"encoding"}
    checked = 0
    for path in sorted(GOLDEN.glob("*/*.expected.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "rejected" in data:
            continue
        assert set(data) == expected, path.name
        checked += 1
    assert checked >= 20
