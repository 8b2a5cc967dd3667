"""Mississippi Today: a credit under the headline is no byline; reporting that cites it stays."""

from __future__ import annotations

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.pipeline import process_text

ADAPTERS = load_adapters(include_plugins=False)
CAPTION = "Supervisors speak at Thursday\u2019s road funding forum."
LEAD = (
    "County supervisors, frustrated by how state road money has been split in recent "
    "years, are taking their case straight to residents."
)
BODY = (
    "About three dozen residents gathered Thursday evening downtown to hear concerns about "
    "closed bridges and a growing repair list."
)


def test_reporting_that_cites_the_site_stays_and_does_not_claim() -> None:
    mention = (
        "The agency confirmed the figures to Mississippi Today, and records obtained by "
        "Mississippi Today show the cuts began in March."
    )
    article = process_text(f"Supervisors Tour State\n\n{LEAD}\n\n{mention}\n", ADAPTERS)
    assert article.adapter != "mississippi_today"
    assert article.paragraphs == (LEAD, mention)


def test_credit_under_the_headline_is_a_credit_and_its_caption_leaves_the_body() -> None:
    text = (
        f"Supervisors Tour State\n\nEli Whitcomb, Mississippi Today\n\n{CAPTION}\n\n"
        f"HATTIESBURG \u2013 {LEAD}\n\n{BODY}\n"
    )
    article = process_text(text, ADAPTERS)
    assert article.adapter == "mississippi_today"
    assert article.authors == ()
    assert article.paragraphs == (LEAD, BODY)
    assert [(credit.kind, credit.text) for credit in article.credits] == [
        ("photo_credit", "Eli Whitcomb, Mississippi Today"),
        ("caption", CAPTION),
    ]
    assert article.dateline is not None
    assert article.dateline.place == "HATTIESBURG"


def test_without_a_dateline_the_line_below_the_credit_stays_in_the_body() -> None:
    text = f"Supervisors Tour State\n\nEli Whitcomb, Mississippi Today\n\n{LEAD}\n\n{BODY}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "mississippi_today"
    assert article.paragraphs == (LEAD, BODY)


def test_republication_byline_with_by_names_the_author() -> None:
    text = f"Supervisors Tour State\n\nby Eli Whitcomb, Mississippi Today\n\n{LEAD}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "mississippi_today"
    assert article.authors == ("Eli Whitcomb",)
    assert article.credits == ()
