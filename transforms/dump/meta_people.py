"""What a line around a dump's headline names: the people of a byline (`meta_lines.py`).

A byline says it is one ('By Jane Doe'), or names nothing but people and what they are (a
role, an affiliation: 'Jane Doe | Staff writer'), or is written around its date ('Jane Doe ●
May 3, 2025 ● 6 min read'). The shared parser (`bylines.parse_byline`) reads the people.
"""

from __future__ import annotations

import re

from newsnorm.transforms.bylines import (
    byline_credits,
    house_credits,
    is_role,
    parse_byline,
    split_parts,
)
from newsnorm.transforms.bylinewords import PREFIX
from newsnorm.transforms.dump.meta_dates import (
    ENDS,
    MAX_WORDS,
    around_dates,
    date_line,
    first_date,
    read_line,
)
from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.records import Author

_AFFILIATION_WORDS = 5
# What joins a name to the date after it ('Jane Doe on', 'Jane Doe ●'), and what trails a
# byline after its date ('4 Comments', 'Posted in Travel', 'In Budget Travel, …', '6 min read').
_AFTER_NAME = re.compile(r"(?i)[\s\W]*\b(?:on|at|published|posted|updated)?[\s\W]*$")
_TRAILER = re.compile(
    r"\s+(?:(?i:\d+|no)\s+(?i:comments?)\b|(?i:posted|filed)\s+(?i:in)\b|In\s+[A-Z]|"
    r"\d+\s*(?i:min(?:ute)?s?)\s+(?i:read)\b).*$"
)

# What sets a byline's pieces apart on its line ('3 min read · By ASU Online').
_SEPARATOR = re.compile(r"\s[|\u00b7\u2022\u25cf\u22c5]\s|\s[-\u2013\u2014]\s")
# A credit as written: words, not a link's or markup's remains ('Jane Doe](/search?q=…').
_WORDS = re.compile(r"[\w&'\u2019.-]+(?:\s+[\w&'\u2019.-]+)*")
# What a filter or sort row offers after 'By' ('By Topic', 'By Region | June 3, 2025'), and a
# CMS's placeholder for a missing author ('By Admin'): no credit, whatever date stands beside.
_NO_CREDIT = re.compile(
    r"(?i)(?:the\s+)?(?:topics?|regions?|dates?|popularity|locations?|relevance|names?|"
    r"newest|oldest|latest|numbers|states?|countr(?:y|ies)|years?|months?|tags?|subjects?|"
    r"formats?|industr(?:y|ies)|sectors?|languages?|types?|admin(?:istrator)?|guest|"
    r"anonymous|unknown|users?|webmaster|default)"
)
# A credit is a name, not a clause: 'By Christmas, the hens …', 'By Tuesday, it was bare.'
_CLAUSE = re.compile(r"[,;.!?]")
# What may stand before a 'By …' piece on its line: its date, a read time ('3 min read').
_READ_TIME = re.compile(r"(?i)\d+\s*min(?:ute)?s?(?:\s+read)?")
# A writer's address after their name ('Jane Roe jane.roe@example.com', 'Jane Roe | jroe@…').
_EMAIL = re.compile(r"[\s|,\u00b7\u2022-]*\(?([\w.+-]+)@[\w-]+(?:\.[\w-]+)+\)?\s*$")
_NAME_PART = 3
# A credit for the pictures, not the story ('Photo by …', 'Video by …').
PICTURE_BY = re.compile(
    r"(?i)\W*(?:photos?|photographs?|pictures?|images?|videos?|illustrations?|graphics?)\s+by\b"
)


def beside_date(text: str) -> tuple[Author, ...]:
    """The people of a byline written around its date ('By Jane Doe on May 3, 2025', 'May
    3, 2025 By Jane Doe 4 Comments', 'Jane Doe ● May 3, 2025 ● 6 min read'): the name
    before the date, or a 'By …' after it, read without the date and what trails it."""
    if len(text.split()) > MAX_WORDS:
        return ()
    pieces = around_dates(text)
    if len(pieces) < 2:
        return ()
    before = _AFTER_NAME.sub("", pieces[0]).strip(ENDS)
    if before and (people := line_people(before, alone=True)):
        return people
    for piece in pieces[1:]:
        piece = _TRAILER.sub("", piece).strip(ENDS)
        if PREFIX.match(piece) and (people := line_people(piece)):
            return people
    return ()


