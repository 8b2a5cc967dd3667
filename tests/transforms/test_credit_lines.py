"""The generic adapter reads a syndicator no adapter of ours knows from its credit lines:
'Distributed by X.' (removed, X the syndicator) and a dateline's '(X) -' credit (moved to
the dateline with its place, X the syndicator). Invented texts and names throughout."""

from __future__ import annotations

import pytest

from newsnorm.transforms.adapters import BUILTIN
from newsnorm.transforms.pipeline import process_text
from newsnorm.transforms.records import Article, Dateline

ADAPTERS = tuple(adapter() for adapter in BUILTIN)
HEAD = "Council Votes On Harbour Plan\n\n"
FIRST = (
    "The city council voted on Tuesday to approve the harbour plan after a long debate over "
    "ferry routes, fishing quotas and the price of dock space."
)
SECOND = (
    "The plan now goes to the state board, which meets next month to review the budget and "
    "the schedule for the new quay."
)


def _clean(text: str) -> Article:
    article = process_text(text, ADAPTERS)
    assert article.adapter == "generic"
    return article


@pytest.mark.parametrize(
    ("line", "syndicator", "publisher"),
    [
        ("Distributed by Gullwing Features Syndicate, LLC.", "Gullwing Features Syndicate", None),
        ("Distributed by Gullwing Features.", "Gullwing Features", None),
        (
            "©2024 The Saltmarsh Ledger. Distributed by Gullwing Features Syndicate.",
            "Gullwing Features Syndicate",
            "The Saltmarsh Ledger",
        ),
    ],
)
def test_a_distributed_by_line_names_the_syndicator_and_is_removed(
    line: str, syndicator: str, publisher: str | None
) -> None:
    article = _clean(f"{HEAD}{FIRST}\n\n{SECOND}\n\n{line}\n")
    assert article.syndicator == syndicator
    assert article.original_publisher == publisher
    assert article.paragraphs == (FIRST, SECOND)
    [removal] = [item for item in article.removals if item.rule == "distributed-by"]
    assert (removal.text, removal.kind, removal.action) == (
        line,
        "syndication_notice",
        "removed",
    )


def test_a_dateline_credit_moves_to_the_dateline_and_names_the_syndicator() -> None:
    article = _clean(f"{HEAD}WASHINGTON (Acme Wire) \u2014 {FIRST}\n\n{SECOND}\n")
    assert article.syndicator == "Acme Wire"
    assert article.dateline == Dateline("WASHINGTON", "Acme Wire")
    assert article.paragraphs == (FIRST, SECOND)
    [removal] = [item for item in article.removals if item.kind == "dateline"]
    assert (removal.text, removal.action) == ("WASHINGTON (Acme Wire) \u2014 ", "moved")


def test_the_distributor_wins_over_the_dateline_and_the_original_publisher() -> None:
    line = "Copyright 2023 The Saltmarsh Ledger. Distributed by Gullwing Features."
    article = _clean(f"{HEAD}DOVER (Saltmarsh Ledger) - {FIRST}\n\n{SECOND}\n\n{line}\n")
    assert article.syndicator == "Gullwing Features"
    assert article.dateline == Dateline("DOVER", "Saltmarsh Ledger")


@pytest.mark.parametrize(
    "text",
    [
        # A sentence that mentions distribution, inside a paragraph: kept, names no one.
        f"{HEAD}{FIRST} The leaflets were distributed by volunteers.\n\n{SECOND}\n",
        f"{HEAD}{FIRST}\n\nDistributed by Gullwing Features, the leaflets reached every home "
        f"on the island within a week of the vote.\n\n{SECOND}\n",
        # Labels in parentheses at a paragraph's start are not credits.
        f"{HEAD}WASHINGTON (UPDATE 2) - {FIRST}\n\n{SECOND}\n",
        # Parentheses after the start of a sentence are no dateline.
        f"{HEAD}The mayor (Acme Wire reported) - said so. {FIRST}\n\n{SECOND}\n",
    ],
)
def test_text_that_only_looks_like_a_credit_names_no_syndicator(text: str) -> None:
    article = _clean(text)
    assert article.syndicator is None
    assert article.dateline is None
    assert not [item for item in article.removals if item.rule in ("distributed-by", "dateline")]


def test_a_sentence_naming_an_agency_in_parentheses_is_no_dateline() -> None:
    sentence = (
        "The harbour master told Acme Wire (AW) - in a call on Monday - that the ferry would "
        "keep its winter timetable until the repairs were done."
    )
    article = _clean(f"{HEAD}{sentence}\n\n{FIRST}\n\n{SECOND}\n")
    assert article.paragraphs[0] == sentence
    assert (article.syndicator, article.dateline) == (None, None)


@pytest.mark.parametrize(
    ("start", "place"),
    [("DOVER, Del. (Acme Wire) - ", "DOVER, Del."), ("(Acme Wire) -- ", None)],
)
def test_datelines_in_wire_shapes(start: str, place: str | None) -> None:
    article = _clean(f"{HEAD}{start}{FIRST}\n\n{SECOND}\n")
    assert article.dateline == Dateline(place, "Acme Wire")
    assert article.paragraphs == (FIRST, SECOND)
