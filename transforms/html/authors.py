"""The people a page names as its authors, from the most structured statement that has any."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from typing import Any

from newsnorm.transforms.bylines import (
    clean_name,
    is_role,
    looks_like_person,
    split_credits,
    split_names,
    unique_names,
)
from newsnorm.transforms.html.bylinecredits import visible_credits
from newsnorm.transforms.html.bylines import (
    guessed_sources,
    rel_authors,
    visible_sources,
)
from newsnorm.transforms.html.facts import PageFacts, clean_text
from newsnorm.transforms.html.jsonld import type_names
from newsnorm.transforms.html.sitenames import is_site_name, site_keys
from newsnorm.transforms.text import without_accents

_META_KEYS = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "twitter:misc:written by",
)
# Scholarly pages (Highwire Press tags) state one author a tag, often 'Last, First'.
_CITATION_KEYS = ("citation_author", "citation_authors")
_INVERTED = re.compile(r"(?P<last>[^,]+),\s*(?P<first>[^,]+)")
# Twitter card labels crediting the writer ('Written by', 'Interview by', 'Words by'), not
# those crediting a reviewer, an editor or a photographer.
_TWITTER_LABEL = re.compile(
    r"(?:(?:written|posted|interview|interviewed|words|text|story|reported)\s+by|"
    r"geschrieben\s+von|verfasst\s+von|von|autor(?:in)?|author)",
    re.IGNORECASE,
)
_NOT_PEOPLE = frozenset({"organization", "newsmediaorganization", "corporation", "website"})
_MIN_SITE_WORD = 4
_MIN_WHOLE_WORD = 3
_MAX_ACCOUNT_SUFFIX = 3
_MAX_EXTRA = 3
_MAX_NESTING = 8
_MAX_CREDIT = 60
# A list of links this long may mix the author with others; the next sources narrow it.
_MIN_NARROWED = 2
_NARROWING_SOURCES = 2
_HANDLE = re.compile(r"[^\s.]+(?:[._][^\s.]+)+")
_NON_ALNUM = re.compile(r"[\W_]+")
# A job title naming its field ('Sr. Director of Operations', 'Editor at Large').
_TITLE_OF = re.compile(r"(?:(?:sr|jr|snr)\.?\s+)?(?P<role>.+?)\s+(?:of|for|at)\s", re.IGNORECASE)


def find_authors(facts: PageFacts) -> tuple[str, ...]:
    """People from the first source naming any: JSON-LD, meta tags, then the visible page
    (rel=author links, author-page links, byline elements, 'By …' lines, labels, a bold
    signature). A person's name the site also goes by counts only when no source names
    anyone else: a personal site bears its author's name ('John Scalzi' on
    whatever.scalzi.com), an outlet's name reads like one ('Deutsche Welle')."""
    keys = site_keys(facts)
    whole, openers = _site_words(facts)

    def excluded(name: str, *, site_person: bool = False) -> bool:
        first, *rest = name.casefold().split()
        # 'MDR THÜRINGEN' beside the site name 'MDR', 'Ilanga D' on Ilanga News: the site's
        # own accounts, not people.
        account = first in openers and len(rest) == 1 and len(rest[0]) <= _MAX_ACCOUNT_SUFFIX
        person = site_person and looks_like_person(name, strict=True)
        site = is_site_name(name, keys) and not person
        return site or first in whole or account

    def site_people(names: list[str]) -> tuple[str, ...]:
        return unique_names(names, lambda name: excluded(name, site_person=True))

    fallback: tuple[str, ...] = ()
    for names in (_jsonld(facts), list(_meta(facts))):
        people = unique_names(names, excluded)
        if people:
            # Metadata often names only the first author; rel=author links show them all.
            linked = unique_names(rel_authors(facts), excluded)
            return linked if _completes(people, linked) else people
        fallback = fallback or site_people(names)
    # Where the metadata credits an organisation, a byline outside the article's regions
    # is more likely a teaser's than the story's.
    credited = bool(_jsonld_credits(facts) or list(_meta_credits(facts)))
    # The person a personal site is named after, stated in its metadata, is surer than a
    # bold line read as a signature ('KEH Camera' over a photo blog's closing paragraph).
    sources = visible_sources(facts, whole_body=not credited, signed=not fallback)
    for names in sources:
        people = unique_names(names, excluded)
        if people:
            return _narrowed(people, sources, excluded)
        fallback = fallback or site_people(names)
    if credited or fallback or visible_credits(facts):
        return fallback
    # Nobody credited anywhere: a name on the date line or an author card's portrait.
    for names in guessed_sources(facts):
        people = unique_names(names, excluded)
        if people:
            return people
    return fallback


