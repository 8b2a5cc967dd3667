"""Bylines as found → authors with affiliations; outlets, desks and agencies are not people."""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsnorm.transforms.records import Author

_PIPE = re.compile(r"\|\s*")
_PREFIX = re.compile(r"^\s*by\s*:?\s*[-\u2013\u2014]?\s*", re.IGNORECASE)
_ROLE = re.compile(
    r"\s*,?\s*\b(?:contributor|contributing writer|staff writer|staff reporter|reporter|"
    r"correspondent|senior writer|editor|columnist|writer)s?\s*$",
    re.IGNORECASE,
)
# "Jane Doe and John Roe, Outlet": people first, then one trailing affiliation.
_PEOPLE_SEPARATOR = re.compile(r"\s*(?:\band\b|&|;)\s*", re.IGNORECASE)
# Words that make a byline part an organisation, desk or agency rather than a person.
_ORGANISATION = re.compile(
    r"\b(?:news|foundation|press|associated|reuters|staff|service|network|media|newsroom|"
    r"tribune|journal|times|post|institute|university|center|centre|council|agency|wire|"
    r"report|daily|weekly|magazine|dcnf|ap|afp|desk|team|health|conversation|propublica|"
    r"grist|stateline|calmatters|today|square|school|college|department|office|society)\b",
    re.IGNORECASE,
)
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z\u00c0-\u00de][\w.'\u2019-]*|de|da|van|von|der|del|la|le|bin|al|dos|du|St\.)$"
)
_DATE_TAIL = re.compile(
    r"\s*[-\u2013\u2014,]?\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? "
    r"\d{1,2},? \d{4}|\d{4}-\d{2}-\d{2}).*$",
    re.IGNORECASE,
)


def parse_byline(byline: str) -> tuple[Author, ...]:
    """People in a byline, in order, each with the affiliation named after a comma.

    'By: Jake Smith, Daily Caller News Foundation' → Jake Smith (Daily Caller News
    Foundation); 'By The Associated Press' and 'OAN Staff' name no person.
    """
    # 'Jane Doe | The Center Square': the outlet after a pipe is an affiliation too.
    byline = _PIPE.sub(", ", byline, count=1)
    text = _DATE_TAIL.sub("", _PREFIX.sub("", byline)).strip()
    text = _ROLE.sub("", text).strip(" ,")
    people, _, affiliation = text.partition(",")
    affiliation = _ROLE.sub("", affiliation).strip(" .") or ""
    if affiliation and all(map(_looks_like_person, _PEOPLE_SEPARATOR.split(affiliation))):
        # "Jane Doe, John Roe and Ann Lee": a list of people, not an affiliation.
        parts = [part.strip() for part in re.split(r",|\band\b|&", text) if part.strip()]
        return _unique(Author(name) for name in parts if _looks_like_person(name))
    names = [_ROLE.sub("", part).strip(" .") for part in _PEOPLE_SEPARATOR.split(people)]
    return _unique(
        Author(name, affiliation or None) for name in names if name and _looks_like_person(name)
    )


def _unique(authors: Iterable[Author]) -> tuple[Author, ...]:
    seen: dict[str, Author] = {}
    for author in authors:
        seen.setdefault(author.name, author)
    return tuple(seen.values())


def _looks_like_person(name: str) -> bool:
    tokens = name.split()
    if not 2 <= len(tokens) <= 5 or _ORGANISATION.search(name):
        return False
    return all(_NAME_TOKEN.match(token) for token in tokens)
