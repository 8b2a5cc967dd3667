"""Byline parsing keeps people and drops outlets; dates are instants or nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsnorm.transforms.bylines import parse_byline
from newsnorm.transforms.dates import parse_published

DCNF = "Daily Caller News Foundation"


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("Jake Smith Contributor", [("Jake Smith", None)]),
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
    ],
)
def test_parse_byline(byline: str, authors: list[tuple[str, str | None]]) -> None:
    assert [(a.name, a.affiliation) for a in parse_byline(byline)] == authors


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
