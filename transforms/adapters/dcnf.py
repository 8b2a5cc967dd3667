"""Daily Caller News Foundation: a free-to-republish newswire (custom licence, not CC)."""

from __future__ import annotations

import re
from typing import ClassVar

from transforms.adapters.base import RuleAdapter
from transforms.adapters.rulesets import SITE_CHROME
from transforms.rules import Rule

_NAME = r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}"


class DcnfAdapter(RuleAdapter):
    name = "dcnf"
    version = 1
    priority = 100
    description = "Daily Caller News Foundation stories, on dailycaller.com and republished."
    syndicator = "Daily Caller News Foundation"
    license = "DCNF-free"
    detect_patterns: ClassVar[tuple[re.Pattern[str], ...]] = (
        re.compile(r"^\s*Daily Caller News Foundation logo\s*$", re.MULTILINE),
        re.compile(r"All content created by the Daily Caller News Foundation, an independent"),
        re.compile(r"Content created by The Daily Caller News Foundation is available without"),
        re.compile(rf"^\s*By:? {_NAME}, (?:Daily Caller News Foundation|DCNF)\s*$", re.MULTILINE),
    )
    line_rules: ClassVar[tuple[Rule, ...]] = (
        Rule("logo", "logo", r"Daily Caller News Foundation logo"),
        # Original pages: the role word glued to the name ("Jake Smith Contributor").
        Rule("byline", "byline", rf"(?P<value>{_NAME} Contributor)", move_to="byline", zone="head"),
        # Republishers: "By: Jake Smith, Daily Caller News Foundation".
        Rule(
            "republisher-byline",
            "byline",
            rf"(?P<value>By:? {_NAME}, (?:Daily Caller News Foundation|DCNF))",
            move_to="byline",
            zone="head",
        ),
        # Scrapers often cut the e-mail address after "please contact": match the prefix.
        Rule(
            "republish-notice",
            "republish_notice",
            r"All content created by the Daily Caller News Foundation, an independent and "
            r"nonpartisan newswire service, is available without charge.*",
        ),
        # Older footer; wording unverified, so only its distinctive opening is required.
        Rule(
            "republish-notice-old",
            "republish_notice",
            r"Content created by The Daily Caller News Foundation is available without charge.*",
        ),
        *SITE_CHROME,
    )
    span_rules: ClassVar[tuple[Rule, ...]] = (
        # "(RELATED: <headline>)" names another DCNF story; headlines may nest parentheses.
        Rule(
            "related",
            "related_promo",
            r"\(RELATED:\s*(?P<value>[^()]*(?:\([^()]*\)[^()]*)*)\)",
            move_to="related",
            ignore_case=True,
        ),
    )
