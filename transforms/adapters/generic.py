"""The fallback adapter: any text whose first real line is a headline.

With no syndicator's adapter claiming the text, the source a notice names is the best account
of where the story came from: 'This article was originally published by Futurism.' or the
feed footer 'The post … appeared first on WordLift Blog.' (wcxb benchmark pages, tuning part)
names the original publisher, which is then also the syndicator; a commercial syndicator's
'Distributed by X.' line or dateline credit names the syndicator (creditlines.py). A
syndicator's adapter keeps
the shared feed-footer rule, which names no one: there the feed's site is a republisher.
"""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters.base import AfterClean, RuleAdapter
from newsnorm.transforms.adapters.creditlines import (
    DATELINE_CREDIT,
    DISTRIBUTED_BY,
    credited_syndicator,
)
from newsnorm.transforms.adapters.rulesets import OUTLET
from newsnorm.transforms.adapters.steps import named_source_is_syndicator
from newsnorm.transforms.rules import Rule

_NAME = r"[A-Z][\w.'-]+(?: (?:[A-Z][\w.'-]+|de|da|van|von|der|del|la|le)){1,3}"
_PEOPLE = rf"{_NAME}(?:(?:,| and| &) {_NAME})*"
ISO_INSTANT = r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})"


class GenericAdapter(RuleAdapter):
    """Chosen when no syndicator's evidence is strong enough (priority 1000 = fallback)."""

    name = "generic"
    version = 6
    priority = 1000
    description = "Fallback for any text: headline first, shared cruft rules, no syndicator."
    line_rules: ClassVar[tuple[Rule, ...]] = (
        Rule(
            "feed-footer",
            "feed_footer",
            rf"The post .{{3,300}} appeared first on (?P<publisher>{OUTLET})\.?",
            evidence=1.0,
        ),
        # Names only ("By Jane Doe and John Roe, The Outlet"): "By Friday, the toll had
        # risen" and "By The Numbers: …" are sentences and headlines.
        Rule("byline", "byline", rf"By:? {_PEOPLE}(?:, {OUTLET})?", move_to="byline", zone="head"),
        Rule(
            "published",
            "published",
            rf"(?:(?:Published|Posted|Updated)(?: on)?:? )?(?P<value>{ISO_INSTANT})",
            move_to="published",
            zone="head",
        ),
        DISTRIBUTED_BY,
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (DATELINE_CREDIT,)
    after_clean: ClassVar[tuple[AfterClean, ...]] = (
        credited_syndicator,
        named_source_is_syndicator,
    )
