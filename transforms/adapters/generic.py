"""The fallback adapter: any text whose first real line is a headline."""

from __future__ import annotations

from typing import ClassVar

from transforms.adapters.base import RuleAdapter
from transforms.rules import Rule

ISO_INSTANT = r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})"


class GenericAdapter(RuleAdapter):
    """Chosen when no syndicator's evidence is strong enough (priority 1000 = fallback)."""

    name = "generic"
    version = 2
    priority = 1000
    description = "Fallback for any text: headline first, shared cruft rules, no syndicator."
    line_rules: ClassVar[tuple[Rule, ...]] = (
        Rule("byline", "byline", r"By:? [A-Z][^\n]{1,100}", move_to="byline", zone="head"),
        Rule(
            "published",
            "published",
            rf"(?:(?:Published|Posted|Updated)(?: on)?:? )?(?P<value>{ISO_INSTANT})",
            move_to="published",
            zone="head",
        ),
    )
