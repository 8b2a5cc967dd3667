"""The byline and the date line under a dump's headline: the article's metadata, not its story.

A page shows who wrote its story and when just below the headline ('By Jane Doe', 'Jane Doe |
Staff writer', 'Published 3 May 2025'). A whole-page dump keeps them as lines, which the line
model judges story or chrome like any other; here they become `byline`, `authors` and
`published_on` / `published_at` (source `headline`, the date shown with the headline, as on the
HTML path). Only the few units right below the headline count, before the first unit that is
neither (a byline-shaped line inside the story is a quote), past a summary only when the
byline below it says it is one, or when a lone date line follows it and a byline stands
near (`_lone_date`); when none of them dates the story, the line right above the
headline may (a date line over the title), and the page's one 'Written by' credit,
wherever it stands, or else the author's box that ends the story ('Jane Doe is a staff
writer …'), may name the author. A name goes only when the shared byline parser
(`bylines.py`) reads people in it, a credit of no person only with its date beside it
(`meta_people.line_credits`); a date only when the shared date reader reads a whole day with
its year (`meta_dates.py`). An update alone is no publication date: its line stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from newsnorm.transforms.bylines import (
    house_credits,
    looks_like_person,
)
from newsnorm.transforms.bylinewords import PREFIX
from newsnorm.transforms.dump.author_box import box_name
from newsnorm.transforms.dump.meta_dates import (
    ENDS,
    around_dates,
    date_line,
    earliest_day,
    first_date,
    one_date,
    read_line,
)
from newsnorm.transforms.dump.meta_names import (
    date_after,
    names_shown,
    role_line,
)
from newsnorm.transforms.dump.meta_people import PICTURE_BY, beside_date, line_credits, line_people
from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.records import Author

BYLINE_RULE = "below-headline:byline"
DATE_RULE = "below-headline:date_line"
ABOVE_BYLINE_RULE = "above-headline:byline"
ABOVE_DATE_RULE = "above-headline:date_line"
WRITTEN_BY_RULE = "written-by:byline"
BYLINE_KIND = "byline"
DATE_KIND = "published"
# `published_at_source`: the date shown with the headline, as HTML's date line under it.
SOURCE = "headline"
# Units looked at below the headline.
WINDOW = 6
# A unit that is only a label for the next: 'By', 'Author', 'Published on', 'Last updated:'.
_LABEL = re.compile(
    r"(?i)\W*(?:(?:(?:written|posted|reported)\s+)?by|authors?|written|"
    r"(?:last\s+)?(?:published|posted|updated)(?:\s+(?:on|at))?)\W*"
)
# Who reviewed, checked or edited a story, or made its pictures, is not its author.
_OTHER_ROLE = re.compile(
    r"(?i)\b(?:reviewed|checked|edited|photos?|photographs?|illustrations?|images?)\s+by\W*$|"
    r"^\W*(?:medically\s+|fact[- ]?)?(?:reviewed|checked|edited)\s+by\b"
)
# A heading over boxes about others than the story's writer: its reviewers, a rail of the
# site's writers or of related stories.
_OTHER_BOXES = re.compile(
    r"(?i)(?:medically\s+|fact[- ]?)?(?:reviewed|checked|edited)\b|more\s+(?:from|by)\b|"
    r"related\b|(?:our|the|meet\s+the)\s+(?:writers|authors|team|experts|reviewers|"
    r"contributors|editors)\b|(?:about\s+the\s+)?(?:reviewers?|experts?)\b"
)
# A unit of this many words that the body keeps is the story's first paragraph.
STORY_WORDS = 12
# A summary under the headline, above its byline, has at most this many words and sentences.
DEK_WORDS = 60
DEK_SENTENCES = 3
# One sentence of at most this many words passes as a summary above 'By …' with no date.
SHORT_DEK_WORDS = 30
_BY, _BY_OVER_SHORT, _DATED = 1, 2, 3
# A credit that names the story's writer wherever it stands ('Written by Jane Doe'), a line
# of its own: capitalised ('written by …, with art by …' is a sentence a converter split).
_WRITTEN_BY = re.compile(r"(?:Written|WRITTEN|Authored|AUTHORED)\s+(?i:by)\b")
_SENTENCES = re.compile(r"[.!?](?=\s|$)")


@dataclass(frozen=True, slots=True)
class MetaLines:
    """What the units around the headline give: each moved unit's index with its rule and
    kind, the byline as written and its people, the date line's day and instant."""

    moved: dict[int, tuple[str, str]]
    byline: str | None = None
    authors: tuple[Author, ...] = ()
    published_on: date | None = None
    published_at: datetime | None = None
    organizations: tuple[str, ...] = ()


