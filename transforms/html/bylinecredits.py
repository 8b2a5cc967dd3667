"""Credits a visible byline gives where it names no person: the site's staff, an
organisation after an explicit 'By', the site's own name standing as the byline."""

from __future__ import annotations

import re

from newsnorm.transforms.bylines import house_credits, is_role, split_credits
from newsnorm.transforms.bylinewords import DOMAIN, INTERFACE
from newsnorm.transforms.html.bylines import visible_sources
from newsnorm.transforms.html.facts import PageFacts, clean_text
from newsnorm.transforms.html.sitenames import is_site_name, site_keys

_BY_CREDIT = re.compile(r"^\s*(?:(?:written|posted)\s+)?by\b\s*:?\s*(?-i:[A-Z])", re.IGNORECASE)
_MAX_CREDIT_WORDS = 4


def visible_credits(facts: PageFacts) -> list[str]:
    """The house credit a visible byline gives where it names nobody ('By Podium Staff',
    'Newsdesk', 'The Upwork Team'), what an explicit 'By …' credits ('By ASU Online'), or
    the site's own name standing as the byline (an author box or an itemprop=author naming
    the company whose blog it is), from the first source giving one."""
    keys = site_keys(facts)

    def credits(text: str) -> list[str]:
        name = clean_text(text)
        return byline_credits(text) or ([name] if name and is_site_name(name, keys) else [])

    return next((found for found in visible_sources(facts, credits) if found), [])


def byline_credits(text: str) -> list[str]:
    """House credits; else, after an explicit 'By' ('Written by', 'Posted by'), the
    organisation it names: a few words opening and ending capitalised, no person (people
    are read first), role, address or number. Pieces are read as written: a role after
    the credit ('Tova - Product marketer') is not cut down to a capitalised word."""
    found = house_credits(text)
    if found or not _BY_CREDIT.match(text):
        return found
    return [
        piece
        for piece in split_credits(text)
        if piece[:1].isupper() and piece.split()[-1][:1].isupper()
        and 1 <= len(piece.split()) <= _MAX_CREDIT_WORDS
        and not DOMAIN.search(piece) and not is_role(piece) and not INTERFACE.search(piece)
    ]  # fmt: skip
