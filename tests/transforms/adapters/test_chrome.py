"""Chrome every site carries is cut by shape, embeds and promos move to fields, and story
sentences that merely mention the same words stay."""

from __future__ import annotations

import pytest

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.adapters.steps import copyright_owner
from newsnorm.transforms.pipeline import process_text
from newsnorm.transforms.records import Article

ADAPTERS = load_adapters(include_plugins=False)
TITLE = "Town votes to keep its covered bridge"
PARAGRAPHS = (
    "Residents voted on Saturday to repair the town's covered bridge rather than replace it "
    "with a modern span, ending a debate that had run for three years.",
    "The repairs will cost about $1.2 million, most of it from a state grant, officials said.",
)


def _article(*extra: str) -> Article:
    return process_text("\n\n".join([TITLE, *PARAGRAPHS, *extra]) + "\n", ADAPTERS)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("© 2019 Example Media Group, Inc.", "copyright_notice"),
        ("©2024 Example Gazette", "copyright_notice"),
        ("Copyright © 2023 Example News. All rights reserved.", "copyright_notice"),
        ("© Example Press Pty Ltd. All rights reserved.", "copyright_notice"),
        ("* Copyright and Reprint", "site_footer"),
        ("Most Read", "navigation"),
        ("TRENDING NOW", "navigation"),
        ("More From Example Wire", "navigation"),
        ("Subscribe to our newsletter", "newsletter_promo"),
        ("If you value our reporting, please consider a donation today.", "donation_promo"),
        ("Be the first to comment", "comment_form"),
        ("3 Comments", "comment_form"),
        ("Continue reading →", "ui_cruft"),
        ("Tags: bridges, town meeting, grants", "feed_metadata"),
        ("Source: https://example.org/feed/item-42", "feed_metadata"),
        ("Author of the article:", "byline_label"),
    ],
)
def test_chrome_line_is_cut_by_its_shape(line: str, kind: str) -> None:
    article = _article(line)
    assert article.paragraphs == PARAGRAPHS
    assert [removal.kind for removal in article.removals] == [kind]


@pytest.mark.parametrize(
    "sentence",
    [
        "The copyright on the bridge's original drawings expired in 1998, the historian said.",
        "Most read the notice in the town paper before the meeting, according to a survey.",
        "Subscribers to the town newsletter had been warned about the closure in March.",
        "Supporters said they would donate their time to paint the bridge next summer.",
        "Comments at the hearing ran for more than two hours before the vote was called.",
        "Tags on the old beams show the years in which each repair was made.",
    ],
)
def test_a_sentence_with_the_same_words_stays(sentence: str) -> None:
    article = _article(sentence)
    assert article.paragraphs == (*PARAGRAPHS, sentence)
    assert article.removals == ()


def test_rail_heading_and_its_bulleted_headlines_go_as_one() -> None:
    rail = "Most Read\n  * Fire destroys barn on Route 9\n  * Library extends weekend hours"
    article = _article(rail)
    assert article.paragraphs == PARAGRAPHS
    assert [(removal.rule, removal.kind) for removal in article.removals] == [
        ("rail", "navigation")
    ]


def test_flattened_tweet_moves_to_embeds_with_its_link() -> None:
    tweet = (
        "The bridge stays! pic.twitter.com/Ab12Cd34Ef \u2014 Mayor Ruth Lowe (@MayorRuthLowe) "
        "May 4, 2024"
    )
    article = _article(tweet)
    assert article.paragraphs == PARAGRAPHS
    assert [(embed.kind, embed.text, embed.url) for embed in article.embeds] == [
        ("social_post", tweet, "pic.twitter.com/Ab12Cd34Ef")
    ]
    assert article.original_url is None  # the post's link is not the story's original


def test_tweet_text_and_attribution_on_two_lines_are_one_embed() -> None:
    tweet = (
        "The bridge stays! https://t.co/Xy12 \n\u2014 Mayor Ruth Lowe (@MayorRuthLowe) May 4, 2024"
    )
    article = _article(tweet)
    assert article.paragraphs == PARAGRAPHS
    assert len(article.embeds) == 1
    assert article.embeds[0].url == "https://t.co/Xy12"


def test_inline_promo_moves_to_related_and_the_sentence_stays() -> None:
    text = f"{TITLE}\n\n{PARAGRAPHS[0]} (READ MORE: Bridge Repairs Close Main Street)\n"
    article = process_text(text, ADAPTERS)
    assert article.paragraphs == (PARAGRAPHS[0],)
    assert [related.title for related in article.related] == ["Bridge Repairs Close Main Street"]


def test_cdata_brackets_leave_the_headline() -> None:
    article = process_text(f"<![CDATA[{TITLE}]]>\n\n" + "\n\n".join(PARAGRAPHS), ADAPTERS)
    assert article.title == TITLE


def test_credit_under_a_paragraph_does_not_take_it_for_a_caption() -> None:
    article = _article("\u00a9 Example Images")
    assert article.paragraphs == PARAGRAPHS
    assert [(credit.kind, credit.text) for credit in article.credits] == [
        ("photo_credit", "\u00a9 Example Images")
    ]


def test_feed_footer_names_the_source_on_the_generic_path() -> None:
    article = _article(
        "The post Town votes to keep its covered bridge appeared first on Example Blog."
    )
    assert (article.adapter, article.original_publisher, article.syndicator) == (
        "generic",
        "Example Blog",
        "Example Blog",
    )


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("\u00a9 2024 The Valley Report. All rights reserved.", "The Valley Report"),
        ("Copyright \u00a9 2023 Example Media, Inc. All Rights Reserved", "Example Media"),
        ("* \u00a9 2024 Example", "Example"),
        ("\u00a9 2024", None),
    ],
)
def test_copyright_owner(line: str, owner: str | None) -> None:
    assert copyright_owner(line) == owner