def meta_lines(
    units: list[Unit],
    title: int,
    kept: list[int],
    has_byline: bool,
    has_date: bool,
    box: int | None = None,
) -> MetaLines:
    """The byline and date line among the `WINDOW` units below the headline `title`, before
    the first story paragraph the body keeps (`STORY_WORDS`); a credit elsewhere (`_credited`)
    when none names the author, the unit above the headline when none dates the story;
    `has_byline` / `has_date`: the adapters found one, none is looked for."""
    found, _ = below_headline(units, title, kept, has_byline, has_date)
    moved, byline, authors = dict(found.moved), found.byline, found.authors
    day = (found.published_on, found.published_at) if found.published_on else None
    if not (byline or has_byline) and (credit := _credited(units, title, box)):
        signed, byline, authors = credit
        moved.update(dict.fromkeys(signed, (WRITTEN_BY_RULE, BYLINE_KIND)))
    if title >= 1 and not (day or has_date):
        above, people, day = _above(units, title, not (byline or has_byline))
        if people:
            byline, authors = above, people
        moved.update(dict.fromkeys([title - 1] if day else [], _above_rule(people)))
    published_on, published_at = day or (None, None)
    return MetaLines(moved, byline, authors, published_on, published_at, found.organizations)


def below_headline(
    units: list[Unit],
    title: int,
    kept: list[int],
    has_byline: bool,
    has_date: bool,
    sure: bool = False,
    stop: int | None = None,
) -> tuple[MetaLines, bool]:
    """What the units right below `title` state (`meta_lines`), and whether a paragraph
    the body keeps ends them; `sure`: only a byline that says it is one ('By …', or its date
    on its line) and is no story sentence, and a date line no other follows closely (a
    listing's); `stop`: the units are read up to this one (another headline), not past it."""
    moved: dict[int, tuple[str, str]] = {}
    byline: str | None = None
    authors: tuple[Author, ...] = ()
    organizations: tuple[str, ...] = ()
    day: tuple[date, datetime | None] | None = None
    dek = reached = False
    end = min(title + 1 + WINDOW, len(units), len(units) if stop is None else stop)
    index = title + 1
    while index < end:
        # A label alone ('By', 'Published on') names what the next unit holds.
        taken = [index, index + 1] if _LABEL.fullmatch(units[index].text) else [index]
        taken = [at for at in taken if at < len(units)]
        text = read_line(" ".join(units[at].text for at in taken))
        reviewer = _OTHER_ROLE.search(text) or _OTHER_ROLE.search(units[index - 1].text)
        pictures = PICTURE_BY.match(text)  # 'Photo by …': the pictures' credit, not the story's
        skip = has_byline or byline or reviewer or pictures
        people = () if skip else line_people(text) or beside_date(text)
        sentence = sure and _sentence(text)  # 'By noon the river had risen …'
        if sure and (sentence or not (PREFIX.match(text) or first_date(text))):
            people = ()
        elif not (people or skip) and taken[-1] + 1 < end:
            people, below = _name_alone(units, title, taken[-1] + 1, text)
            if below is not None:
                taken.append(below)
                text = f"{text} {read_line(units[below].text)}"
        named = people or skip or sentence
        staff = [] if named else line_credits(units, taken, text, sure, end)
        dated = None if has_date or day else date_line(text, with_byline=bool(people or staff))
        dated = earliest_day(text, dated)
        if dated and sure and _other_day_near(units, taken, dated[0]):
            break  # a listing's or a rail's dated items, not the story's header
        if people or staff:
            byline, authors, organizations = text, people, tuple(staff)
            moved.update(dict.fromkeys(taken, (BYLINE_RULE, BYLINE_KIND)))
            day = day or dated
        elif dated:
            day = dated
            moved.update(dict.fromkeys(taken, (DATE_RULE, DATE_KIND)))
        elif index in kept and len(text.split()) >= STORY_WORDS:
            if dek or not _dek(text, units[taken[-1] + 1 :], bool(byline or has_byline)):
                reached = True
                break  # the story begins: what reads as a byline below it is the story's
            dek = True
        index = taken[-1] + 1
    published_on, published_at = day or (None, None)
    return MetaLines(moved, byline, authors, published_on, published_at, organizations), reached