def line_credits(units: list[Unit], taken: list[int], text: str, sure: bool, end: int) -> list[str]:
    """What a byline naming no person credits: after 'By', the site's staff ('By Resy
    Staff'); when a date stands on the line or right above or below it (the byline's own:
    'By Clay' / 'Mar 14, 2024'), what a 'By …' piece credits (`by_credits`: an organisation
    or a name of one word, 'By ASU Online'), or the site's staff alone on the line ('EDB
    Team' / 'September 18, 2024'); with no date near, a 'By …' line may be a menu's ('By
    Topic'), a team's name a heading. The date read as evidence stands before `end`, the
    window's end, so it is read and moved with the byline. `sure` (below another headline):
    only a line that says it is a byline, 'By …' or its date on it."""
    if sure and not (PREFIX.match(text) or first_date(text)):
        return []
    if PREFIX.match(text) and (staff := house_credits(text)):
        return staff
    credits = by_credits(text) or _staff_alone(text)
    if not credits or first_date(text):
        return credits
    near = [at for at in (taken[0] - 1, taken[-1] + 1) if 0 <= at < min(end, len(units))]
    dated = any(date_line(read_line(units[at].text), updates=True) for at in near)
    return credits if dated else []


def _staff_alone(text: str) -> list[str]:
    """The site's staff as the whole line says it in two words or more ('EDB Team', 'Tidewater
    Newsdesk'), or nothing: a word alone ('Newsroom', 'Team') is as often a breadcrumb's."""
    staff = house_credits(text)
    whole = " ".join(staff)
    return staff if whole == text.strip(ENDS) and len(whole.split()) > 1 else []


def by_credits(text: str) -> list[str]:
    """What a 'By …' line credits where it names no person, as the HTML path reads a
    visible credit (`byline_credits`): the site's staff ('By Resy Staff'), or after 'By' an
    organisation or a name of one word ('By ASU Online', 'By Clay'); the 'By …' piece may
    stand after the line's date and a read time ('March 15, 2022 · 3 min read · By ASU
    Online'), and nothing else: a picture's or an event's piece before it ('Cover photo ·
    By …', 'Tickets · By …') credits no writer, nor does a sentence ('By Christmas, the hens
    …'), a filter's offer ('By Topic') or a placeholder ('By Admin')."""
    if len(text.split()) > MAX_WORDS:
        return []
    pieces = [
        _TRAILER.sub("", piece).strip(ENDS)
        for chunk in around_dates(text) or [text]
        for piece in _SEPARATOR.split(chunk)
    ]
    for at, piece in enumerate(pieces):
        if not PREFIX.match(piece):
            continue
        before = pieces[:at]
        if PICTURE_BY.match(piece) or not all(_header_piece(other) for other in before):
            return []
        named = PREFIX.sub("", piece, count=1)
        if _CLAUSE.search(named) or _NO_CREDIT.fullmatch(named.strip()):
            return []
        credits = byline_credits(piece)
        return [credit for credit in credits if _WORDS.fullmatch(credit)]
    return []


def _header_piece(piece: str) -> bool:
    """Whether a piece before a 'By …' is what a story's header writes there: nothing left
    once its date is read, or a read time."""
    return not piece or _READ_TIME.fullmatch(piece) is not None or first_date(piece) is not None


def line_people(text: str, alone: bool = False) -> tuple[Author, ...]:
    """The people of a byline line: 'By …' naming people, or a line whose every piece is a
    person or a role ('Jane Doe | Staff writer'), the date it may carry aside; `alone`: a
    name may stand alone (a date line follows it)."""
    if len(text.split()) > MAX_WORDS:
        return ()
    addressed = _EMAIL.search(text)
    if addressed and addressed.start() > 0:
        return _addressed(text[: addressed.start()], addressed.group(1))
    people = parse_byline(text)
    if not people:
        return ()
    if PREFIX.match(text):
        return people
    names = {author.name for author in people}
    affiliations = {author.affiliation for author in people if author.affiliation}
    pieces = split_parts(text)
    # Without 'By', a line is a byline only when it names nothing but people (and what they
    # are affiliated to): a subheading or a breadcrumb of capitalised words reads as names
    # too, so a role or an affiliation beside them, or a date.
    if any(
        piece not in names and not is_role(piece) and not _within(piece, affiliations)
        for piece in pieces
    ):
        return ()
    return people if alone or len(pieces) > len(people) or first_date(text) else ()


def _addressed(name: str, local: str) -> tuple[Author, ...]:
    """The one person a line names before an address that is theirs (`_EMAIL`): a part of
    their name stands in its local part ('jane.roe', 'jroe'), so a contact line of the
    page's ('Tips: news@…') names no one."""
    people = line_people(name, alone=True)
    if len(people) != 1:
        return ()
    parts = [part.casefold() for part in people[0].name.split() if len(part) >= _NAME_PART]
    return people if any(part in local.casefold() for part in parts) else ()


def _within(piece: str, affiliations: set[str]) -> bool:
    """A piece of an affiliation as an outlet reads: capitalised, a few words, no number."""
    return (
        piece[:1].isupper()
        and len(piece.split()) <= _AFFILIATION_WORDS
        and not any(character.isdigit() for character in piece)
        and any(piece in affiliation for affiliation in affiliations)
    )
