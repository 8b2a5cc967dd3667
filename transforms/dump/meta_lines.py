"""The byline and the date line under a dump's headline: the article's metadata, not its story.

A page shows who wrote its story and when just below the headline ('By Jane Doe', 'Jane Doe |
Staff writer', 'Published 3 May 2025'). A whole-page dump keeps them as lines, which the line
model judges story or chrome like any other; here they become `byline`, `authors` and
`published_on` / `published_at` (source `headline`, the date shown with the headline, as on the
HTML path). Only the few units right below the headline count, before the first unit that is
neither (a byline-shaped line inside the story is a quote). A name goes only when the shared
byline parser (`bylines.py`) reads people in it; a date only when the shared date reader reads
a whole day with its year. An update alone is no publication date: its line stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from newsnorm.transforms.bylines import house_credits, is_role, parse_byline, split_parts
from newsnorm.transforms.bylinewords import PREFIX
from newsnorm.transforms.dates import parse_published
from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.html.datetext import ISO, find_date_at, to_iso
from newsnorm.transforms.records import Article, Author

BYLINE_RULE = "below-headline:byline"
DATE_RULE = "below-headline:date_line"
BYLINE_KIND = "byline"
DATE_KIND = "published"
# `published_at_source`: the date shown with the headline, as HTML's date line under it.
SOURCE = "headline"
# Units looked at below the headline, and the most words a byline or date line has.
WINDOW = 6
MAX_WORDS = 20
_WORD = re.compile(r"[^\W\d_]+|\d+")
# Words a date line may hold besides its date: labels, weekdays, times, zones, reading time.
_DATE_WORD_LIST = (
    "published posted updated last on at am pm a m p min mins minute minutes read "
    "monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun "
    "utc gmt et est edt ct cst cdt mt mst mdt pt pst pdt bst cet cest ist aest "
    "veröffentlicht aktualisiert am um uhr publié le mis à jour publicado el"
)
_DATE_WORDS = frozenset(_DATE_WORD_LIST.split())
_MONTH_OR_NUMBER = re.compile(
    r"(?i)^(?:\d+(?:st|nd|rd|th)?|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|"
    r"january|february|march|april|june|july|august|september|october|november|december)$"
)
# An update label before a date, no publication label after it ('Last Updated: …', 'Updated
# 6:02 am CST, Thursday, …'): the date is the update's.
_UPDATE_BEFORE = re.compile(r"(?i)\bupdated\b(?!.*\b(?:published|posted)\b)")
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
_AFFILIATION_WORDS = 5
# List marks and separators a converter leaves around a line ('* by Jane Doe', '| May 3').
_ENDS = " \t*+\u2022\u00b7|-\u2013\u2014:"
_GLUED = re.compile(r"(?<=[a-z])(?=(?:Published|Posted|Updated|Last Updated)\b)")
# A unit of this many words that the body keeps is the story's first paragraph.
STORY_WORDS = 12
# A summary under the headline, above its byline, has at most this many words, one sentence.
DEK_WORDS = 30
_SENTENCES = re.compile(r"[.!?](?=\s|$)")


@dataclass(frozen=True, slots=True)
class MetaLines:
    """What the units below the headline give: each moved unit's index with its rule and
    kind, the byline as written and its people, the date line's day and instant."""

    moved: dict[int, tuple[str, str]]
    byline: str | None = None
    authors: tuple[Author, ...] = ()
    published_on: date | None = None
    published_at: datetime | None = None
    organizations: tuple[str, ...] = ()


