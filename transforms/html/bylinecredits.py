"""Credits a visible byline gives where it names no person: the site's staff, an
organisation after an explicit 'By', the site's own name standing as the byline."""

from __future__ import annotations

from newsnorm.transforms.bylines import byline_credits
from newsnorm.transforms.html.bylines import visible_sources
from newsnorm.transforms.html.facts import PageFacts, clean_text
from newsnorm.transforms.html.sitenames import is_site_name, site_keys


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
