"""Whether a name standing alone under a dump's headline is its byline (`meta_lines.py`).

A name alone may be a section's or a site's ('Recruiting Top Talent', 'Coastal Living'),
so it is a byline only when the lines around it say so: its date line or its job title under
it, or its date past separators and a job title; never a name the page shows on a line of
its own above the headline or in it. (A date line above it is no evidence: a kicker, a place
or a section under the date reads as two capitalised words too: 'New York', 'Paid
Partnership'.)
"""

from __future__ import annotations

import re

from newsnorm.transforms.bylines import looks_like_person
from newsnorm.transforms.bylinewords import ROLE_WORD
from newsnorm.transforms.dump.meta_dates import ENDS, date_line, read_line
from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.records import Author

# A job title that makes pictures: the name above it is no writer ('Staff Photographer').
_PICTURE_ROLE = re.compile(r"(?i)\b(?:photographer|illustrator|videographer|camera\w*)s?\b")
# Between a name and its date line: separators, and a job title.
_GAP_UNITS = 3
# A job title on its own line under a name has at most this many words.
_ROLE_LINE_WORDS = 5


def names_shown(units: list[Unit], title: int, people: tuple[Author, ...]) -> bool:
    """Whether a name of `people` is in the headline `units[title]` or a line of its own
    above it: the site's or a section's ('Scientific American' / headline / 'February 1,
    2024'; 'Tidewater Courier | May 3, 2025' over the headline, the menu showing it alone)."""
    shown = {unit.text.strip(ENDS).casefold() for unit in units[:title]}
    heading = units[title].text.casefold()
    return any((name := person.name.casefold()) in shown or name in heading for person in people)


def role_line(text: str) -> bool:
    """A job title on its own line under a name ('Trending Editor', 'Co-Founder & Marketing
    Director'): a few words naming a role, no number, not itself a name."""
    return (
        len(text.split()) <= _ROLE_LINE_WORDS
        and ROLE_WORD.search(text) is not None
        and _PICTURE_ROLE.search(text) is None
        and not any(character.isdigit() for character in text)
        and not looks_like_person(text, strict=True)
    )


def date_after(units: list[Unit], below: int) -> bool:
    """Whether a date line follows a name past separators ('•', '·') and a job title that
    says the name is a byline's ('Jane Doe' / '• Staff Writer' / '• May 3, 2025'): a name
    apart from its date with nothing else between may be a section's ('Coastal Living')."""
    role = False
    for unit in units[below : below + 1 + _GAP_UNITS]:
        line = read_line(unit.text)
        if date_line(line, updates=True):
            return role
        if line and (role or not role_line(line)):
            return False
        role = role or bool(line)
    return False
