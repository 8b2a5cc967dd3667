"""The Grist adapter: its notice and tagline go and name Grist; reporting about Grist stays."""

from __future__ import annotations

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.pipeline import process_text

ADAPTERS = load_adapters(include_plugins=False)
BODY = (
    "Household water use fell 3 percent compared with the year before, according to a "
    "research group that tracks utility data."
)
TAGLINE = (
    "Grist is a nonprofit, independent media organization dedicated to telling stories of "
    "climate solutions and a just future."
)


def test_notice_is_removed_and_names_grist() -> None:
    text = f"Water use dipped\n\nThis post originally appeared on Grist.\n\n{BODY}\n\n{TAGLINE}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "grist"
    assert article.paragraphs == (BODY,)
    assert article.original_publisher == "Grist"
    assert {r.kind for r in article.removals} == {"republish_notice", "tagline"}


def test_reporting_that_mentions_grist_stays_and_is_not_claimed() -> None:
    sentence = (
        "The senator told Grist that a story that originally appeared on Grist's site last "
        "year had changed her mind about the bill."
    )
    article = process_text(f"Senator changes course\n\n{sentence}\n\n{BODY}\n", ADAPTERS)
    assert article.adapter == "generic"
    assert article.paragraphs == (sentence, BODY)


def test_salon_chart_credit_is_a_credit_not_a_caption_of_the_paragraph_above() -> None:
    text = (
        f"Water use dipped\n\nThis post originally appeared on Grist.\n\n{BODY}\n"
        "(Credit: Jane Doe / Grist)\n"
    )
    article = process_text(text, ADAPTERS)
    assert article.paragraphs == (BODY,)
    assert [(c.kind, c.text) for c in article.credits] == [
        ("photo_credit", "(Credit: Jane Doe / Grist)")
    ]
