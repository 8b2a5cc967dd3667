"""Byline parsing keeps people and drops outlets; dates are instants or nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsnorm.transforms.bylines import (
    is_role,
    looks_like_person,
    parse_byline,
    split_names,
    split_parts,
    unique_names,
)
from newsnorm.transforms.dates import parse_published

DCNF = "Daily Caller News Foundation"


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("Jake Smith Contributor", [("Jake Smith", None)]),
        ("Ana Ruiz Senior Software Engineer", [("Ana Ruiz", None)]),
        (f"By: Jake Smith, {DCNF}", [("Jake Smith", DCNF)]),
        ("by Jake Smith , The Conversation", [("Jake Smith", "The Conversation")]),
        ("Helen Marsh, Curtin University", [("Helen Marsh", "Curtin University")]),
        ("By Jane Doe and John Roe", [("Jane Doe", None), ("John Roe", None)]),
        (
            "By Jane Doe, John Roe and Ann Lee",
            [("Jane Doe", None), ("John Roe", None), ("Ann Lee", None)],
        ),
        ("By The Associated Press", []),
        ("By: Associated Press June 14, 2022", []),
        ("By: - February 1, 2023", []),
        ("OAN Staff", []),
        ("By Staff", []),
        ("by Ana de la Cruz, Staff Writer", [("Ana de la Cruz", None)]),
        # Where the text and HTML parsers once disagreed: the better answer of the two.
        ("By Jane Doe | Reuters", [("Jane Doe", "Reuters")]),
        ("Jane Doe | The Center Square", [("Jane Doe", "The Center Square")]),
        ("Von Anna Schmidt und Max Weber", [("Anna Schmidt", None), ("Max Weber", None)]),
        ("By Jane Doe in Washington", [("Jane Doe", None)]),
        ("By Jane Doe (Reuters)", [("Jane Doe", None)]),
        ("Byron Smith", [("Byron Smith", None)]),
        ("By Jane Doe, Staff Writer, The Star", [("Jane Doe", "The Star")]),
        (
            "Jane Doe, University of Maine and John Roe, Bowdoin College",
            [("Jane Doe", "University of Maine"), ("John Roe", "Bowdoin College")],
        ),
        (
            "Jane Doe, Professor of Law and Economics, Yale University",
            [("Jane Doe", "Professor of Law and Economics, Yale University")],
        ),
        # A widget showing the name twice (a link and its label) names one person.
        ("Colin Gray Colin Gray", [("Colin Gray", None)]),
        ("Abdullah Abdullah", [("Abdullah Abdullah", None)]),
        # A surname ending in 'on', 'at' or 'le', or the name 'Le', before a glued date is
        # kept whole: the date's preposition is a lower-case word of its own.
        ("By Jane Simon March 3, 2024", [("Jane Simon", None)]),
        ("By Kyle Doyle 2024-03-15", [("Kyle Doyle", None)]),
        ("By Anna Le March 3, 2024", [("Anna Le", None)]),
        ("Jane Doe, Boston March 3, 2024", [("Jane Doe", "Boston")]),
        # The preposition capitalised, as some bylines write it.
        ("By Jane Doe On March 3, 2024", [("Jane Doe", None)]),
        ("By Jane Doe AT 10:05", [("Jane Doe", None)]),
    ],
)
def test_parse_byline(byline: str, authors: list[tuple[str, str | None]]) -> None:
    assert [(a.name, a.affiliation) for a in parse_byline(byline)] == authors


# One case per word list: each must be read away for the person to remain.
@pytest.mark.parametrize(
    "byline",
    [
        "By Anna Schmidt",  # prefix
        "Von Anna Schmidt",
        "Par Anna Schmidt",
        "Written by Anna Schmidt",
        "Text: Anna Schmidt",
        "Autorin: Anna Schmidt",
        "di Anna Schmidt",
        "Anna Schmidt, Staff Writer",  # role
        "Anna Schmidt Contributor",
        "Anna Schmidt, Korrespondentin",
        "Anna Schmidt Content Marketing Coordinator",  # qualified roles glued to the name
        "Anna Schmidt Senior Harbour Reporter",
        "Anna Schmidt, Managing Director",
        "Anna Schmidt, dpa",  # organisation
        "Anna Schmidt and The Associated Press",
        "Anna Schmidt & Nachrichtenagentur",
        "Anna Schmidt, June 14, 2022",  # date tails
        "Anna Schmidt 2024-03-15",
        "Anna Schmidt 4 August 2010",
        "Posted by Anna Schmidt on June 14, 2022",  # a blog's date after 'on' or 'at'
        "Posted by Anna Schmidt at June 14, 2022 10:05 PM",
        "Posted by Anna Schmidt at 10:05 PM",
        "By Anna Schmidt on Monday, May 5",
        "Par Anna Schmidt le 3 mars 2024",
        "Anna Schmidt \u2022 5 min read",  # bullet between name and reading time
        "Anna Schmidt \u22c5 Review Editor",  # middle dot between name and role
        "Anna Schmidt \u00b7 5 min read",
        "Anna Schmidt 3 min read",  # reading time glued to the name
        "Anna Schmidt Last updated",
        "Anna Schmidt Updated Monday, May 5",
        "Anna Schmidt Veröffentlicht am 5. Mai",
        "Anna Schmidt in Berlin",  # place
        "Anna Schmidt (dpa)",  # aside
    ],
)
def test_each_word_list_leaves_the_person(byline: str) -> None:
    assert [author.name for author in parse_byline(byline)] == ["Anna Schmidt"]
    assert split_names(byline, strict=True) == ["Anna Schmidt"]


@pytest.mark.parametrize(
    "name",
    [
        "Reuters Staff",
        "Associated Press",
        "Harbor Daily",
        "Fort Worth Report",
        "USA TODAY",
        "Center for Drug Evaluation",
        "Cancer Council Australia",
        "Die Redaktion",
        "Staff Writer",
        "Marketing Director",
        "www.example.com",
        "Jane",
        "Full Bio",  # interface words beside a byline
        "Read More",
        "More By This Author",
        "Contact Me",
        "Stay Connected",
        "Senior QA Engineer",  # experts' job titles, set apart from the name
        "Junior Affiliate",
        "Senior QA",  # what a role with an unknown noun leaves
        "Registered Dietitian",
        "Former Deputy Tech",
        "About Us",  # a menu link beside a person icon
        "This Author",  # of 'More posts by this author'
    ],
)
def test_outlets_desks_roles_and_single_words_are_not_people(name: str) -> None:
    assert not looks_like_person(name)


def test_particles_and_case_in_strict_and_lenient_names() -> None:
    assert looks_like_person("Ana de la Cruz", strict=True)
    assert not looks_like_person("jane doe", strict=True)
    assert looks_like_person("jane doe")
    assert looks_like_person("王小明")  # one CJK word is a whole name


@pytest.mark.parametrize(
    "byline",
    [
        "By Jane Doe, John Roe and Ann Lee",
        "Jane Doe / John Roe",
        "Jane Doe; John Roe + Ann Lee",
        "Jane Doe - John Roe",
        "Jane Doe und John Roe, dpa",
        "Finian Cunningham. Sputnik International",
        "By Jake Smith , The Conversation",
    ],
)
def test_text_and_html_paths_name_the_same_people(byline: str) -> None:
    names = [author.name for author in parse_byline(byline)]
    assert names
    assert names == split_names(byline, strict=True)


def test_pieces_roles_and_unique_names() -> None:
    assert split_parts("Le Figaro et AFP") == ["Le Figaro", "AFP"]
    assert split_parts("By Jane Doe | Reuters") == ["Jane Doe", "Reuters"]
    assert is_role("Staff Writer")
    assert is_role("Korrespondentin")
    assert not is_role("Jane Doe")
    names = unique_names(["Jane Doe", "JANE DOE", "Site Desk", "John Roe"], "Site Desk".__eq__)
    assert names == ("Jane Doe", "John Roe")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-15T16:04:00Z", datetime(2024, 3, 15, 16, 4, tzinfo=UTC)),
        ("2024-03-15T12:04:00-04:00", datetime(2024, 3, 15, 16, 4, tzinfo=UTC)),
        ("Fri, 15 Mar 2024 16:04:00 +0000", datetime(2024, 3, 15, 16, 4, tzinfo=UTC)),
        ("2024-03-15", None),
        ("March 15, 2024", None),
        ("9 months ago", None),
        ("", None),
        ("9999-12-31T23:59:59-23:59", None),
    ],
)
def test_parse_published(value: str, expected: datetime | None) -> None:
    assert parse_published(value) == expected
