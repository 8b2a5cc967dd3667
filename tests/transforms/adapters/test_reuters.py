"""The Reuters adapter: the credit tail and standards line go; reporting about Reuters stays."""

from __future__ import annotations

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.pipeline import process_text

ADAPTERS = load_adapters(include_plugins=False)
BODY = (
    "The central bank held interest rates steady on Thursday and said it would watch "
    "incoming data on prices and wages before deciding its next move."
)
TAIL = "Reporting by Jane Doe in London; Editing by John Roe"


def test_credit_tail_and_standards_are_removed_and_not_the_byline() -> None:
    text = (
        f"Central bank holds rates\n\nBy Ann Lee\n\nLONDON, March 7 (Reuters) - {BODY}\n\n"
        f"{TAIL}\n\nOur Standards: The Thomson Reuters Trust Principles.\n"
    )
    article = process_text(text, ADAPTERS)
    assert article.adapter == "reuters"
    assert article.paragraphs == (BODY,)
    assert article.authors == ("Ann Lee",)
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("LONDON", "Reuters")
    assert {r.kind for r in article.removals} >= {"credit_tail", "standards_notice"}


def test_reporting_sentence_about_reuters_stays_and_is_not_claimed() -> None:
    sentence = (
        "Reporting by Reuters and other outlets showed that the bank had been told about the "
        "problem months earlier, a spokesman said."
    )
    article = process_text(f"Bank was warned\n\n{sentence}\n\n{BODY}\n", ADAPTERS)
    assert article.adapter == "generic"
    assert article.paragraphs == (sentence, BODY)


def test_link_suffix_is_cut_without_leaving_a_gap_before_punctuation() -> None:
    text = f"Central bank holds rates\n\n(Reuters) - {BODY} Read the report here, opens new tab.\n"
    article = process_text(text, ADAPTERS)
    assert article.paragraphs == (f"{BODY} Read the report here.",)
