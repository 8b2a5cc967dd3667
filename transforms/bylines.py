"""Bylines → people, for text and HTML alike: prefixes, roles and outlets dropped, co-authors
split, the outlet or institution named after a comma kept as the affiliation.

One parser with one set of word lists (`bylinewords.py`): the text path (`parse_byline` on a
byline a rule moved) and the HTML path (`split_names` on meta tags, JSON-LD and visible
bylines) agree on every string.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from newsnorm.transforms.bylinewords import (
    AFFILIATION_MARK,
    DATE_TAIL,
    DATE_WORD_TAIL,
    DOMAIN,
    HOUSE_CREDIT,
    INTERFACE,
    ITALIAN_PREFIX,
    LEADING_ARTICLE,
    LETTERS,
    NOT_HOUSE_CREDIT,
    ORGANISATION,
    PARENTHESES,
    PARTICLES,
    PLACE_TAIL,
    PREFIX,
    ROLE_ONLY,
    ROLE_WORD,
    SENIORITY,
    SEPARATOR,
    TRAILING_ROLE,
)
from newsnorm.transforms.records import Author

__all__ = [
    "byline_credits",
    "clean_name",
    "house_credits",
    "is_role",
    "looks_like_person",
    "parse_byline",
    "split_credits",
    "split_names",
    "split_parts",
    "unique_names",
]

_SPACE = re.compile(r"\s+")
_MAX_NAME = 60
_MAX_CREDIT_WORDS = 4
# An explicit 'By' before a capitalised credit ('By ASU Online', 'Written by: Acme Labs').
_BY_CREDIT = re.compile(r"^\s*(?:(?:written|posted)\s+)?by\b\s*:?\s*(?-i:[A-Z])", re.IGNORECASE)
# Between credits: the separators of names, but not 'and' ('Research and Development Team').
_SEPARATED = re.compile(r"\s*(?:[,;|/\u3001\uff0c\u2022\u00b7]|\s[-\u2013\u2014]\s)\s*")
_STRIP = " ,.;:|-\u2013\u2014*\u00b7\u2022"


@dataclass(frozen=True, slots=True)
class _Part:
    """One piece of a byline: what separated it from the piece before, and where it is."""

    mark: str
    start: int
    end: int
    name: str  # the piece as a name: role, place and date tails dropped


def parse_byline(byline: str, *, strict: bool = True) -> tuple[Author, ...]:
    """People in a byline, in order, each with the affiliation named after them.

    'By: Jake Smith, Daily Caller News Foundation' → Jake Smith (Daily Caller News
    Foundation); 'Jane Doe | The Center Square' → Jane Doe (The Center Square); 'Von Anna
    Schmidt und Max Weber' → two people; 'By The Associated Press' and 'OAN Staff' name no
    person. `strict` (the default, for visible text) asks every word of a name to be
    capitalised, or a particle ('de', 'van'); metadata fields may be lowercase.
    """
    return _parsed(byline, strict)


# A site's staff sign most of its stories: a worker meets the same bylines again and again,
# and a parse runs ~20 regexes (~20 us). The authors are immutable, so sharing them is safe.
@lru_cache(maxsize=4096)
def _parsed(byline: str, strict: bool) -> tuple[Author, ...]:
    text = _prepared(byline)
    parts = list(_parts(text))
    authors: list[Author] = []
    group: list[str] = []  # people awaiting the affiliation that may follow them
    index = 0
    while index < len(parts):
        part = parts[index]
        if looks_like_person(part.name, strict=strict):
            group.append(part.name)
            index += 1
            continue
        end = index
        while end < len(parts) and not looks_like_person(parts[end].name, strict=strict):
            end += 1
        affiliation = None
        if group and part.mark in AFFILIATION_MARK:
            affiliation = _affiliation(text, parts[index:end])
        authors.extend(Author(name, affiliation) for name in group)
        group = []
        index = end
    authors.extend(Author(name) for name in group)
    return _unique(authors)


def split_names(text: str, *, strict: bool = False) -> list[str]:
    """The people named in a byline or author field, in order, as `parse_byline` finds them
    (without affiliations, repeats kept). `strict` is for visible page text, where
    capitalisation is the only sign of a name."""
    parts = _parts(_prepared(text))
    return [part.name for part in parts if looks_like_person(part.name, strict=strict)]


def split_parts(text: str) -> list[str]:
    """The non-empty pieces a byline splits into, people or not ('dpa', 'AFP')."""
    return [part.name for part in _parts(_prepared(text)) if part.name]


def split_credits(text: str) -> list[str]:
    """The pieces of a credit: people's names as `split_parts` gives them, any other piece
    as written. Role and place tails are cut from people's names only: an organisation's
    credit keeps them ('Community Editor', 'Human in the Loop', 'Guardian staff reporter')."""
    prepared = _prepared(text)
    return [
        part.name
        if looks_like_person(part.name)
        else PREFIX.sub("", prepared[part.start : part.end]).strip(_STRIP)
        for part in _parts(prepared)
        if part.name
    ]


def clean_name(text: str) -> str:
    """One name without 'By', a trailing role ('…, Staff Writer') or a place ('in Berlin'),
    and said once where a widget shows it twice ('Colin Gray Colin Gray')."""
    name = PREFIX.sub("", _clean(text)).strip(_STRIP)
    name = TRAILING_ROLE.sub("", name)
    name = DATE_WORD_TAIL.sub("", PLACE_TAIL.sub("", name)).strip(_STRIP)
    tokens = name.split()
    half = len(tokens) // 2
    # Two words at least: 'Abdullah Abdullah' is one person's name.
    if half > 1 and len(tokens) == 2 * half and tokens[:half] == tokens[half:]:
        return " ".join(tokens[:half])
    return name


def looks_like_person(name: str, *, strict: bool = False) -> bool:
    """A person's name, not an outlet, desk, agency, role, date or URL."""
    if not name or len(name) > _MAX_NAME or DOMAIN.search(name):
        return False
    if ORGANISATION.search(name) or ROLE_WORD.search(name) or LEADING_ARTICLE.match(name):
        return False
    if INTERFACE.search(name):
        return False
    tokens = name.split()
    if not 1 <= len(tokens) <= 5 or not all(LETTERS.match(token) for token in tokens):
        return False
    if SENIORITY.fullmatch(tokens[0]):
        # What a role set apart from the name leaves ('Senior QA' of 'Senior QA Engineer').
        return False
    if len(tokens) == 1:
        # One word is a surname, a desk code or an outlet, unless the script writes
        # names without spaces (Chinese, Japanese, Korean).
        return _is_cjk(name) and 2 <= len(name) <= 4
    if strict:
        return all(_capitalised(token) for token in tokens)
    return True


