"""Agency adapters: each claims its copies from one partial trace, and a mention never does."""

from __future__ import annotations

import pytest

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.pipeline import process_text

ADAPTERS = load_adapters(include_plugins=False)
TITLE = "Harbor authority delays vote on dredging plan"
PARAGRAPHS = (
    "The harbor authority delayed a vote on its dredging plan on Tuesday after fishermen "
    "filled the hearing room to object to the timing of the work.",
    "Board members said they would take up the plan again next month, once engineers had "
    "answered questions about the winter schedule.",
)
BODY = "\n\n".join(PARAGRAPHS)
DATE = "12.03.2024 | 09:41 Uhr"


def _text(*lines: str, after: tuple[str, ...] = ()) -> str:
    return "\n\n".join([TITLE, *lines, BODY, *after]) + "\n"


@pytest.mark.parametrize(
    ("adapter", "syndicator", "text"),
    [
        ("afp", "AFP", f"{TITLE}\nAFP\n{DATE}\n{BODY}\n"),
        ("afp", "AFP", _text("Par AFP")),
        ("dpa", "dpa", _text("Von DPA")),
        ("dpa", "dpa", f"{TITLE}\n\nBerlin (dpa) - {BODY}\n"),
        ("cnn", "CNN", _text("By Nora Ellison, CNN")),
        ("cnn", "CNN", _text(after=("The-CNN-Wire",))),
        ("bloomberg", "Bloomberg", _text(after=("©2024 Bloomberg L.P. Visit bloomberg.com.",))),
        (
            "tribune_content_agency",
            "Tribune Content Agency",
            _text(after=("Distributed by Tribune Content Agency, LLC.",)),
        ),
        ("creators", "Creators Syndicate", _text(after=("COPYRIGHT 2024 CREATORS.COM",))),
        (
            "stacker",
            "Stacker",
            _text(
                after=(
                    "This story originally appeared on Example Weekly and was produced and "
                    "distributed in partnership with Stacker Studio.",
                )
            ),
        ),
        ("statepoint", "StatePoint Media", f"{TITLE}\n\n(StatePoint) {BODY}\n"),
        (
            "chalkbeat",
            "Chalkbeat",
            _text(after=("This story was originally published by Chalkbeat.",)),
        ),
        (
            "capital_b",
            "Capital B",
            _text(after=("This story was originally published by Capital B.",)),
        ),
        ("ap", "The Associated Press", _text("Lena Ortiz, Ap Environment Writer")),
        (
            "ap",
            "The Associated Press",
            f"{TITLE}\nAuthor of the article:\nThe Associated Press\n{BODY}\n",
        ),
        (
            "ap",
            "The Associated Press",
            _text(after=("©2019 The Associated Press. All rights reserved.",)),
        ),
        ("reuters", "Reuters", _text("By Reuters")),
        ("reuters", "Reuters", _text(after=("© 2023 Reuters. All rights reserved",))),
    ],
)
def test_one_trace_names_the_agency_and_leaves_the_story(
    adapter: str, syndicator: str, text: str
) -> None:
    article = process_text(text, ADAPTERS)
    assert (article.adapter, article.syndicator) == (adapter, syndicator)
    assert article.title == TITLE
    # Every trace left the body; a page's date line is not the adapters' to cut.
    assert [p for p in article.paragraphs if p not in PARAGRAPHS] in ([], [DATE])
    assert PARAGRAPHS[1] in article.paragraphs


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister told AFP on Monday that talks would resume within a week, a spokesman said.",
        "According to Bloomberg, the deal was worth about two billion dollars before fees.",
        "The figures were first reported by CNN and later confirmed by the ministry itself.",
        "Reuters could not independently verify the footage, which was shared widely online.",
        "A dpa reporter at the scene said the crowd had thinned by the early evening hours.",
        "Creators of the festival said they expected more visitors than last year's edition.",
    ],
)
def test_a_mention_in_the_story_is_no_claim_and_stays(sentence: str) -> None:
    article = process_text(_text(after=(sentence,)), ADAPTERS)
    assert article.adapter == "generic"
    assert article.syndicator is None
    assert article.paragraphs == (*PARAGRAPHS, sentence)


def test_an_agency_photo_credit_alone_does_not_claim_the_story() -> None:
    text = f"{TITLE}\n\nCrews at the harbor on Monday.\nJana Berger/dpa\n\n{BODY}\n"
    article = process_text(text, ADAPTERS)
    assert article.adapter == "generic"


def test_agency_over_a_date_is_the_byline_and_the_caption_credit_moves() -> None:
    text = (
        f"{TITLE}\nMara Quinn Associated Press\nPublished 10:12 PM EST Nov 19, 2019\n"
        f"{PARAGRAPHS[0]}\nOwen Pratt, AP\n{PARAGRAPHS[1]}\n"
    )
    article = process_text(text, ADAPTERS)
    assert article.adapter == "ap"
    assert article.byline == "Mara Quinn Associated Press"
    assert [(credit.kind, credit.text) for credit in article.credits] == [
        ("photo_credit", "Owen Pratt, AP")
    ]
    assert PARAGRAPHS[0] in article.body  # the line above a credit is not taken as a caption


def test_tca_copyright_names_the_newspaper_as_original_publisher() -> None:
    tail = "©2024 Los Angeles Times. Visit latimes.com. Distributed by Tribune Content Agency, LLC."
    article = process_text(_text(after=(tail,)), ADAPTERS)
    assert article.original_publisher == "Los Angeles Times"
    assert article.paragraphs == PARAGRAPHS


def test_a_slashed_photo_credit_over_the_date_is_no_agency_byline() -> None:
    text = f"{TITLE}\nBy Scott Hale\nAmr Dalsh / Reuters\nApril 29, 2014\n{BODY}\n"
    article = process_text(text, ADAPTERS)
    assert (article.adapter, article.authors) == ("generic", ("Scott Hale",))
