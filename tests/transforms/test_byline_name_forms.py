"""A name's normal form in a byline: a beat and a role set after the name without a comma
(a byline card's name and role in elements of their own) are not part of it. The text path
(`parse_byline`) and the HTML path (`split_names`) share the parser."""

from __future__ import annotations

import pytest

from newsnorm.transforms.bylines import is_role, parse_byline, split_names
from newsnorm.transforms.html.metadata import PageMetadata, extract_metadata
from newsnorm.transforms.html.nodes import parse_page

URL = "https://harbour.example/2025/ferries"


def read(html: str) -> PageMetadata:
    return extract_metadata(parse_page(html)[0], URL)


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Orla Finnegan Lifestyle Writer", ["Orla Finnegan"]),
        ("By Tam Okafor Sports Reporter", ["Tam Okafor"]),
        # 'News' made the whole piece an outlet's: no person was left.
        ("Wren Halloway News Reporter", ["Wren Halloway"]),
        ("Ilse Marrow Senior Health Correspondent", ["Ilse Marrow"]),
        ("Lucan Brisk Digital Video Producer", ["Lucan Brisk"]),
        ("Wren Halloway News Reporter and Tam Okafor", ["Wren Halloway", "Tam Okafor"]),
    ],
)
def test_a_beat_and_a_role_after_a_name_are_cut(byline: str, names: list[str]) -> None:
    assert split_names(byline, strict=True) == names
    assert [author.name for author in parse_byline(byline)] == names


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        # A role after a comma was cut before; a role without a beat too.
        ("Ilse Marrow, Politics Editor", ["Ilse Marrow"]),
        ("Mary Ann Doe Reporter", ["Mary Ann Doe"]),
        # A surname no beat list holds stays: only the role goes.
        ("Margaret Court Reporter", ["Margaret Court"]),
        # A beat with no role after it is a word of the name ('Jane Sports').
        ("Jane Sports", ["Jane Sports"]),
    ],
)
def test_names_around_beats_are_kept(byline: str, names: list[str]) -> None:
    assert split_names(byline, strict=True) == names


def test_a_beat_and_a_role_alone_are_a_role_not_a_credit() -> None:
    assert is_role("News Reporter")
    assert is_role("Lifestyle Writer")


def test_a_byline_card_setting_beat_and_role_beside_the_name_credits_the_person() -> None:
    # No metadata: the byline element is the source, and its role is no organisation.
    html = """<html><body><article><h1>Ferries</h1><div class="byline">
    <span class="name">Wren Halloway</span> <span class="job">News Reporter</span></div>
    <p>The ferry to the island runs twice a day from the old quay.</p></article></body></html>"""
    metadata = read(html)
    assert metadata.authors == ("Wren Halloway",)
    assert metadata.author_organizations == ()
