"""Byline text → people's names: prefixes, roles and outlets dropped, co-authors split."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from newsnorm.transforms.html.facts import clean_text

_PREFIX = re.compile(
    r"^(?:(?:written|posted|reported|reporting|story|text|words|photos?|video|analysis|"
    r"opinion|commentary|interview|review|column|essay|ein\s+\w+|eine\s+\w+|analyse|"
    r"kommentar|gastbeitrag)\s+)?"
    r"(?:by|von|vom|par|por|door|av|af|przez|od)(?:\s*:\s*|\s+)[-\u2013\u2014]?\s*"
    r"|^(?:text|texte|autor(?:in)?|author|auteur|autore|redaktion|bearbeitung|quelle)\s*:\s*",
    re.IGNORECASE,
)
_ITALIAN_PREFIX = re.compile(r"^di\s+")
# Between people: commas, slashes, '&', 'and' in the languages bylines come in (lowercase,
# so the initial in 'Sarah E. Needleman' stays), CJK list marks, and a full stop after a
# word ('Finian Cunningham. Sputnik International') but not after an initial.
_SEPARATOR = re.compile(
    r"\s*(?:[,;&+|/\u3001\u30fb\uff0c]|\s[-\u2013\u2014]\s|(?<=[^\W\d_]{3})\.\s|"
    r"\b(?:and|und|et|y|e|og|och|en|oraz|sowie|with|mit|AND|UND|And|Und)\b)\s*"
)
_ROLE = (
    r"(?:senior\s+|chief\s+|staff\s+|contributing\s+|special\s+|foreign\s+|political\s+|"
    r"freie[rn]?\s+|leitende[rn]?\s+|stellvertretende[rn]?\s+)?"
    r"(?:writer|reporter|correspondent|editor|columnist|contributor|photographer|"
    r"journalist|journaliste|autor|autorin|redakteur|redakteurin|korrespondent|"
    r"korrespondentin|chefredakteur|chefredakteurin|mitarbeiter|mitarbeiterin|"
    r"volont\u00e4r|volont\u00e4rin|reporterin|fotograf|fotografin|redactor|redactora|"
    r"corresponsal|periodista|giornalista|inviato|envoy\u00e9e?\s+sp\u00e9ciale?|"
    r"analyst|host|producer|intern|fellow|vorsitzende[r]?|sprecher|sprecherin|"
    r"pr\u00e4sident|pr\u00e4sidentin|minister|ministerin|chairman|president|spokesman|"
    r"spokeswoman|spokesperson|\u8a18\u8005|\uae30\uc790|\ud2b9\ud30c\uc6d0)s?"
)
_TRAILING_ROLE = re.compile(rf"(?:\s*[,|-]\s*|\s+){_ROLE}(?:\s+.*)?$", re.IGNORECASE)
_ROLE_WORD = re.compile(rf"(?:^|\s){_ROLE}(?:\s|$)", re.IGNORECASE)
# A role, or the modifier a trailing role leaves behind ('Staff' of 'Staff Writer').
_ROLE_ONLY = re.compile(
    rf"{_ROLE}|staff|senior|chief|contributing|special|foreign|political", re.IGNORECASE
)
_PARENTHESES = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_PLACE_TAIL = re.compile(r"\s+(?:in|aus|from|\u00e0|em)\s+\S.*$")
# A date line glued to the name ('Jeff Foust Monday, November 18').
_DATE_TAIL = re.compile(
    r"\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|"
    r"mittwoch|donnerstag|freitag|samstag|sonntag|updated|published|posted|aktualisiert|"
    r"ver\u00f6ffentlicht|stand)\b.*$",
    re.IGNORECASE,
)
# 'The Water Coolest', 'Die Redaktion': an article opens the name of a thing, not a person.
_LEADING_ARTICLE = re.compile(r"^(?:the|der|die|das|les|los|las|het|il)\s", re.IGNORECASE)
_ORGANISATION = re.compile(
    r"\b(?:staff|team|desk|newsroom|editors?|editorial|redaktion|redaktionen|r\u00e9daction|"
    r"redacci\u00f3n|redazione|redakcja|redakce|redaksjonen|agency|agentur|agence|agencia|"
    r"agenzia|press|presse|prensa|news|nachrichten|online|zeitung|journal|times|tribune|"
    r"media|medien|magazine|magazin|digital|tv|radio|network|associated|reuters|afp|ap|"
    r"dpa|xinhua|tass|bloomberg|service|wire|group|"
    r"gruppe|institute|institut|foundation|stiftung|university|universit\u00e4t|"
    r"department|ministry|police|polizei|council|society|company|inc|ltd|gmbh|llc|"
    r"sponsored|advertorial|anzeige|partner|guest|gast|admin|administrator|webmaster|"
    r"unknown|anonymous|correspondents|reporters|twitter|facebook|instagram|linkedin|"
    r"whatsapp|telegram|youtube|tiktok|email|e-mail|print|share|follow|subscribe|login|"
    r"logout|newsletter|podcast|latest|posts|articles|stories|business|international|"
    r"reda\u00e7\u00e3o|assessoria|coordenadoria|secretaria|departamento|prefeitura)\b"
    # German compounds: 'Nachrichtenagentur', 'Sportredaktion', 'Lokalzeitung'.
    r"|\w(?:agentur|redaktion|zeitung|nachrichten|dienst|verlag)\b",
    re.IGNORECASE,
)
_DOMAIN = re.compile(r"\.[a-z]{2,6}$|https?:|www\.|@|\d", re.IGNORECASE)
_LETTERS = re.compile(r"^[^\W\d_](?:[^\W\d_]|[.'\u2019\u2010-])*\.?$")
_PARTICLES = frozenset(
    {"de", "da", "das", "do", "dos", "di", "del", "della", "der", "den", "van", "von", "vom"}
    | {"zu", "zur", "la", "le", "les", "du", "bin", "ibn", "al", "el", "ter", "ten", "y", "e"}
)
_MAX_NAME = 60


def split_names(text: str, *, strict: bool = False) -> list[str]:
    """The people named in a byline or author field, in order.

    `strict` is for visible page text, where capitalisation is the only sign of a name.
    """
    return [name for name in split_parts(text) if looks_like_person(name, strict=strict)]


def split_parts(text: str) -> list[str]:
    """The non-empty pieces a byline splits into, people or not."""
    text = _ITALIAN_PREFIX.sub("", _PREFIX.sub("", _PARENTHESES.sub("", clean_text(text))))
    return [part for part in (clean_name(part) for part in _SEPARATOR.split(text)) if part]


def clean_name(text: str) -> str:
    """One name without 'By', a trailing role ('…, Staff Writer') or a place ('in Berlin')."""
    name = _PREFIX.sub("", clean_text(text)).strip(" ,.;:|-\u2013\u2014*\u00b7")
    name = _TRAILING_ROLE.sub("", name)
    name = _DATE_TAIL.sub("", _PLACE_TAIL.sub("", name))
    return name.strip(" ,;:|-\u2013\u2014*\u00b7")


def looks_like_person(name: str, *, strict: bool = False) -> bool:
    """A person's name, not an outlet, desk, agency, role, date or URL."""
    if not name or len(name) > _MAX_NAME or _DOMAIN.search(name):
        return False
    if _ORGANISATION.search(name) or _ROLE_WORD.search(name) or _LEADING_ARTICLE.match(name):
        return False
    tokens = name.split()
    if not 1 <= len(tokens) <= 5 or not all(_LETTERS.match(token) for token in tokens):
        return False
    if len(tokens) == 1:
        # One word is a surname, a desk code or an outlet, unless the script writes
        # names without spaces (Chinese, Japanese, Korean).
        return _is_cjk(name) and 2 <= len(name) <= 4
    if strict:
        return all(_capitalised(token) for token in tokens)
    return True


def is_role(text: str) -> bool:
    """A job title alone ('Staff Writer', 'Korrespondentin'), naming nobody."""
    return _ROLE_ONLY.fullmatch(text.strip()) is not None


def unique_names(names: Iterable[str], excluded: Callable[[str], bool]) -> tuple[str, ...]:
    """Names in first-seen order, case-insensitively deduplicated, minus `excluded` ones."""
    seen: dict[str, str] = {}
    for name in names:
        if not excluded(name):
            seen.setdefault(name.casefold(), name)
    return tuple(seen.values())


def _capitalised(token: str) -> bool:
    return token in _PARTICLES or token[0].isupper() or _is_cjk(token)


def _is_cjk(text: str) -> bool:
    return all(unicodedata.name(char, "").startswith(("CJK", "HANGUL")) for char in text)
