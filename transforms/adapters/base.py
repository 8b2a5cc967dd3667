"""The adapter extension point (`SourceAdapter`) and its declarative base (`RuleAdapter`)."""

from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable

from newsnorm.transforms.adapters.rulesets import SHARED_LINE_RULES, SHARED_SPAN_RULES
from newsnorm.transforms.bylines import parse_byline
from newsnorm.transforms.clean import clean_text
from newsnorm.transforms.dates import parse_published
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.records import Article, Document, Evidence
from newsnorm.transforms.rules import Rule, Signal, caseless_text


@runtime_checkable
class SourceAdapter(Protocol):
    """What the pipeline needs from an adapter; `RuleAdapter` covers most sources."""

    name: ClassVar[str]
    version: ClassVar[int]
    priority: ClassVar[int]
    description: ClassVar[str]

    def detect(self, document: Document) -> tuple[Evidence, ...]:
        """The signals that say this adapter's source produced the document (may be none)."""
        ...

    def clean(self, document: Document) -> Article:
        """Clean the document into an Article, or raise DocumentRejected."""
        ...


class RuleAdapter:
    """An adapter made of data: weighted detection signals and line/span rules.

    Signals search `document.folded` (see `transforms.text.fold_for_matching`). The
    shared rule sets (site chrome, WordPress cruft, generic notices, photo credits)
    run after the adapter's own rules, so a syndicated story on any site loses that
    site's cruft too. Subclasses set class attributes; override a method only when
    rules run out.
    """

    name: ClassVar[str]
    version: ClassVar[int] = 1
    priority: ClassVar[int] = 100
    description: ClassVar[str] = ""
    syndicator: ClassVar[str | None] = None
    license: ClassVar[str | None] = None
    signals: ClassVar[tuple[Signal, ...]] = ()
    line_rules: ClassVar[tuple[Rule, ...]] = ()
    span_rules: ClassVar[tuple[Rule, ...]] = ()
    # Span rules for the title line only, e.g. a source suffix an aggregator appended.
    title_rules: ClassVar[tuple[Rule, ...]] = ()
    shared_line_rules: ClassVar[tuple[Rule, ...]] = SHARED_LINE_RULES
    shared_span_rules: ClassVar[tuple[Rule, ...]] = SHARED_SPAN_RULES

    def __init__(self) -> None:
        self._line_rules = (*self.line_rules, *self.shared_line_rules)
        self._span_rules = (*self.span_rules, *self.shared_span_rules)

    def detect(self, document: Document) -> tuple[Evidence, ...]:
        folded = document.folded
        caseless = document.caseless or caseless_text(folded)
        tested = document.tested
        found: list[Evidence] = []
        for signal in self.signals:
            if signal.search(folded, caseless, tested):
                found.append(Evidence(f"signal:{signal.name}", signal.weight))
        return tuple(found)

    def clean(self, document: Document) -> Article:
        return self.clean_with(document)

    def clean_with(self, document: Document, first_line_rules: tuple[Rule, ...] = ()) -> Article:
        """Clean with extra line rules tried before the adapter's own (a second pass that
        knows, from a first one, which exact line is a caption; see lookahead.py)."""
        line_rules = (*first_line_rules, *self._line_rules)
        cleaned = clean_text(document, line_rules, self._span_rules, self.title_rules)
        if cleaned.title is None:
            raise DocumentRejected("no_article", "no title line: every line was blank or cruft")
        byline = cleaned.bylines[0] if cleaned.bylines else None
        authors = parse_byline(byline) if byline else ()
        return Article(
            title=cleaned.title,
            paragraphs=tuple(cleaned.paragraphs),
            adapter=self.name,
            adapter_version=self.version,
            authors=tuple(author.name for author in authors),
            byline=byline,
            published_at=parse_published(cleaned.published),
            syndicator=self.syndicator,
            license=self.license,
            related=tuple(cleaned.related),
            removals=tuple(sorted(cleaned.removals, key=lambda removal: removal.start)),
            affiliations=tuple(author for author in authors if author.affiliation),
            original_publisher=cleaned.original_publisher,
            original_url=cleaned.original_url,
            co_publishers=tuple(dict.fromkeys(cleaned.co_publishers)),
            dateline=cleaned.dateline,
            credits=tuple(cleaned.credits),
            evidence=tuple(cleaned.evidence),
        )