def meta_lines(
    units: list[Unit], title: int, kept: list[int], has_byline: bool, has_date: bool
) -> MetaLines:
    """The byline and date line among the `WINDOW` units below the headline `title`, before
    the first story paragraph the body keeps (`STORY_WORDS`); `has_byline` / `has_date`:
    the adapters already found one, so it is not looked for again."""
    moved: dict[int, tuple[str, str]] = {}
    byline: str | None = None
    authors: tuple[Author, ...] = ()
    organizations: tuple[str, ...] = ()
    day: tuple[date, datetime | None] | None = None
    kept_set = set(kept)
    dek = False
    end = min(title + 1 + WINDOW, len(units))
    index = title + 1
    while index < end:
        # A label alone ('By', 'Published on') names what the next unit holds.
        taken = [index, index + 1] if _LABEL.fullmatch(units[index].text) else [index]
        taken = [at for at in taken if at < len(units)]
        text = _read(" ".join(units[at].text for at in taken))
        reviewer = _OTHER_ROLE.search(text) or _OTHER_ROLE.search(units[index - 1].text)
        people = () if has_byline or byline or reviewer else _people(text)
        if not (people or has_byline or byline or reviewer) and taken[-1] + 1 < end:
            # A name alone is a byline when a date line follows it ('Jane Doe' / 'May 3').
            following = _read(units[taken[-1] + 1].text)
            if _LABEL.fullmatch(following) and taken[-1] + 2 < len(units):
                following = _read(f"{following} {units[taken[-1] + 2].text}")
            if date_line(following, updates=True):
                people = _people(text, alone=True)
                # A name in the headline, or a line of its own above it, is the site's or a
                # section's ('Scientific American' / headline / 'February 1, 2024').
                shown = {unit.text.strip(_ENDS).casefold() for unit in units[:title]}
                heading = units[title].text.casefold()
                named = [p.name.casefold() for p in people]
                people = () if any(n in shown or n in heading for n in named) else people
        dated = None if has_date or day else date_line(text, with_byline=bool(people))
        staff = (
            house_credits(text)
            if not (people or has_byline or byline or reviewer) and PREFIX.match(text)
            else []
        )
        if people or staff:
            byline, authors, organizations = text, people, tuple(staff)
            moved.update(dict.fromkeys(taken, (BYLINE_RULE, BYLINE_KIND)))
            day = day or dated
        elif dated:
            day = dated
            moved.update(dict.fromkeys(taken, (DATE_RULE, DATE_KIND)))
        elif index in kept_set and len(text.split()) >= STORY_WORDS:
            if dek or not _dek(text, units[taken[-1] + 1 :]):
                break  # the story begins: what reads as a byline below it is the story's
            dek = True
        index = taken[-1] + 1
    return MetaLines(
        moved, byline, authors, day[0] if day else None, day[1] if day else None, organizations
    )


def _dek(text: str, below: list[Unit]) -> bool:
    """A headline's summary line: one sentence of at most `DEK_WORDS` words, right above a
    'By …' line naming people (a story's first paragraph is longer, or is not followed so)."""
    if len(text.split()) > DEK_WORDS or len(_SENTENCES.findall(text.rstrip())) > 1 or not below:
        return False
    line = _read(below[0].text)
    if _LABEL.fullmatch(line) and len(below) > 1:
        line = _read(f"{line} {below[1].text}")
    return bool(PREFIX.match(line)) and bool(_people(line))


def _read(text: str) -> str:
    """The unit as a byline or date line reads: list marks and separators at its ends aside,
    a label a converter glued to the name before it set apart ('By Jane DoePublished: …')."""
    return _GLUED.sub(" ", text.strip(_ENDS))


def _people(text: str, alone: bool = False) -> tuple[Author, ...]:
    """The people of a byline line: 'By …' naming people, or a line whose every piece is a
    person or a role ('Jane Doe | Staff writer'), the date it may carry aside; `alone`: a
    name may stand alone (a date line follows it)."""
    if len(text.split()) > MAX_WORDS:
        return ()
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
    return people if alone or len(pieces) > len(people) or find_date_at(text) else ()


def _within(piece: str, affiliations: set[str]) -> bool:
    """A piece of an affiliation as an outlet reads: capitalised, a few words, no number."""
    return (
        piece[:1].isupper()
        and len(piece.split()) <= _AFFILIATION_WORDS
        and not any(character.isdigit() for character in piece)
        and any(piece in affiliation for affiliation in affiliations)
    )


def date_line(
    text: str, *, with_byline: bool = False, updates: bool = False
) -> tuple[date, datetime | None] | None:
    """The publication day (and instant, when a zone is stated) of a date line: a whole date
    with its year and nothing but labels, weekdays, times and zones beside it ('Published
    Tuesday, May 3, 2025 10:30 am ET'); with a byline on the line, whatever the byline holds.
    None for an update ('Updated May 4, 2025'): that is no publication date (`updates`:
    it is read all the same)."""
    if len(text.split()) > MAX_WORDS:
        return None
    found = find_date_at(text)
    if found is None:
        return None
    value, start = found
    if not updates and _UPDATE_BEFORE.search(text[:start]):
        return None
    if not with_byline and not all(
        word.casefold() in _DATE_WORDS or _MONTH_OR_NUMBER.match(word)
        for word in _WORD.findall(ISO.sub(" ", text))
    ):
        return None
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    stated = to_iso(text[start:]) or value
    return day, parse_published(stated)


def with_meta(article: Article, meta: MetaLines) -> Article:
    """The article with what the lines below its headline state: their byline and people,
    their publication day (an instant only when a zone is stated)."""
    if meta.byline is not None:
        article = replace(
            article,
            byline=meta.byline,
            authors=tuple(author.name for author in meta.authors),
            author_affiliations=tuple(author for author in meta.authors if author.affiliation),
            author_organizations=meta.organizations,
        )
    if meta.published_on is not None:
        article = replace(
            article,
            published_on=meta.published_on,
            published_at=meta.published_at,
            published_at_source=SOURCE,
        )
    return article