def _narrowed(
    people: tuple[str, ...], later: Iterator[list[str]], excluded: Callable[[str], bool]
) -> tuple[str, ...]:
    """Author-page links name reviewers, editors and contributors beside the author: where
    a later, narrower source (a byline element, a 'By …' line) names some of them only,
    those are the story's authors."""
    if len(people) < _MIN_NARROWED:
        return people
    own = {name.casefold() for name in people}
    for names in itertools.islice(later, _NARROWING_SOURCES):
        narrower = unique_names(names, excluded)
        if narrower and {name.casefold() for name in narrower} < own:
            return narrower
    return people


def find_author_organizations(facts: PageFacts, people: tuple[str, ...]) -> tuple[str, ...]:
    """Organisations the page's own author statement credits: an agency ('dpa',
    'Associated Press'), a desk ('MND Staff'), the outlet's house byline ('DER SPIEGEL').

    From the first structured source naming anyone (JSON-LD author, then meta tags); where
    none does and no person is named, or those name only a role ('Staff'), a house credit
    on a visible byline ('Podium Staff').
    Beside named people, the site's own name is a placeholder, not a credit.
    """
    keys = site_keys(facts)
    named = {_slug(person) for person in people}

    def house(name: str) -> bool:
        return not people and is_site_name(name, keys)

    for credits in (_jsonld_credits(facts), list(_meta_credits(facts)) or None):
        if credits is None:
            continue
        found = [
            name
            for name, declared in credits
            if _credit_like(name)
            # A name reading like a person's is a credit when declared an organisation,
            # or when it is the site's own name and nobody is named ('Audiophile On').
            and (declared or not looks_like_person(name) or house(name))
            and not (people and is_site_name(name, keys))
            # Beside people, a handle ('andrew.keaveney') or a template key left unfilled
            # ('page.head.extra.author') is an account, not an organisation.
            and not (people and _HANDLE.fullmatch(name))
            and _slug(name) not in named  # 'jane-doe' from parsely-author
            and not (people and _account_of(name, people))  # 'jdoe' beside Jane Doe
        ]
        if found or people:
            return unique_names(found, lambda name: False)
        # Nobody named and nothing credit-like ('Staff', a job title alone): the next source.
    if people:
        return ()
    return unique_names(visible_credits(facts), lambda name: False)


# (name, whether the page declares it an organisation)
Credit = tuple[str, bool]


def _slug(name: str) -> str:
    return "-".join(_NON_ALNUM.split(name.casefold())).strip("-")


def _account_of(name: str, people: tuple[str, ...]) -> bool:
    """Whether `name` is a user name spelling one of `people` the way sites make them:
    'jdoe', 'janedoe', 'doej', 'jane' or 'doe' for Jane Doe."""
    key = _folded(name)
    for person in people:
        words = [_folded(word) for word in person.split()]
        words = [word for word in words if word]
        if len(words) < 2:
            continue
        first, last = words[0], words[-1]
        forms = {first + last, first[0] + last, last + first[0], first + last[0], first, last}
        if key in forms:
            return True
    return False


def _folded(text: str) -> str:
    """Letters and digits only, casefolded, accents dropped ('Solène' → 'solene')."""
    return _NON_ALNUM.sub("", without_accents(text))


def _credit_like(name: str) -> bool:
    """Not an e-mail address, a number, a piece of a URL or a job title alone ('Staff
    Writer', 'Sr. Director of Operations')."""
    title = _TITLE_OF.match(name)
    return (
        "@" not in name
        and "/" not in name
        and any(char.isalpha() for char in name)
        and len(name) <= _MAX_CREDIT
        and not is_role(name)
        and not (title and is_role(title["role"]))
    )


