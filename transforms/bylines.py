"""Bylines as found → author names: drop 'By', role words and outlet affiliations."""

from __future__ import annotations

import re

_PREFIX = re.compile(r"^\s*by\s*:?\s*", re.IGNORECASE)
_ROLE = re.compile(
    r"\s*,?\s*\b(?:contributor|contributing writer|staff writer|staff reporter|reporter|"
    r"correspondent|senior writer|editor|columnist)s?\s*$",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"\s*(?:,|\band\b|&|;)\s*", re.IGNORECASE)
# Words that make a byline part an organisation or desk rather than a person.
_ORGANISATION = re.compile(
    r"\b(?:news|foundation|press|associated|reuters|staff|service|network|media|newsroom|"
    r"tribune|journal|times|post|institute|university|center|centre|council|agency|wire|"
    r"report|daily|weekly|magazine|dcnf|ap)\b",
    re.IGNORECASE,
)
_NAME_TOKEN = re.compile(r"^[A-ZÀ-Þ][\w.'\u2019-]*$|^(?:de|da|van|von|der|del|la|le|bin|al)$")


def parse_byline(byline: str) -> tuple[str, ...]:
    """Person names in a byline, in order; organisations and role words are left out."""
    text = _ROLE.sub("", _PREFIX.sub("", byline)).strip()
    names: list[str] = []
    for part in _SEPARATOR.split(text):
        name = _ROLE.sub("", part).strip(" .")
        if name and _looks_like_person(name) and name not in names:
            names.append(name)
    return tuple(names)


def _looks_like_person(name: str) -> bool:
    tokens = name.split()
    if not 2 <= len(tokens) <= 5 or _ORGANISATION.search(name):
        return False
    return all(_NAME_TOKEN.match(token) for token in tokens)
