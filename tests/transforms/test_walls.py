"""A cookie-consent wall saved instead of the story is rejected; stories about cookies stay."""

from __future__ import annotations

import pytest

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.pipeline import process_input, process_text

ADAPTERS = load_adapters(include_plugins=False)
DIALOG = (
    "We and our 312 partners use cookies and similar technologies to store and access "
    "information on your device, to measure how pages are read and to show personalised "
    "advertising and content.",
    "You can change your mind at any time from the privacy settings link at the foot of "
    "every page; some partners rely on legitimate interest rather than your consent.",
)


def test_a_consent_dialog_saved_as_a_page_is_no_article() -> None:
    page = (
        "<html><head><title>Before you go on</title></head><body><h1>Before you go on</h1>"
        "<h2>Your privacy matters to us</h2>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in DIALOG)
        + "<button>Accept all</button> <button>Reject all</button>"
        "<p><a href='/consent'>Manage preferences</a></p></body></html>"
    )
    with pytest.raises(DocumentRejected) as rejected:
        process_input(page.encode(), InputMeta(name="w.html"), ADAPTERS)
    assert rejected.value.code == "no_article"
    assert str(rejected.value).startswith("no_article: a cookie-consent wall, not an article")


def test_a_consent_dialog_saved_as_text_is_no_article() -> None:
    text = "\n\n".join(["Your privacy matters to us", *DIALOG, "Accept all", "Manage choices"])
    with pytest.raises(DocumentRejected, match="cookie-consent wall"):
        process_text(text + "\n", ADAPTERS)


@pytest.mark.parametrize(
    "paragraphs",
    [
        (  # a short story about cookie rules: the vocabulary, a control quoted, no button
            "The data regulator said on Monday that websites must let visitors reject all "
            "cookies as easily as they accept them, and that consent banners may not hide "
            "the choice.",
            "Sites that share data with advertising partners will have six months to change "
            "their privacy policy and their banners, the regulator said.",
            "Publishers said personalised advertising pays for much of their reporting.",
        ),
        (  # a story with the dialog's text below it, as a scraper may keep both
            "The harbour ferry will run every half hour from Monday, the transit authority "
            "said, after months of complaints about crowded boats and long waits at the pier.",
            "The new timetable adds two boats and an evening service on weekends, and the "
            "authority said fares would not change this year.",
            "Commuters welcomed the change but said the pier's waiting room was too small.",
            *DIALOG,
        ),
    ],
    ids=["about_cookies", "story_above_a_dialog"],
)
def test_a_story_that_speaks_of_cookies_stays(paragraphs: tuple[str, ...]) -> None:
    text = "\n\n".join(["Regulator Tightens Cookie Banner Rules", *paragraphs, "Accept all"])
    article = process_text(text + "\n", ADAPTERS)
    assert article.paragraphs[:3] == paragraphs[:3]