def _jsonld_credits(facts: PageFacts) -> list[Credit] | None:
    """Every credit in the article's JSON-LD author (or creator), None where it names
    nobody; a Person's name is not a credit."""
    if facts.article is None:
        return None
    for key in ("author", "creator"):
        value = facts.article.get(key)
        if value:
            return list(_credits(value))
    return None


def _credits(value: Any, depth: int = 0) -> Iterator[Credit]:
    if isinstance(value, str):
        yield from ((part, False) for part in split_credits(value))
    elif isinstance(value, list) and depth < _MAX_NESTING:
        for item in value:
            yield from _credits(item, depth + 1)
    elif isinstance(value, dict) and isinstance(name := value.get("name"), str):
        if type_names(value) & _NOT_PEOPLE:
            # Declared an organisation: its name is one credit ('Le Figaro et AFP').
            yield clean_name(name), True
        else:
            # Typed Person or not, 'dpa' and 'Associated Press' are still agencies.
            yield from ((part, False) for part in split_credits(name))


def _meta_credits(facts: PageFacts) -> Iterator[Credit]:
    """Meta author values, except links to author pages (their pieces are no names)."""
    for value in _meta_values(facts):
        if "://" not in value and not value.startswith("www."):
            yield from ((part, False) for part in split_credits(value))


def _meta_values(facts: PageFacts) -> Iterator[str]:
    """Author meta tags, and the value Twitter's card labels 'Written by'."""
    for key in _META_KEYS:
        yield from facts.meta.get(key, ())
    for key in _CITATION_KEYS:
        for value in facts.meta.get(key, ()):
            inverted = _INVERTED.fullmatch(value.strip())
            yield f"{inverted['first']} {inverted['last']}" if inverted else value
    label = clean_text(" ".join(facts.meta.get("twitter:label1", ()))).casefold()
    if _TWITTER_LABEL.fullmatch(label):
        yield from facts.meta.get("twitter:data1", ())


def _completes(people: tuple[str, ...], linked: tuple[str, ...]) -> bool:
    own, other = {name.casefold() for name in people}, {name.casefold() for name in linked}
    return own < other and len(other) - len(own) <= _MAX_EXTRA


def _site_words(facts: PageFacts) -> tuple[frozenset[str], frozenset[str]]:
    """One-word site names, and the first words of longer site names (when distinctive:
    not 'New' of 'New York Times')."""
    whole: set[str] = set()
    openers: set[str] = set()
    for name in facts.site_names:
        tokens = name.casefold().split()
        if len(tokens) == 1 and len(tokens[0]) >= _MIN_WHOLE_WORD:
            whole.add(tokens[0])
        elif len(tokens) > 1 and len(tokens[0]) >= _MIN_SITE_WORD:
            openers.add(tokens[0])
    return frozenset(whole), frozenset(openers)


def _jsonld(facts: PageFacts) -> list[str]:
    if facts.article is None:
        return []
    for key in ("author", "creator"):
        names = list(_people(facts.article.get(key)))
        if names:
            return names
    return []


def _people(value: Any, depth: int = 0) -> Iterator[str]:
    """Names of Person objects and plain strings; organisations are skipped."""
    if isinstance(value, str):
        yield from split_names(value)
    elif isinstance(value, list) and depth < _MAX_NESTING:
        for item in value:
            yield from _people(item, depth + 1)
    elif isinstance(value, dict) and not type_names(value) & _NOT_PEOPLE:
        name = value.get("name")
        if isinstance(name, list):
            name = next((item for item in name if isinstance(item, str)), None)
        if not isinstance(name, str):
            given, family = value.get("givenName"), value.get("familyName")
            name = " ".join(part for part in (given, family) if isinstance(part, str))
        yield from split_names(name)


def _meta(facts: PageFacts) -> Iterator[str]:
    for value in _meta_values(facts):
        yield from split_names(value)
