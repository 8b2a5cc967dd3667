"""Post-clean steps adapters share: named hooks for what rules cannot say (see AfterClean)."""

from __future__ import annotations

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
