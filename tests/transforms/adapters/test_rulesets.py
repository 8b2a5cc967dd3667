"""Shared rule sets compose with any adapter, name sources when they can, and spare reporting."""

from __future__ import annotations

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.pipeline import process_text
from tests_support import SEED_TEXT

ADAPTERS = load_adapters(include_plugins=False)
PARAGRAPHS = [
    "The state's largest utility asked regulators on Tuesday to approve a rate increase that "
    "would add about nine dollars to the average monthly bill.",
    "Consumer advocates said they would oppose the request at hearings scheduled for the spring.",
]


def _story(*extra_lines: str, title: str = "Utility Seeks Rate Increase") -> str:
    return "\n\n".join([title, *PARAGRAPHS, *extra_lines]) + "\n"


def test_dcnf_story_on_a_wordpress_site_loses_both_kinds_of_cruft() -> None:
    wordpress = (
        "\nShare this:\nClick to share on X (Opens in new window)X\n"
        "Click to share on Facebook (Opens in new window)Facebook\nLike Loading...\n\n"
        "The post Blinken And Netanyahu Meeting Hits Crossroads appeared first on Example News.\n"
    )
    article = process_text(SEED_TEXT + wordpress, ADAPTERS)
    assert article.adapter == "dcnf"
    assert len(article.paragraphs) == 8
    kinds = [removal.kind for removal in article.removals]
    assert kinds.count("share_widget") == 4
    assert "feed_footer" in kinds
    assert "republish_notice" in kinds
    assert article.original_publisher is None  # a feed footer names the host, not the source


def test_notice_naming_its_source_sets_the_original_publisher() -> None:
    article = process_text(_story("This post originally appeared on Grist."), ADAPTERS)
    assert article.original_publisher == "Grist"
    assert article.paragraphs == tuple(PARAGRAPHS)


def test_notice_that_lost_its_source_leaves_it_null_but_records_the_cut() -> None:
    article = process_text(_story("Article originally appeared on"), ADAPTERS)
    assert article.original_publisher is None
    assert [r.text for r in article.removals] == ["Article originally appeared on"]
    assert ("rule:originally-published", 1.0) in [(e.signal, e.weight) for e in article.evidence]


def test_reporting_that_sounds_like_a_notice_stays() -> None:
    sentences = [
        "This story was first published in March and has since been updated with new figures.",
        "Share this: the mayor told residents to share their views at the meeting on Friday.",
        "The report, which appeared first on a county website, listed every closure.",
    ]
    article = process_text(_story(*sentences), ADAPTERS)
    assert list(article.paragraphs) == [*PARAGRAPHS, *sentences]
    assert article.removals == ()
    assert article.original_publisher is None


def test_article_from_no_syndicator_comes_through_untouched() -> None:
    article = process_text(_story(), ADAPTERS)
    assert (article.adapter, article.syndicator) == ("generic", None)
    assert list(article.paragraphs) == PARAGRAPHS
    assert article.removals == ()
    assert article.evidence == ()


def test_photo_credit_and_its_caption_leave_the_body_and_are_never_authors() -> None:
    text = (
        "Utility Seeks Rate Increase\n\n"
        "Crews repair a line after the storm on Monday.\n"
        "Tom Pennington/Getty Images\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
    )
    article = process_text(text, ADAPTERS)
    assert article.title == "Utility Seeks Rate Increase"
    assert [(c.kind, c.text) for c in article.credits] == [
        ("caption", "Crews repair a line after the storm on Monday."),
        ("photo_credit", "Tom Pennington/Getty Images"),
    ]
    assert article.authors == ()
    assert list(article.paragraphs) == PARAGRAPHS


def test_glued_ad_marker_is_cut_as_a_span() -> None:
    article = process_text(
        _story("ADVERTISEMENT\u201cRight now we are waiting,\u201d she said."), ADAPTERS
    )
    assert article.paragraphs[-1] == "\u201cRight now we are waiting,\u201d she said."


def test_a_notice_with_the_terms_it_is_carried_under_names_its_source() -> None:
    # With a tail after the name ('… and is republished with permission') no rule matched:
    # the notice stayed in the body and the source went unnamed.
    notices = {
        "This story was originally published by the Riverbend Gazette and is republished "
        "with permission.": "Riverbend Gazette",
        "This article was first published by Lakeside Voice and is republished here under a "
        "Creative Commons license.": "Lakeside Voice",
        "This story was originally published by The Hill Country Courier and has been "
        "republished with their permission.": "The Hill Country Courier",
    }
    for notice, publisher in notices.items():
        article = process_text(_story(notice), ADAPTERS)
        assert article.original_publisher == publisher
        assert article.paragraphs == tuple(PARAGRAPHS)
        assert [r.text for r in article.removals] == [notice]
