"""Post-clean steps adapters share: named hooks for what rules cannot say (see AfterClean)."""

from __future__ import annotations

import re
from dataclasses import replace

from newsnorm.transforms.records import Article, Document
from newsnorm.transforms.text import fold_for_matching


def unique_credits(article: Article, document: Document) -> Article:
    """Keep each caption or credit once: a page that shows a caption twice, apart (apnews.com
    under the photo and in the gallery), gives two identical moves that no single rule sees."""
    seen: set[tuple[str, str]] = set()
    credits = []
    for credit in article.credits:
        key = (credit.kind, fold_for_matching(credit.text))
        if key not in seen:
            seen.add(key)
            credits.append(credit)
    return replace(article, credits=tuple(credits))


def publisher_is_syndicator(article: Article, document: Document) -> Article:
    """The site a notice names as the original publisher is also the syndicator: for a
    plugin that every member site runs, the syndicator is not one fixed name."""
    return replace(article, syndicator=article.original_publisher)


def named_source_is_syndicator(article: Article, document: Document) -> Article:
    """With no syndicator's adapter, the original publisher a notice or feed footer names is
    the syndicator too: which rule named it is already in the removals and evidence."""
    if article.syndicator is not None or article.original_publisher is None:
        return article
    return replace(article, syndicator=article.original_publisher)


# What a copyright line says around its owner: '© 2024 The Hechinger Report. All rights
# reserved.' names 'The Hechinger Report'.
_COPYRIGHT_HEAD = re.compile(
    r"^(?:[*+\u2022o-] )?[^©]{0,40}?(?:©|\(c\)|Copyright)(?: ?(?:©|\(c\)|Copyright))?"
    r" ?(?:(?:19|20)\d\d(?:-(?:19|20)?\d\d)?,? ?)?",
    re.IGNORECASE,
)
_COPYRIGHT_TAIL = re.compile(
    r"(?:[.,|] ?|\s)(?:All [Rr]ights [Rr]eserved|Powered by|Privacy|Terms)\b.*$|[.,;| ]+$"
)
_COMPANY = re.compile(r",? (?:Inc|LLC|Ltd|L\.P|Corp|Corporation|Pty Ltd|GmbH)\.?$")
_COPYRIGHT_RULES = frozenset({"copyright-line", "copyright-reserved"})


def copyright_owner(text: str) -> str | None:
    """The owner a copyright line names, or None when it names none worth keeping."""
    owner = _COPYRIGHT_HEAD.sub("", fold_for_matching(text).strip(), count=1)
    owner = _COMPANY.sub("", _COPYRIGHT_TAIL.sub("", owner)).strip(" .,|")
    return owner if 2 <= len(owner) <= 60 and owner[:1].isupper() else None


def copyright_owner_is_syndicator(article: Article, document: Document) -> Article:
    """A member's own page shows only the republish widget, which names no one: the site's
    copyright line names its owner, the story's publisher. Only when nothing else named one,
    since on a copy the copyright line is the host's."""
    if article.syndicator is not None:
        return article
    for removal in article.removals:
        if removal.rule in _COPYRIGHT_RULES and (owner := copyright_owner(removal.text)):
            return replace(article, syndicator=owner)
    return article
