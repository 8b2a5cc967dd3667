"""DCNF copies are claimed from partial evidence: a split byline or the house-style promo."""

from __future__ import annotations

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.pipeline import process_text

ADAPTERS = load_adapters(include_plugins=False)
TITLE = "Senate Panel Advances Bill To Audit Water Grants"
FIRST = (
    "A Senate committee voted on Wednesday to advance a bill requiring an independent audit "
    "of federal water grants awarded since 2021."
)
SECOND = "The bill's sponsor said the audit would show where the money went."
PROMO = "(RELATED: Water Agency Spent Millions On Projects It Never Finished: REPORT)"


def test_house_style_promo_alone_claims_the_copy_and_moves_to_related() -> None:
    article = process_text(f"{TITLE}\n\n{FIRST} {PROMO}\n\n{SECOND}\n", ADAPTERS)
    assert (article.adapter, article.syndicator) == ("dcnf", "Daily Caller News Foundation")
    assert article.paragraphs == (FIRST, SECOND)
    assert [related.title for related in article.related] == [
        "Water Agency Spent Millions On Projects It Never Finished: REPORT"
    ]


def test_a_promo_in_another_style_is_moved_but_claims_nothing() -> None:
    promo = "(Related: how the grants were awarded)"
    article = process_text(f"{TITLE}\n\n{FIRST} {promo}\n\n{SECOND}\n", ADAPTERS)
    assert (article.adapter, article.syndicator) == ("generic", None)
    assert article.paragraphs == (FIRST, SECOND)
    assert [related.title for related in article.related] == ["how the grants were awarded"]


def test_byline_split_by_blank_lines_claims_the_copy_and_names_the_author() -> None:
    text = (
        f"{TITLE}\n\nBy Kara Lindqvist\n\n\nDaily Caller News Foundation\n\n\n{FIRST}\n\n{SECOND}\n"
    )
    article = process_text(text, ADAPTERS)
    assert article.adapter == "dcnf"
    assert article.authors == ("Kara Lindqvist",)
    assert article.paragraphs == (FIRST, SECOND)


def test_reporting_that_names_the_foundation_is_no_claim() -> None:
    sentence = "The senator told the Daily Caller News Foundation that the audit was overdue."
    article = process_text(f"{TITLE}\n\n{FIRST}\n\n{sentence}\n", ADAPTERS)
    assert article.adapter == "generic"
    assert article.paragraphs == (FIRST, sentence)
