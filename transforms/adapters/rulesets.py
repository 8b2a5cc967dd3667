"""Rule sets that any site can carry; adapters compose these with their own rules."""

from __future__ import annotations

from transforms.rules import Rule

SITE_CHROME: tuple[Rule, ...] = (
    # The text-size widget, copied along with the page text.
    Rule("font-size", "ui_cruft", r"Font Size:?"),
    Rule("advertisement", "ad_marker", r"(?:Advertisement|ADVERTISEMENT):?"),
    Rule("skip-to-content", "ui_cruft", r"Skip to (?:main )?content", ignore_case=True),
)