def _above(
    units: list[Unit], title: int, want_byline: bool
) -> tuple[str, tuple[Author, ...], tuple[date, datetime | None] | None]:
    """What the unit right above the headline states: a date line ('Friday, December 19,
    2025'), or, when `want_byline`, a byline with its date ('May 3, 2025 by Jane Doe'); a line
    that writes two days states none. Not the line over a read time under a date: a rail's
    teaser shows its own date and read time over the next headline (review of dmeta27)."""
    text = read_line(units[title - 1].text)
    if not one_date(text):
        return text, (), None
    people = (line_people(text) or beside_date(text)) if want_byline and first_date(text) else ()
    dated = date_line(text, with_byline=bool(people))
    if people and not PREFIX.match(text) and names_shown(units, title, people):
        people = ()  # the site's or a section's name beside the date: the date stays
    return text, people if dated else (), dated


def _credited(
    units: list[Unit], title: int, box: int | None
) -> tuple[list[int], str, tuple[Author, ...]] | None:
    """The page's one 'Written by' credit (its index moves), or else the author's box that
    ends the story (`box`, `author_box.box_end`; it stays where the story stage put it)."""
    if signed := _written_by(units, title):
        return [signed[0]], signed[1], signed[2]
    boxed = _boxed(units, title, box)
    return ([], *boxed) if boxed else None


def _written_by(units: list[Unit], title: int) -> tuple[int, str, tuple[Author, ...]] | None:
    """The one 'Written by …' line below the headline naming people (a credit at the story's
    end, or below share buttons), not a sentence ('Written by Jane Doe and John Roe, the
    report runs to forty pages.' opens a paragraph): its index, text and people; None when
    the page has none, or several naming different people (a rail of other stories' credits)."""
    found = [
        (index, line, people)
        for index in range(title + 1, len(units))
        if _WRITTEN_BY.match(line := read_line(units[index].text))
        and not _sentence(line)
        and (people := line_people(line))
    ]
    names = {tuple(person.name for person in people) for _, _, people in found}
    return found[0] if len(names) == 1 else None


def _boxed(units: list[Unit], title: int, box: int | None) -> tuple[str, tuple[Author, ...]] | None:
    """The person the author's box that ends the story names ('Jane Doe is a staff writer
    …', `author_box.py`), a box of its own: the page's boxes below the headline name no one
    else, none is under a heading of other people's boxes (`_OTHER_BOXES`: a reviewer's, a
    rail of writers), its name no one's the page credits with another role ('Medically
    reviewed by …'). A box inside the story is a source's."""
    if box is None or not (name := box_name(units[box].text)):
        return None
    named = {found.casefold() for unit in units[title + 1 :] if (found := box_name(unit.text))}
    if named != {name.casefold()}:
        return None
    if not looks_like_person(name, strict=True):
        return None
    if any(_OTHER_BOXES.match(unit.text.strip(ENDS)) for unit in units[max(box - 2, 0) : box]):
        return None
    if any(_OTHER_ROLE.search(unit.text) and name in unit.text for unit in units):
        return None
    return name, (Author(name),)


def _above_rule(people: tuple[Author, ...]) -> tuple[str, str]:
    """The rule and kind of the line above the headline that was read."""
    return (ABOVE_BYLINE_RULE, BYLINE_KIND) if people else (ABOVE_DATE_RULE, DATE_KIND)


def _name_alone(
    units: list[Unit], title: int, below: int, text: str
) -> tuple[tuple[Author, ...], int | None]:
    """The people of a name standing alone, when a date line follows it ('Jane Doe' / 'May
    3, 2025'), a job title does ('Jane Doe' / 'Tech Writer', which goes with it: the index
    returned), or separators and a job title then a date line (`date_after`), and the page
    does not show the name as its site's or section's."""
    following = read_line(units[below].text)
    role = role_line(following)
    if _LABEL.fullmatch(following) and below + 1 < len(units):
        following = read_line(f"{following} {units[below + 1].text}")
    if not (role or date_line(following, updates=True) or date_after(units, below)):
        return (), None
    people = line_people(text, alone=True)
    if not people or names_shown(units, title, people):
        return (), None
    if role and _by_line_below(units[below + 1 : title + 1 + WINDOW]):
        return (), None  # a 'By …' line below names the author: the name is someone else's
    return people, below if role else None


def _by_line_below(units: list[Unit]) -> bool:
    """Whether a 'By …' line naming people (not a picture credit) stands among `units`
    before the story's first paragraph (`STORY_WORDS`: a 'By' line inside it is a quote)."""
    for unit in units:
        line = read_line(unit.text)
        if len(line.split()) >= STORY_WORDS:
            return False
        if PREFIX.match(line) and not PICTURE_BY.match(line) and line_people(line):
            return True
    return False


