"""The adapter extension point (`SourceAdapter`) and its declarative base (`RuleAdapter`)."""

from __future__ import annotations

import re
from typing import ClassVar, Protocol, runtime_checkable

from transforms.bylines import parse_byline
from transforms.clean import clean_text
from transforms.dates import parse_published
from transforms.errors import DocumentRejected
from transforms.records import Article, Document
from transforms.rules import Rule


@runtime_checkable
class SourceAdapter(Protocol):
    """What the pipeline needs from an adapter; `RuleAdapter` covers most sources."""

    name: ClassVar[str]
    version: ClassVar[int]
    priority: ClassVar[int]
    description: ClassVar[str]

    def detect(self, document: Document) -> bool:
        """Whether this adapter claims the document."""
        ...

    def clean(self, document: Document) -> Article:
        """Clean the document into an Article, or raise DocumentRejected."""
        ...


class RuleAdapter:
    """An adapter made of data: detection patterns and line/span rules.

    Detection patterns search `document.folded` (see `transforms.text.fold_for_matching`).
    Subclasses set the class attributes; override a method only when rules run out.
    """

    name: ClassVar[str]
    version: ClassVar[int] = 1
    priority: ClassVar[int] = 100
    description: ClassVar[str] = ""
    syndicator: ClassVar[str | None] = None
    license: ClassVar[str | None] = None
    detect_patterns: ClassVar[tuple[re.Pattern[str], ...]] = ()
    line_rules: ClassVar[tuple[Rule, ...]] = ()
    span_rules: ClassVar[tuple[Rule, ...]] = ()

    def detect(self, document: Document) -> bool:
        return any(pattern.search(document.folded) for pattern in self.detect_patterns)

    def clean(self, document: Document) -> Article:
        cleaned = clean_text(document, self.line_rules, self.span_rules)
        if cleaned.title is None:
            raise DocumentRejected("no_article", "no title line: every line was blank or cruft")
        byline = cleaned.fields.get("byline")
        return Article(
            title=cleaned.title,
            paragraphs=tuple(cleaned.paragraphs),
            adapter=self.name,
            adapter_version=self.version,
            authors=parse_byline(byline) if byline else (),
            byline=byline,
            published_at=parse_published(cleaned.fields.get("published")),
            syndicator=self.syndicator,
            license=self.license,
            related=tuple(cleaned.related),
            removals=tuple(sorted(cleaned.removals, key=lambda removal: removal.start)),
        )
