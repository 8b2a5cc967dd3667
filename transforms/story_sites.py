"""Whether a copy runs on a publisher's own site, for choosing a story's original.

A publisher is named in words ("News Service of Florida", "The Texas Tribune"); its site is
known by its host's labels (texastribune.org) or a site name. A label names the publisher
when it is the name's words joined ("texastribune"); the site's own label (the one before
the suffix: dailycaller of cdn01.dailycaller.com) or its site name also when it is the name
without its trailing words for a kind of organisation ("dailycaller" for the Daily Caller News
Foundation, "creators" for Creators Syndicate) or the name and "news" ("19thnews" for The
19th). A label that only starts like the name does not: a generic label ("news" of
news.yahoo.com, "texas" of texas.example.com) or another word ("gristmill" for Grist) says
nothing about the publisher, nor does a subdomain matched by the shorter forms
(creators.spotify.com). Any label that is the whole name joined still matches, a subdomain's
too (reuters.example.com for Reuters): a known limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Trailing words of a publisher's name that say what kind of organisation it is: its own
# host often leaves them out (Creators Syndicate on creators.com).
_KIND_WORDS = frozenset(
    {"syndicate", "media", "foundation", "news", "agency", "service", "network", "group"}
)

# Host labels that never name a publisher: subdomains for mirrors and common suffixes.
_HOST_NOISE = frozenset({"www", "m", "amp", "cdn", "cdn01", "cdn02", "co", "com", "org", "net"})

Name = tuple[str, ...]


def url_key(url: str) -> str:
    """A URL without scheme, `www.`, query, fragment or trailing slash, lower-cased host."""
    rest = url.strip().split("://", 1)[-1].split("#", 1)[0].split("?", 1)[0].rstrip("/")
    host, _, path = rest.partition("/")
    return host.lower().removeprefix("www.") + "/" + path


def name_words(names: Iterable[str | None]) -> frozenset[Name]:
    """Each publisher name's words, case-folded, letters and digits, without a leading
    "the": "The Texas Tribune" is ("texas", "tribune")."""
    found = set()
    for name in names:
        words = re.findall(r"[a-z0-9]+", name.casefold()) if name else []
        if words and words[0] == "the":
            words = words[1:]
        if words:
            found.add(tuple(words))
    return frozenset(found)


def runs_on_site_of(url: str | None, site: str | None, names: frozenset[Name]) -> bool:
    """Whether a copy at `url` on `site` runs on one of these publishers' own site: one of
    its host labels or its site name names the publisher (see the module's docstring)."""
    return any(_names(key, own, name) for key, own in _site_keys(url, site) for name in names)


def _names(key: str, own: bool, name: Name) -> bool:
    whole = "".join(name)
    if key == whole:
        return True
    if not own:
        return False
    core = list(name)
    while len(core) > 1 and core[-1] in _KIND_WORDS:
        core.pop()
    return key in {"".join(core), whole + "news"}


def _key(label: str) -> str:
    """A host label's or site name's letters and digits, case-folded, without a leading
    "the": "theconversation" is `conversation`, as "The Conversation" is."""
    return "".join(re.findall(r"[a-z0-9]+", label.casefold())).removeprefix("the")


def _site_keys(url: str | None, site: str | None) -> list[tuple[str, bool]]:
    """What a copy's own site is called: its URL's host labels (or a host given as its
    site) without mirror subdomains and suffixes, and its site name ("Salon"); each with
    whether it is the site's own label (the last before the suffix) or its name."""
    host = url_key(url).split("/", 1)[0] if url else None
    site = site.strip().lower() if site else None
    if host is None and site and "." in site and " " not in site:
        host = site.removeprefix("www.")
    labels = [label for label in (host.split(".")[:-1] if host else []) if label not in _HOST_NOISE]
    keys = [(_key(label), n == len(labels) - 1) for n, label in enumerate(labels)]
    if site and site.removeprefix("www.") != host:
        keys.append((_key(site), True))
    return [(key, own) for key, own in keys if key]
