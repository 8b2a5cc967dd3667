"""The AP adapter: datelines move, agency bylines name no one, reporting about AP stays."""

from __future__ import annotations

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.pipeline import process_text

ADAPTERS = load_adapters(include_plugins=False)
BODY = (
    "The state's largest utility asked regulators on Tuesday to approve a rate increase that "
    "would add about nine dollars to the average monthly bill."
)


def test_dateline_moves_out_of_the_first_paragraph() -> None:
    text = f"Utility seeks rate increase\n\nDOVER, Del. (AP) \u2014 {BODY}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "ap"
    assert article.paragraphs == (BODY,)
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("DOVER, Del.", "AP")


def test_agency_byline_is_not_an_author() -> None:
    text = f"Utility seeks rate increase\n\nBy: Associated Press June 14, 2022\n\n{BODY}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "ap"
    assert article.byline == "By: Associated Press"
    assert article.authors == ()


def test_reporting_about_ap_with_an_ap_photo_stays_and_is_not_claimed() -> None:
    sentence = (
        "The governor told The Associated Press (AP) - in an interview on Monday - that the "
        "Associated Press had asked the right questions about the rate increase."
    )
    text = f"Governor speaks on rates\n\n{sentence}\n\n{BODY} (AP Photo/Jane Doe)\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "generic"
    assert article.paragraphs[0] == sentence
    assert article.dateline is None


def test_copyright_footer_is_removed() -> None:
    footer = (
        "Copyright 2021 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed."
    )
    text = f"Utility seeks rate increase\n\nSEATTLE (AP) - {BODY}\n\n{footer}\n"
    article = process_text(text, ADAPTERS)
    assert article.paragraphs == (BODY,)
    assert any(r.kind == "copyright_notice" and r.text == footer for r in article.removals)


def test_msn_provider_line_is_removed_but_is_not_the_original_publisher() -> None:
    text = (
        f"Utility seeks rate increase\n\nSEATTLE (AP) \u2014 {BODY}\n"
        f"\u00a9 Provided by The Canadian Press\n\n{BODY}\n"
    )
    article = process_text(text, ADAPTERS)
    assert article.paragraphs == (BODY, BODY)
    assert article.original_publisher is None


def test_two_line_agency_byline_is_moved_and_names_no_one() -> None:
    text = f"Utility seeks rate increase\n\nBy\nThe Associated Press\n\n{BODY}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "ap"
    assert article.byline == "The Associated Press"
    assert article.authors == ()
    assert article.paragraphs == (BODY,)


def test_lone_associated_press_photo_credit_does_not_claim_the_story() -> None:
    text = f"Utility seeks rate increase\n\nA lineman repairs a pole.\nAssociated Press\n\n{BODY}\n"
    assert process_text(text, ADAPTERS).adapter == "generic"
