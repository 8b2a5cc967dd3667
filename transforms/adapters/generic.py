"""The fallback adapter: any text whose first real line is a headline."""

from __future__ import annotations

from typing import ClassVar

from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.adapters.rulesets import OUTLET
from newsnorm.transforms.rules import Rule

_NAME = r"[A-Z][\w.'-]+(?: (?:[A-Z][\w.'-]+|de|da|van|von|der|del|la|le)){1,3}"
_PEOPLE = rf"{_NAME}(?:(?:,| and| &) {_NAME})*"
ISO_INSTANT = r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})"


class GenericAdapter(RuleAdapter):
    """Chosen when no syndicator's evidence is strong enough (priority 1000 = fallback)."""

    name = "generic"
    version = 2
    priority = 1000
    description = "Fallback for any text: headline first, shared cruft rules, no syndicator."
    line_rules: ClassVar[tuple[Rule, ...]] = (
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
    )
