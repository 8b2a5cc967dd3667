"""JSON records whose fields are not plain strings: a body as a list of paragraphs (Scrapy's
ItemLoader, Draft.js raw blocks), a title wrapped in an object or a one-item list, a date as Unix
time. Each was rejected or dropped in silence; a shape no reader knows is flagged."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.jsonfields import DEFAULT_FIELDS
from newsnorm.transforms.jsonrecord import JsonRecord, parse_record
from newsnorm.transforms.pipeline import process_input
from newsnorm.transforms.records import Article

ADAPTERS = load_adapters(include_plugins=False)
# Sentences written for these tests.
PARAGRAPHS = (
    "The allotment society counted forty new members at its spring meeting in the town hall.",
    "Most of them asked for raised beds, and the waiting list now runs to the end of the year.",
    "The treasurer said a grant from the parish would pay for the new water tank by June.",
)
TITLE = "Allotment society grows by forty members"


def _read(record: dict[str, object]) -> Article:
    return process_input(json.dumps(record).encode(), InputMeta("item.json"), ADAPTERS).article


@pytest.mark.parametrize(
    "body",
    [
        list(PARAGRAPHS),  # Scrapy: `response.css("p::text").getall()` kept as a list
        [{"type": "unstyled", "text": p} for p in PARAGRAPHS],  # Draft.js's raw blocks
        [PARAGRAPHS[0], {"type": "image", "url": "https://allot.example/a.jpg"}, *PARAGRAPHS[1:]],
    ],
)
def test_a_body_given_as_a_list_of_paragraphs_is_read_paragraph_by_paragraph(
    body: list[object],
) -> None:
    # Rejected as "the record has no body, text or html field".
    article = _read({"title": TITLE, "text": body})
    assert article.paragraphs == PARAGRAPHS
    assert article.title == TITLE


def test_a_list_holding_other_shapes_is_no_body() -> None:
    with pytest.raises(DocumentRejected, match="no body, text or html field"):
        _read({"title": TITLE, "text": [PARAGRAPHS[0], 7, [PARAGRAPHS[1]]]})


@pytest.mark.parametrize(
    "title",
    [
        [TITLE],  # Scrapy's ItemLoader without TakeFirst: every field a list
        [TITLE, TITLE],  # the same tag gathered twice
        {"raw": TITLE, "rendered": TITLE},  # WordPress's edit context
        {"@value": TITLE, "@language": "en"},  # a JSON-LD value object
    ],
)  # fmt: skip
def test_a_title_wrapped_in_a_list_or_an_object_is_read(title: object) -> None:
    article = _read({"headline": title, "url": ["https://allot.example/spring"],
                     "description": ["Forty join."], "body": "\n\n".join(PARAGRAPHS)})  # fmt: skip
    assert article.title == TITLE
    assert (article.url, article.description) == ("https://allot.example/spring", "Forty join.")
    assert "title_unreadable" not in article.warnings


@pytest.mark.parametrize(
    "title", [{"main": TITLE, "kicker": "Gardens"}, ["Allotments", "grow"], [[TITLE]], True]
)
def test_a_title_of_a_shape_no_reader_knows_is_flagged(title: object) -> None:
    # The first body line stood in for it without a word.
    article = _read({"title": title, "body": "\n\n".join(PARAGRAPHS)})
    assert "title_unreadable" in article.warnings
    for readable in (TITLE, {"rendered": ""}, [""]):  # an empty title is no unknown shape
        plain = _read({"title": readable, "body": "\n\n".join(PARAGRAPHS)})
        assert "title_unreadable" not in plain.warnings


def test_a_record_rejected_after_its_title_went_unread_says_so() -> None:
    # A one-paragraph story under an unread title: its paragraph stood in for the title and
    # the record was rejected with no word of the title field.
    record = {"title": {"name": TITLE}, "body": PARAGRAPHS[0]}
    data = json.dumps(record).encode()
    with pytest.raises(DocumentRejected) as caught:
        process_input(data, InputMeta("r.json", "application/json"), ADAPTERS)
    assert caught.value.code == "no_article"
    assert "title field holds no text" in caught.value.message
    readable = json.dumps({"title": TITLE, "body": ""}).encode()
    with pytest.raises(DocumentRejected) as plain:
        process_input(readable, InputMeta("r.json", "application/json"), ADAPTERS)
    assert "title field" not in plain.value.message


@pytest.mark.parametrize("stamp", [1_700_000_000, 1_700_000_000_000, 1_700_000_000.0, "1700000000"])
def test_a_unix_time_date_is_read_as_an_instant_in_utc(stamp: object) -> None:
    # Dropped: the number was read as the text "1700000000", which no date parser takes.
    article = _read({"title": TITLE, "body": "\n\n".join(PARAGRAPHS), "date_publish": stamp})
    assert article.published_at == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert (article.published_on, article.published_at_source) == (date(2023, 11, 14), "json")


@pytest.mark.parametrize("stamp", [2024, 500_000_000, 5_000_000_000, 1_700_000_000_000_000])
def test_a_number_outside_the_plausible_range_is_no_date(stamp: int) -> None:
    # 1990-2100 in seconds or milliseconds: a year, an id or microseconds are not read.
    record = {"title": TITLE, "body": "\n\n".join(PARAGRAPHS), "date_publish": stamp}
    assert (_read(record).published_at, _read(record).published_on) == (None, None)
    record["date"] = "2024-05-02T10:00:00+02:00"  # the next name is looked up instead
    assert _read(record).published_at == datetime(2024, 5, 2, 8, 0, tzinfo=UTC)


def _parsed(record: dict[str, object]) -> JsonRecord:
    return parse_record(json.dumps(record), DEFAULT_FIELDS)


@pytest.mark.parametrize("value", ["\u00b2", "9" * 5000, 10**400, "17000000000000000000"])
def test_a_date_no_unix_time_can_be_is_no_error(value: object) -> None:
    """'²' is a digit to `isdigit` and `int` refuses it; `int` refuses 5,000 digits; a
    400-digit number overflows a float: each escaped the record's reading as an internal
    error (a retry code; `--strict` stopped the run)."""
    record = _parsed({"date": value, "text": "The ferry ran late."})
    assert record.published in (None, str(value))


@pytest.mark.parametrize("value", [["1700000000"], [1700000000]])
def test_a_unix_time_in_a_one_item_list_is_read(value: object) -> None:
    record = _parsed({"date": value, "text": "The ferry ran late."})
    assert record.published == "2023-11-14T22:13:20+00:00"


def test_a_body_written_as_text_goes_before_one_written_as_a_list() -> None:
    """Before lists were read, `{"body": [...], "text": "…"}` gave `text`'s body."""
    record = _parsed({"body": ["First.", "Second."], "text": "The whole article."})
    assert record.body == "The whole article."
