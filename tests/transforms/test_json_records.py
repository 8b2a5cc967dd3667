"""JSON records as the common tools write them map without `--field`: news-please, fundus,
trafilatura, WordPress REST posts and Scrapy feed items; `--field` reaches the new targets;
`--timezone` reads dates written without a zone, and only those."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import InputMeta, Reading
from newsnorm.transforms.jsonfields import DEFAULT_FIELDS
from newsnorm.transforms.jsonrecord import parse_record
from newsnorm.transforms.pipeline import process_input
from newsnorm.transforms.records import Article

ADAPTERS = load_adapters(include_plugins=False)
# Sentences written for these tests: distinct enough that no cleaning rule takes one for
# another's repeat.
PARAGRAPHS = (
    "The harbour board voted on Tuesday to keep the night ferry running through the winter.",
    "Passenger counts rose by a third this year, and the last boat often left the pier full.",
    "Councillors asked the operator to publish monthly figures before the next review.",
    "A second vessel will be leased from a neighbouring port for the busiest weeks.",
)
TITLE = "Night ferry kept for the winter"


def _read(record: dict[str, object], reading: Reading | None = None) -> Article:
    reading = reading or Reading()
    meta = InputMeta("record.json", fields=reading.mapping(), timezone=reading.timezone)
    return process_input(json.dumps(record).encode(), meta, ADAPTERS).article


def test_a_news_please_file_maps_without_field() -> None:
    record = {
        "authors": ["Ana Ruiz"],
        "date_download": "2024-03-08 10:00:00",
        "date_modify": None,
        "date_publish": "2024-03-07 18:30:00",
        "description": "The board keeps the <b>night ferry</b> running.",
        "filename": "ferry.json",
        "image_url": None,
        "language": "en",
        "localpath": None,
        "maintext": "\n".join(PARAGRAPHS),
        "source_domain": "harbour.example",
        "text": None,
        "title": TITLE,
        "title_page": None,
        "title_rss": None,
        "url": "https://harbour.example/ferry",
    }
    article = _read(record)
    assert (article.title, article.paragraphs) == (TITLE, PARAGRAPHS)
    assert (article.site, article.language, article.url) == (
        "harbour.example",
        "en",
        "https://harbour.example/ferry",
    )
    assert article.description == "The board keeps the night ferry running."
    assert article.authors == ("Ana Ruiz",)
    # news-please writes no zone: a calendar day, no instant, until --timezone says one.
    assert (article.published_at, article.published_on) == (None, date(2024, 3, 7))
    zoned = _read(record, Reading.of(timezone="America/New_York"))
    assert zoned.published_at == datetime(2024, 3, 7, 23, 30, tzinfo=UTC)
    assert zoned.published_on == date(2024, 3, 7)  # the day as the source states it
    assert zoned.published_at_source == "json+timezone:America/New_York"


def test_a_fundus_record_reads_its_structured_body() -> None:
    record = {
        "title": TITLE,
        "authors": ["Ana Ruiz", "John Roe"],
        "body": {
            "summary": [PARAGRAPHS[0]],
            "sections": [
                {"headline": [], "paragraphs": [PARAGRAPHS[1], PARAGRAPHS[2]]},
                {"headline": ["What comes next"], "paragraphs": [PARAGRAPHS[3]]},
            ],
        },
        "publishing_date": "2024-03-07 18:30:00+01:00",
        "topics": ["transport"],
        "free_access": True,
    }
    article = _read(record)
    assert article.title == TITLE
    assert article.paragraphs == (*PARAGRAPHS[:3], "What comes next", PARAGRAPHS[3])
    assert article.authors == ("Ana Ruiz", "John Roe")
    assert article.published_at == datetime(2024, 3, 7, 17, 30, tzinfo=UTC)
    assert article.published_at_source == "json"


def test_trafilatura_json_keeps_its_title_once_and_its_url_and_site() -> None:
    record = {
        "title": TITLE,
        "author": "Ana Ruiz; John Roe",
        "hostname": "harbour.example",
        "date": "2024-03-07",
        "fingerprint": "0f3c",
        "id": None,
        "license": None,
        "comments": "",
        "raw_text": " ".join(PARAGRAPHS),
        "text": "\n".join((TITLE, *PARAGRAPHS)),  # trafilatura's text opens with the title
        "language": "en",
        "source": "https://www.harbour.example/ferry",
        "source-hostname": "Harbour Times",
        "excerpt": "The board keeps the night ferry.",
        "categories": "",
        "tags": "",
    }
    article = _read(record)
    assert (article.title, article.paragraphs) == (TITLE, PARAGRAPHS)
    assert article.authors == ("Ana Ruiz", "John Roe")
    assert (article.url, article.site) == ("https://www.harbour.example/ferry", "Harbour Times")
    assert article.description == "The board keeps the night ferry."
    assert (article.published_at, article.published_on) == (None, date(2024, 3, 7))
    # A date alone is not an instant in any zone: midnight would be invented.
    assert _read(record, Reading.of(timezone="Europe/Berlin")).published_at is None


def test_a_wordpress_post_takes_its_instant_from_date_gmt_and_its_site_from_its_link() -> None:
    record = {
        "id": 7,
        "date": "2025-03-02T09:15:00",  # the site's own zone, unnamed
        "date_gmt": "2025-03-02T08:15:00",
        "link": "https://www.harbour.example/2025/03/ferry/",
        "title": {"rendered": "Night ferry &#8211; kept"},
        "content": {"rendered": "".join(f"<p>{p}</p>\n" for p in PARAGRAPHS)},
        "excerpt": {"rendered": "<p>The board keeps the ferry &hellip;</p>\n"},
    }
    article = _read(record)
    assert article.title == "Night ferry \u2013 kept"
    assert article.paragraphs == PARAGRAPHS
    assert article.published_at == datetime(2025, 3, 2, 8, 15, tzinfo=UTC)
    assert (article.published_on, article.published_at_source) == (
        date(2025, 3, 2),
        "json:date_gmt",
    )
    assert article.site == "harbour.example"
    assert article.description == "The board keeps the ferry \u2026"


def test_a_scrapy_feed_item_with_the_usual_names() -> None:
    item = {
        "title": TITLE,
        "url": "https://harbour.example/ferry",
        "author": "By Ana Ruiz",
        "date": "2024-03-07T18:30:00Z",
        "body": "\n\n".join(PARAGRAPHS),
        "source": "Harbour Times",  # a name here, not a URL: not taken for the url
    }
    article = _read(item)
    assert (article.title, article.paragraphs, article.authors) == (
        TITLE,
        PARAGRAPHS,
        ("Ana Ruiz",),
    )
    assert article.url == "https://harbour.example/ferry"
    assert article.published_at == datetime(2024, 3, 7, 18, 30, tzinfo=UTC)


def test_field_sets_site_language_and_description() -> None:
    item = {
        "headline": TITLE,
        "story": "\n\n".join(PARAGRAPHS),
        "outlet": "Harbour Times",
        "locale": "en-GB",
        "standfirst_text": "Kept for the winter.",
        "site": "ignored.example",
    }
    fields = {
        "body": "story",
        "site": "outlet",
        "language": "locale",
        "description": "standfirst_text",
    }
    article = _read(item, Reading.of(fields))
    assert article.paragraphs == PARAGRAPHS
    assert (article.site, article.language, article.description) == (
        "Harbour Times",
        "en-GB",
        "Kept for the winter.",
    )


def test_a_date_that_states_its_zone_is_never_read_in_another() -> None:
    item = {"title": TITLE, "body": "\n\n".join(PARAGRAPHS), "date": "2024-03-07T18:30:00+05:00"}
    article = _read(item, Reading.of(timezone="Europe/Berlin"))
    assert article.published_at == datetime(2024, 3, 7, 13, 30, tzinfo=UTC)
    assert article.published_at_source == "json"


def test_a_page_date_without_a_zone_is_read_in_the_given_zone() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = (
        "<html><head><title>Night ferry</title>"
        '<meta property="article:published_time" content="2024-07-01T10:00:00"></head>'
        f"<body><article><h1>{TITLE}</h1>{body}</article></body></html>"
    ).encode()
    plain = process_input(page, InputMeta("page.html"), ADAPTERS).article
    assert (plain.published_at, plain.published_on) == (None, date(2024, 7, 1))
    meta = InputMeta("page.html", timezone="Europe/Berlin")
    zoned = process_input(page, meta, ADAPTERS).article
    assert zoned.published_at == datetime(2024, 7, 1, 8, 0, tzinfo=UTC)
    assert zoned.published_at_source == f"{plain.published_at_source}+timezone:Europe/Berlin"


def test_every_target_has_a_reader_and_unknown_targets_and_zones_are_refused() -> None:
    record = parse_record(b'{"title": "A"}', Reading().mapping())
    assert record.title == "A"
    assert set(Reading().mapping()) == set(DEFAULT_FIELDS)
    with pytest.raises(ValueError, match="unknown target fields"):
        Reading.of({"headline": "title"})
    with pytest.raises(ValueError, match="unknown time zone"):
        Reading.of(timezone="Mars/Olympus")


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("json", '{"fields":{"title":"headline"},"timezone":"Europe/Berlin"}'),
        ("html", '{"timezone":"Europe/Berlin"}'),
        ("text", None),
    ],
)
def test_an_input_is_keyed_by_the_settings_its_kind_reads(kind: str, expected: str | None) -> None:
    reading = Reading.of({"title": "headline"}, "Europe/Berlin")
    assert reading.applying_to(kind).key == expected  # type: ignore[arg-type]
    assert Reading.from_key(reading.key) == reading
    assert Reading().key is None


def test_a_record_escaping_lone_surrogates_is_stored_with_replacement_characters() -> None:
    """A lone `\\ud800` escape is valid JSON but no UTF-8 text: the record is read, each
    lone half a U+FFFD, and the article says so, instead of failing where it is stored."""
    body = "\\n\\n".join(PARAGRAPHS)
    url = "https://example.org/a\\udc80"
    line = f'{{"title": "Night \\ud800 ferry", "url": "{url}", "text": "{body}"}}'
    article = process_input(line.encode(), InputMeta("feed.jsonl#line=1"), ADAPTERS).article
    assert article.title == "Night \ufffd ferry"
    assert article.url == "https://example.org/a\ufffd"
    assert "invalid_characters" in article.warnings
    clean = process_input(
        line.replace("\\ud800", "").replace("\\udc80", "").encode(),
        InputMeta("feed.jsonl#line=1"),
        ADAPTERS,
    ).article
    assert "invalid_characters" not in clean.warnings


def test_a_record_nesting_deep_beside_its_fields_is_read_and_its_accents_composed() -> None:
    # Composing every string of a 900-deep record overflowed the stack (an internal error);
    # only the values read are composed.
    deep: object = "Cafe\u0301"
    for _ in range(900):
        deep = [deep]
    record = {"title": "Cafe\u0301 owners meet", "text": "Owners of the cafe\u0301 met.", "x": deep}
    parsed = parse_record(json.dumps(record), DEFAULT_FIELDS)
    assert parsed.title == "Caf\u00e9 owners meet"
    assert parsed.body == "Owners of the caf\u00e9 met."


@pytest.mark.parametrize(
    ("line", "named"),
    [("[1, 2]", "array"), ("42", "number"), ('"a headline"', "string"), ("null", "null"),
     ("true", "boolean")],
)  # fmt: skip
def test_a_record_that_is_no_object_is_named_as_json_names_it(line: str, named: str) -> None:
    # The reason said Python's names: "a JSON NoneType", "a JSON str".
    with pytest.raises(DocumentRejected) as caught:
        parse_record(line.encode(), DEFAULT_FIELDS)
    assert caught.value.message == f"a JSON {named}, not an object"
