"""The adapter extension point (`SourceAdapter`) and its declarative base (`RuleAdapter`)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Literal, Protocol, runtime_checkable

from newsnorm.transforms.adapters.rulesets import (
    SHARED_LINE_RULES,
    SHARED_SPAN_RULES,
    SHARED_TEXT_RULES,
)
from newsnorm.transforms.bylines import parse_byline
from newsnorm.transforms.clean import Cleaned, clean_text
from newsnorm.transforms.dates import parse_published, parse_utc_display
from newsnorm.transforms.errors import AdapterFailed, DocumentRejected
from newsnorm.transforms.literalgate import Gate
from newsnorm.transforms.records import Article, Document, Evidence
from newsnorm.transforms.rules import BlockRule, Rule, RuleSet, Signal, caseless_text


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


class AfterClean(Protocol):
    """A named post-clean step: what an adapter needs that rules cannot say.

    The base class calls an adapter's `after_clean` steps in order, once the engine's
    result has become an Article; each returns the Article (changed with
    `dataclasses.replace`) or raises DocumentRejected. Give each step a docstring that
    says why rules cannot do its job.
    """

    __name__: str

    def __call__(self, article: Article, document: Document, /) -> Article: ...


class RuleAdapter:
    """An adapter made of data: weighted detection signals and rules of each kind.

    Signals search `document.folded` (see `transforms.text.fold_for_matching`). The
    shared rule sets (site chrome, WordPress cruft, generic notices, photo credits)
    run after the adapter's own rules, so a syndicated story on any site loses that
    site's cruft too. Subclasses declare class attributes; what rules cannot say goes
    in `after_clean`, a tuple of named, documented steps (`AfterClean`), never in an
    override of `clean`.
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
    # Rules searched over the whole text, across lines (a teaser rail, an artefact glued
    # in front of the headline), and blocks from one line through another.
    text_rules: ClassVar[tuple[Rule, ...]] = ()
    block_rules: ClassVar[tuple[BlockRule, ...]] = ()
    # See RuleSet: "first_paragraph" also drops the headline shown again under cut lines.
    title_repeats: ClassVar[Literal["adjacent", "first_paragraph"]] = "adjacent"
    shared_line_rules: ClassVar[tuple[Rule, ...]] = SHARED_LINE_RULES
    shared_span_rules: ClassVar[tuple[Rule, ...]] = SHARED_SPAN_RULES
    shared_text_rules: ClassVar[tuple[Rule, ...]] = SHARED_TEXT_RULES
    after_clean: ClassVar[tuple[AfterClean, ...]] = ()
    # The signals' pre-tests indexed by their texts (literalgate), with the signals they index.
    _signal_gate: tuple[tuple[Signal, ...], Gate] | None = None

    def __init__(self) -> None:
        self.rule_set = RuleSet(
            line_rules=(*self.line_rules, *self.shared_line_rules),
            span_rules=(*self.span_rules, *self.shared_span_rules),
            title_rules=self.title_rules,
            text_rules=(*self.text_rules, *self.shared_text_rules),
            block_rules=self.block_rules,
            title_repeats=self.title_repeats,
        )

    def detect(self, document: Document) -> tuple[Evidence, ...]:
        folded = document.folded
        caseless = document.caseless or caseless_text(folded)
        tested = document.tested
        signals = self.signals
        gate = self._signal_gate
        if gate is None or gate[0] is not signals:  # first use, or signals set on the instance
            gate = self._signal_gate = (signals, Gate([signal.prefilter for signal in signals]))
        found: list[Evidence] = []
        for position in gate[1].candidates(folded, caseless, tested):
            signal = signals[position]
            if signal.search(folded, caseless, tested):
                found.append(Evidence(f"signal:{signal.name}", signal.weight))
        return tuple(found)

    def clean(self, document: Document) -> Article:
        """Apply the rule set, build the Article, then run the `after_clean` steps."""
        cleaned = clean_text(document, self.rule_set)
        if cleaned.title is None:
            raise DocumentRejected("no_article", "no title line: every line was blank or cruft")
        article = self._article(cleaned.title, cleaned)
        for step in self.after_clean:
            try:
                article = step(article, document)
            except DocumentRejected:
                raise
            except Exception as err:  # the adapter's bug: name it and the step
                name = getattr(step, "__name__", repr(step))
                raise AdapterFailed.wrapping(self.name, f"after_clean step {name!r}", err) from err
        return article

    def _article(self, title: str, cleaned: Cleaned) -> Article:
        byline = cleaned.bylines[0] if cleaned.bylines else None
        authors = parse_byline(byline) if byline else ()
        return Article(
            title=title,
            paragraphs=tuple(cleaned.paragraphs),
            adapter=self.name,
            adapter_version=self.version,
            authors=tuple(author.name for author in authors),
            byline=byline,
            published_at=_published_at(cleaned.published),
            syndicator=self.syndicator,
            license=self.license,
            related=tuple(cleaned.related),
            removals=tuple(sorted(cleaned.removals, key=lambda removal: removal.start)),
            author_affiliations=tuple(author for author in authors if author.affiliation),
            original_publisher=cleaned.original_publisher,
            original_url=cleaned.original_url,
            co_publishers=tuple(dict.fromkeys(cleaned.co_publishers)),
            dateline=cleaned.dateline,
            credits=tuple(cleaned.credits),
            embeds=tuple(cleaned.embeds),
            evidence=tuple(cleaned.evidence),
        )


def _published_at(value: str | None) -> datetime | None:
    """The instant a moved date states: ISO 8601 or RFC 2822 with a zone, or a display date
    stated in UTC ('March 7, 2024 7:55 AM UTC'); None for a date without a zone."""
    if not value:
        return None
    return parse_published(value) or parse_utc_display(value)
