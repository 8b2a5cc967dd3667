"""Recognising the site's own name, so titles and bylines can drop it."""

from __future__ import annotations

import re

from newsnorm.transforms.html.facts import PageFacts
from newsnorm.transforms.text import without_accents

_KEY = re.compile(r"[\W_]+")
_LEADING_THE = re.compile(r"^(?:the|die|der|das|le|la|les|el|il)\s+", re.IGNORECASE)
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "gv"})
_MIN_PREFIX = 5
_MIN_HOST_LABEL = 6
_MAX_NAME_WORDS = 5


def site_keys(facts: PageFacts) -> frozenset[str]:
    """Comparable forms of the site's names and host ('Der Spiegel', 'spiegel.de' → …)."""
    keys: set[str] = set()
    for name in facts.site_names:
        keys.update(_keys(name) | _keys(_LEADING_THE.sub("", name)))
    if facts.host:
        labels = facts.host.split(".")
        # 'bbc.co.uk' is BBC's: skip second-level suffixes under a country code.
        suffix = 2 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else 1
        keys.update(_keys(facts.host) | _keys(".".join(labels[:-suffix])))
        if len(labels) > suffix:
            keys.update(_keys(labels[-suffix - 1]))
    keys.discard("")
    return frozenset(keys)


def is_site_name(text: str, keys: frozenset[str]) -> bool:
    """True when `text` names the site: equal to a name or host, one extending the other,
    or a short phrase holding the host's name ('Die Neue Südtiroler Tageszeitung')."""
    own = _keys(_LEADING_THE.sub("", text.strip())) - {""}
    for key in own:
        for site in keys:
            short, long = sorted((key, site), key=len)
            if short == long or (len(short) >= _MIN_PREFIX and long.startswith(short)):
                return True
            if (
                len(site) >= _MIN_HOST_LABEL
                and site in key
                and len(text.split()) <= _MAX_NAME_WORDS
            ):
                return True
    return False


def _keys(text: str) -> set[str]:
    """Letters and digits only, casefolded; umlauts both spelled out and stripped."""
    folded = text.casefold()
    spelled = folded.translate(_UMLAUTS)
    stripped = without_accents(folded)
    return {_KEY.sub("", spelled), _KEY.sub("", stripped)}
