"""What the rule engine produces (`Cleaned`) and how a rule's match lands in its fields."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from newsnorm.transforms.records import Credit, Dateline, Embed, Evidence, Related, Removal
from newsnorm.transforms.rules import Rule
from newsnorm.transforms.text import normalize_text

# A text is hard-wrapped (paragraphs broken into fixed-width lines) when most of
# its lines end near one width no wider than this; then lines of a block join.
_MAX_WRAP_WIDTH = 100
_WRAPPED_SHARE = 0.8


@dataclass(slots=True)
class Cleaned:
    """What the engine kept, moved and cut, before an adapter turns it into an Article."""

    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    published: str | None = None
    related: list[Related] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    embeds: list[Embed] = field(default_factory=list)
    dateline: Dateline | None = None
    original_publisher: str | None = None
    original_url: str | None = None
    co_publishers: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)

    def copy(self) -> Cleaned:
        """A copy whose lists can grow apart from this one's (the engine's rollback)."""
        return replace(
            self,
            paragraphs=list(self.paragraphs),
            bylines=list(self.bylines),
            related=list(self.related),
            credits=list(self.credits),
            embeds=list(self.embeds),
            co_publishers=list(self.co_publishers),
            evidence=list(self.evidence),
            removals=list(self.removals),
        )


def record(cleaned: Cleaned, rule: Rule, match: re.Match[str], raw: str) -> None:
    """Move the match to its field and keep any provenance its groups captured."""
    value = normalize_text(rule.value_of(match, raw))
    if rule.move_to == "byline":
        cleaned.bylines.append(value)
    elif rule.move_to == "published" and cleaned.published is None:
        cleaned.published = value
    elif rule.move_to == "related":
        cleaned.related.append(Related(title=value))
    elif rule.move_to in ("credit", "caption"):
        cleaned.credits.append(
            Credit("photo_credit" if rule.move_to == "credit" else "caption", value)
        )
    elif rule.move_to == "embed":
        url = _clean_or_none(rule.group_of(match, raw, "url"))
        cleaned.embeds.append(Embed(rule.kind, value, url))
    place, agency = rule.group_of(match, raw, "place"), rule.group_of(match, raw, "agency")
    if (place or agency) and cleaned.dateline is None:
        cleaned.dateline = Dateline(_clean_or_none(place), _clean_or_none(agency))
    if (publisher := _clean_or_none(rule.group_of(match, raw, "publisher"))) is not None:
        # "originally published by the Harbor Gazette": the article is not part of the name.
        publisher = publisher.rstrip(".").removeprefix("the ")
        cleaned.original_publisher = cleaned.original_publisher or publisher
    url = None if rule.move_to == "embed" else _clean_or_none(rule.group_of(match, raw, "url"))
    if url is not None:
        cleaned.original_url = cleaned.original_url or url.rstrip(".")
    if (copublisher := _clean_or_none(rule.group_of(match, raw, "copublisher"))) is not None:
        cleaned.co_publishers.append(copublisher.rstrip("."))
    if rule.evidence > 0:
        cleaned.evidence.append(Evidence(f"rule:{rule.name}", rule.evidence))


def _clean_or_none(value: str | None) -> str | None:
    if value is None:
        return None
    return normalize_text(value) or None


def paragraphs(blocks: list[list[str]]) -> list[str]:
    """Kept lines as paragraphs: one per line, or one per block when the text is hard-wrapped."""
    if _is_hard_wrapped(blocks):
        return [" ".join(block) for block in blocks]
    return [line for block in blocks for line in block]


def _is_hard_wrapped(blocks: list[list[str]]) -> bool:
    inner = [line for block in blocks for line in block[:-1]]
    if len(inner) < 3:
        return False
    width = max(len(line) for line in inner)
    if width > _MAX_WRAP_WIDTH:
        return False
    near_width = sum(1 for line in inner if len(line) >= 0.7 * width)
    # Wrapped lines break mid-sentence; one-paragraph-per-line text ends its lines with one.
    mid_sentence = sum(1 for line in inner if not line.endswith((".", "?", "!", '"', "\u201d")))
    return near_width / len(inner) >= _WRAPPED_SHARE and mid_sentence / len(inner) >= 0.5
