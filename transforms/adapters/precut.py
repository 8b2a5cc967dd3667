"""Cuts the line engine cannot make: part of the title line, or a block of several lines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import ClassVar

from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.records import Article, Document, Evidence, Removal
from newsnorm.transforms.rules import Rule
from newsnorm.transforms.text import normalize_text

_NOT_A_LINE_BREAK = re.compile(r"[^\r\n]")


@dataclass(frozen=True, slots=True)
class _Cut:
    removal: Removal
    publisher: str | None
    evidence: Evidence | None


class PrecutAdapter(RuleAdapter):
    """A RuleAdapter that cuts `precut_rules` matches before the rule engine runs.

    Line rules match whole lines and span rules only see body lines, so neither can
    cut an extraction artefact glued in front of the headline (catalogue pitfall 11),
    a title suffix naming the source, or a teaser rail spread over several lines. A
    precut rule is searched over the whole folded text; what it matches (its `value`
    group when present) is blanked, line breaks kept, so every offset stays valid and
    the engine sees blank space there. Each cut is recorded as a removal; a `publisher`
    group names the original publisher unless a notice already did.
    """

    precut_rules: ClassVar[tuple[Rule, ...]] = ()

    def clean(self, document: Document) -> Article:
        cuts = list(self._precuts(document))
        if not cuts:
            return super().clean(document)
        text = document.text
        for cut in cuts:
            start, end = cut.removal.start, cut.removal.end
            text = text[:start] + _NOT_A_LINE_BREAK.sub(" ", text[start:end]) + text[end:]
        article = super().clean(Document.from_text(text))
        removals = sorted(
            (*article.removals, *(cut.removal for cut in cuts)), key=lambda item: item.start
        )
        publishers = [cut.publisher for cut in cuts if cut.publisher]
        return replace(
            article,
            removals=tuple(removals),
            original_publisher=article.original_publisher or next(iter(publishers), None),
            evidence=(*article.evidence, *(cut.evidence for cut in cuts if cut.evidence)),
        )

    def _precuts(self, document: Document) -> Iterator[_Cut]:
        taken: list[tuple[int, int]] = []
        for rule in self.precut_rules:
            group = "value" if "value" in rule.compiled.groupindex else 0
            for match in rule.compiled.finditer(document.folded):
                start, end = match.span(group)
                if start == end or any(start < e and s < end for s, e in taken):
                    continue
                taken.append((start, end))
                text = document.text[start:end]
                publisher = rule.group_of(match, document.text, "publisher")
                yield _Cut(
                    Removal(rule.name, rule.kind, "removed", start, end, text),
                    normalize_text(publisher).rstrip(".") or None if publisher else None,
                    Evidence(f"rule:{rule.name}", rule.evidence) if rule.evidence else None,
                )
