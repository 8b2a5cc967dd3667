"""States Newsroom adapter: footers and credits go, reporting about the network stays."""

from __future__ import annotations

import pytest

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.pipeline import process_text

ADAPTERS = load_adapters(include_plugins=False)
BODY = (
    "Small public libraries across the state are cutting weekend hours after a round of "
    "reductions in state grants, according to budget documents reviewed this week."
)
FOOTER = (
    "Missouri Independent is part of States Newsroom, a nonprofit news network supported by "
    "grants and a coalition of donors as a 501c(3) public charity. Missouri Independent "
    "maintains editorial independence. Contact Editor Jason Hancock for questions: "
    "info@missouriindependent.com. Follow Missouri Independent on Facebook and X."
)


def test_reporting_about_the_network_stays_in_the_body_and_does_not_claim() -> None:
    mention = (
        "The Kansas Reflector is part of States Newsroom and shares its stories, and a "
        "spokesperson told States Newsroom the data came from a Stateline analysis."
    )
    article = process_text(f"Libraries Cut Hours\n\n{BODY}\n\n{mention}\n", ADAPTERS)
    assert article.adapter != "states_newsroom"
    assert article.paragraphs == (BODY, mention)


def test_footer_glued_to_the_last_paragraph_is_cut_and_names_the_outlet() -> None:
    text = f"Libraries Cut Hours\n\nBy: Jane Roe - March 3, 2024\n\n{BODY} {FOOTER} Share This:\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "states_newsroom"
    assert article.paragraphs == (BODY,)
    assert article.authors == ("Jane Roe",)
    assert article.original_publisher == "Missouri Independent"


def test_originally_produced_notice_names_the_producing_outlet_not_the_host() -> None:
    notice = (
        "This story was originally produced by Kentucky Lantern, which is part of States "
        "Newsroom, a nonprofit news network which includes Florida Phoenix, and is supported "
        "by grants and a coalition of donors as a 501c(3) public charity."
    )
    article = process_text(f"Libraries Cut Hours\n\n{BODY}\n\n{notice}\n", ADAPTERS)
    assert article.adapter == "states_newsroom"
    assert article.paragraphs == (BODY,)
    assert article.original_publisher == "Kentucky Lantern"


def test_dateline_credit_of_a_radio_republisher_is_moved_out_of_the_lead() -> None:
    text = f"Libraries Cut Hours\n\n(Missouri Independent) \u2013 {BODY}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "states_newsroom"
    assert article.paragraphs == (BODY,)
    assert article.original_publisher == "Missouri Independent"


def test_single_feed_item_is_an_article_and_loses_its_feed_footer() -> None:
    title = "Libraries cut hours as state grants shrink"
    text = f"{title}\n\n{BODY} [\u2026] The post {title} appeared first on Missouri Independent.\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "states_newsroom"
    assert article.paragraphs == (BODY,)
    assert article.original_publisher == "Missouri Independent"


def test_feed_of_several_posts_is_a_listing() -> None:
    title = "Libraries cut hours as state grants shrink"
    text = (
        f"Another outlet's headline about the weather\n{BODY}\n{title}\n{BODY} [\u2026] The "
        f"post {title} appeared first on Missouri Independent.\n"
    )
    with pytest.raises(DocumentRejected) as caught:
        process_text(text, ADAPTERS)
    assert caught.value.code == "listing"


def test_byline_without_its_name_is_dropped_and_names_nobody() -> None:
    text = f"Libraries Cut Hours\n\nBy: - February 1, 2023\n\n{BODY}\n\n{FOOTER}\n"
    article = process_text(text, ADAPTERS)
    assert article.authors == ()
    assert article.paragraphs == (BODY,)


def test_wire_date_dateline_is_cut_from_the_lead_only() -> None:
    later = "Jan. 5\u2014the date the grants ran out\u2014is when the branches first closed early."
    text = f"Libraries Cut Hours\n\nJan. 5\u2014{BODY}\n\n{later}\n\n{FOOTER}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "states_newsroom"
    assert article.paragraphs == (BODY, later)