def house_credits(text: str) -> list[str]:
    """Credits to the site's own staff in visible byline text ('By Podium Staff', 'The
    Currency editors'), as written: capitalised, a few words, no address or number."""
    pieces = (piece.strip(_STRIP) for piece in _SEPARATED.split(_prepared(text)))
    return [
        piece
        for piece in pieces
        if HOUSE_CREDIT.search(piece)
        and not NOT_HOUSE_CREDIT.search(piece)
        and not DOMAIN.search(piece)
        and 1 <= len(piece.split()) <= _MAX_CREDIT_WORDS
        and piece[:1].isupper()
    ]


def byline_credits(text: str) -> list[str]:
    """House credits; else, after an explicit 'By' ('Written by', 'Posted by'), the
    organisation it names: a few words opening and ending capitalised, no person (people
    are read first), role, address or number. Pieces are read as written: a role after
    the credit ('Tova - Product marketer') is not cut down to a capitalised word. The HTML
    path's visible credit and a dump's dated credit (`dump/meta_people.py`) read it alike."""
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


def is_role(text: str) -> bool:
    """A job title alone ('Staff Writer', 'Korrespondentin'), naming nobody."""
    return ROLE_ONLY.fullmatch(text.strip()) is not None


def unique_names(names: Iterable[str], excluded: Callable[[str], bool]) -> tuple[str, ...]:
    """Names in first-seen order, case-insensitively deduplicated, minus `excluded` ones."""
    seen: dict[str, str] = {}
    for name in names:
        if not excluded(name):
            seen.setdefault(name.casefold(), name)
    return tuple(seen.values())


def _clean(value: str) -> str:
    """Entities decoded (JSON-LD often double-escapes them) and whitespace collapsed."""
    return _SPACE.sub(" ", html.unescape(value)).strip()


def _prepared(byline: str) -> str:
    """The byline without its prefix, asides in parentheses and a trailing date, whose
    comma would otherwise split it ('Jane Doe Updated Monday, May 5')."""
    text = PREFIX.sub("", PARENTHESES.sub("", _clean(byline)))
    text = DATE_TAIL.sub("", ITALIAN_PREFIX.sub("", text))
    return DATE_WORD_TAIL.sub("", text).strip()


def _parts(text: str) -> Iterator[_Part]:
    mark, start = "", 0
    for separator in SEPARATOR.finditer(text):
        if separator.start() == separator.end():
            continue
        yield _Part(mark, start, separator.start(), clean_name(text[start : separator.start()]))
        mark, start = separator.group().strip(), separator.end()
    yield _Part(mark, start, len(text), clean_name(text[start:]))


def _affiliation(text: str, parts: list[_Part]) -> str | None:
    """What the pieces after a group of people name: the text from the first piece that is
    neither empty nor a role through the last such piece, as written."""
    named = [part for part in parts if part.name and not is_role(part.name)]
    if not named:
        return None
    affiliation = TRAILING_ROLE.sub("", text[named[0].start : named[-1].end])
    return affiliation.strip(" ,.;|") or None


def _unique(authors: Iterable[Author]) -> tuple[Author, ...]:
    seen: dict[str, Author] = {}
    for author in authors:
        seen.setdefault(author.name.casefold(), author)
    return tuple(seen.values())


def _capitalised(token: str) -> bool:
    return token in PARTICLES or token[0].isupper() or _is_cjk(token)


def _is_cjk(text: str) -> bool:
    return all(unicodedata.name(char, "").startswith(("CJK", "HANGUL")) for char in text)