def _dek(text: str, below: list[Unit], bylined: bool) -> bool:
    """A headline's summary right above a byline that says it is one (a story's first
    paragraph is longer, or is not followed so): one sentence of at most `SHORT_DEK_WORDS`
    words above 'By …' naming people, or at most `DEK_WORDS` words in at most
    `DEK_SENTENCES` sentences above a byline with its date ('Jane Doe • May 3, 2025', or a
    date line below it) or above 'By …' with a short line under it (a job title); a short
    line (a photo credit) may stand between; or such a summary above a date line that no
    other follows closely (a listing's items are dated one after another) when a byline
    says the page's metadata is around it (`bylined`: one above it, or one right under the
    date line): a story's first paragraph may stand above an event's date."""
    words, sentences = len(text.split()), len(_SENTENCES.findall(text.rstrip()))
    if words > DEK_WORDS or sentences > DEK_SENTENCES:
        return False
    short = words <= SHORT_DEK_WORDS and sentences <= 1
    for at in range(min(2, len(below))):
        strength = _byline_below(below[at:])
        if strength >= _BY_OVER_SHORT or (strength == _BY and short and at == 0):
            return True
        signed = bylined or (len(below) > at + 1 and _byline_below(below[at + 1 :]))
        if _lone_date(below[at:]) and signed:
            return True
        if len(below[at].text.split()) >= STORY_WORDS:
            return False
    return False


def _lone_date(below: list[Unit]) -> bool:
    """Whether the first of `below` is a date line that no other date line follows within
    `WINDOW` units (the dates of a rail or a listing's items follow each other)."""
    if not date_line(read_line(below[0].text)):
        return False
    return not any(date_line(read_line(unit.text)) for unit in below[1 : 1 + WINDOW])


def _other_day_near(units: list[Unit], taken: list[int], day: date) -> bool:
    """Whether a date line of another day, or a byline with another day on its line ('By
    Jane Roe · May 30, 2025'), stands within `WINDOW` units above or below the units `taken`
    (a listing's or a rail's items are dated one after another, often with their bylines).
    Below, a dated byline counts only above the story's first paragraph: one inside the story
    is a quoted or related item's, not a sign of a listing."""
    below = taken[-1] + 1
    under = units[below : below + WINDOW]
    story = next(
        (at for at, unit in enumerate(under) if len(unit.text.split()) >= STORY_WORDS), len(under)
    )
    near = [(unit, True) for unit in units[max(taken[0] - WINDOW, 0) : taken[0]]]
    near += [(unit, at < story) for at, unit in enumerate(under)]
    return any(
        (found := _dated(read_line(unit.text), bylines)) and found[0] != day
        for unit, bylines in near
    )


def _dated(line: str, bylines: bool = True) -> tuple[date, datetime | None] | None:
    """The day of a date line, or, with `bylines`, of a byline written around its date
    (`beside_date`); a picture's or a reviewer's dated credit is no other item's byline."""
    if not bylines or PICTURE_BY.match(line) or _OTHER_ROLE.search(line):
        return date_line(line)
    return date_line(line, with_byline=bool(beside_date(line)))


def _byline_below(below: list[Unit]) -> int:
    """How surely the first of `below` is a byline (`_dek`): `_DATED`, a byline with its
    date on its line or a date line under it; `_BY_OVER_SHORT`, 'By …' naming people or
    the site's staff over a short line; `_BY`, 'By …' naming them; else 0."""
    line = read_line(below[0].text)
    rest = below[1:]
    if _LABEL.fullmatch(line) and rest:
        line, rest = read_line(f"{line} {rest[0].text}"), rest[1:]
    by = bool(PREFIX.match(line))
    people = line_people(line) or beside_date(line) or line_people(line, alone=True)
    if not (people or (by and house_credits(line))):
        return 0
    if first_date(line) or (rest and date_line(read_line(rest[0].text), updates=True)):
        return _DATED
    if by and rest and len(rest[0].text.split()) < STORY_WORDS:
        return _BY_OVER_SHORT
    return _BY if by else 0


def _sentence(line: str) -> bool:
    """A line that reads as a story's sentence, not a credit: `STORY_WORDS` words or more
    before any date it writes, ending with a full stop, a question or an exclamation mark."""
    before = (around_dates(line) or [line])[0]
    return len(before.split()) >= STORY_WORDS and line.rstrip()[-1:] in ".!?"
