"""Regressions from a review that fed adversarial inputs to the transforms."""

from __future__ import annotations

import time

import pytest

from transforms.adapters.registry import load_adapters
from transforms.decode import decode_bytes
from transforms.errors import DocumentRejected
from transforms.pipeline import process, process_text

ADAPTERS = load_adapters(include_plugins=False)
B = (
    "The council voted on Tuesday to approve the new budget, which raises spending on schools "
    "and roads by a modest amount.\n\nOfficials said the plan would take effect next year after "
    "a final review by the state auditor and the governor.\n"
)


def test_blank_line_runs_do_not_make_detection_backtrack() -> None:
    text = "Storm Hits Coast" + "\n  \t " * 3000 + "\n" + B
    started = time.perf_counter()
    process_text(text, ADAPTERS)
    assert time.perf_counter() - started < 5  # was minutes: cubic backtracking in a signal


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr-only"])
def test_any_line_ending_detects_and_cleans_alike(newline: str) -> None:
    text = "Storm Hits Coast\n\nBy: Jake Smith, Daily Caller News Foundation\n\n" + B
    article = process_text(text.replace("\n", newline), ADAPTERS)
    assert article.adapter == "dcnf"
    assert article.authors == ("Jake Smith",)


def test_a_stray_byte_past_the_detector_window_does_not_lose_the_document() -> None:
    data = b"Storm Hits Coast\n\n" + b"The council voted to approve the budget. " * 2000
    decoded = decode_bytes(data + b"\n\nThe caf\xe9 reopened.")
    assert decoded.text.endswith("The caf\u00e9 reopened.")
    utf8 = "Storm Hits Coast\n\nCaf\u00e9 news. ".encode() * 4000 + b"\xe9 end"
    assert decode_bytes(utf8).text.endswith("\ufffd end")
    assert decode_bytes(utf8).encoding.endswith("+replacements")


@pytest.mark.parametrize(
    "text",
    [
        "By The Numbers: How Inflation Hit Groceries\n\n" + B,
        "Storm Hits Coast\n\nBy Friday, the death toll had risen to 12, officials said.\n\n" + B,
        "Flooding Hits Town\nPhoto: Jane Doe/Getty Images\n\n" + B,
    ],
    ids=["by-headline", "by-sentence", "credit-below-title"],
)
def test_head_rules_never_take_the_headline_or_a_lead_sentence(text: str) -> None:
    article = process_text(text, ADAPTERS)
    assert article.title == text.split("\n")[0]
    assert article.byline is None
    assert article.paragraphs[-1].startswith("Officials said the plan")


def test_zero_width_characters_are_not_a_title_or_a_wall() -> None:
    article = process_text("\u200b\nReal Title Here\n\n" + B + "\nShare this:\u200b\n", ADAPTERS)
    assert article.title == "Real Title Here"
    assert "Share this" not in article.body


def test_a_title_that_is_all_suffix_is_not_the_title() -> None:
    text = "  - KFF Health News\n\nReal Headline Here\n\n" + B
    text += "\nSubscribe to KHN's free Morning Briefing.\n"
    assert process_text(text, ADAPTERS).title == "Real Headline Here"


def test_one_sentence_per_line_text_is_not_joined_as_hard_wrapped() -> None:
    lines = [
        f"Sentence number {i} says something about the council and its vote on roads."
        for i in range(5)
    ]
    article = process_text("Headline\n" + "\n".join(lines) + "\n", ADAPTERS)
    assert len(article.paragraphs) == 5


def test_next_post_in_a_sentence_stays_and_publishers_stop_at_the_name() -> None:
    sentence = "Next post office to close is the one on Main Street, officials said."
    article = process_text(
        "Headline\n\n" + B + "\n" + sentence + "\n\nOriginally published in The New York Times.\n",
        ADAPTERS,
    )
    assert article.paragraphs[-1] == sentence
    assert article.original_publisher == "The New York Times"
    with pytest.raises(DocumentRejected):
        process(b"", ADAPTERS)


def test_a_timeline_inside_an_article_is_not_a_listing() -> None:
    entry = (
        "On this day officials reported more new cases of the virus across the state and its "
        "counties, hospitals said."
    )
    days = "\n\n".join(f"March {day}, 2020\n\n{entry}" for day in (3, 11, 15))
    article = process_text("A Timeline Of The Outbreak\n\n" + days + "\n\n" + B, ADAPTERS)
    assert len(article.paragraphs) == 8
