"""A site's name after a dump's headline, cut where the page shows it alone (title_site.py)."""

from __future__ import annotations

from newsnorm.transforms.adapters import BUILTIN
from newsnorm.transforms.dump.headline import SUFFIX_RULE, headline, title_text
from newsnorm.transforms.dump.title_site import named_suffix, page_names
from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.pipeline import process_text
from tests_support import line_units

ADAPTERS = tuple(adapter() for adapter in BUILTIN)
HEADLINE = "Tide pools return to the north jetty"
# A site name the shape rule leaves: lower-case words after a spaced dash.
SITE = "notes from the harbor walk"
STORY = [
    "Volunteers counting sea stars along the north jetty found more of them this spring "
    "than in any year since the survey began, a sign that the pools have recovered.",
    "The survey team walks the jetty at low tide twice a month and records every animal "
    "it finds in twelve marked pools, from anemones to the smallest hermit crabs.",
    "Biologists said the warm winter and the closure of the old outfall pipe had both "
    "helped, though they warned that one good year does not make a trend on its own.",
    "The harbor board plans to add signs asking visitors to stay on the rocks above the "
    "pools, where the animals are safe from boots and buckets during the busy summer.",
]


def _names(*lines: str) -> frozenset[str]:
    return page_names(line_units(list(lines)))


def test_a_trailing_part_the_page_shows_alone_is_the_sites_name() -> None:
    line = f"{HEADLINE} - {SITE}"
    assert title_text(line) == line  # its shape alone does not say so
    assert title_text(line, _names("Home", SITE.title(), line)) == HEADLINE
    # Not shown alone (only inside a longer line), it stays.
    assert title_text(line, _names("Home", f"About {SITE}", line)) == line


def test_the_cut_goes_on_leftwards_over_each_part_shown_alone() -> None:
    line = f"{HEADLINE} | Field notes | {SITE}"
    assert title_text(line, _names("Field Notes", SITE)) == HEADLINE
    assert title_text(line, _names(SITE)) == f"{HEADLINE} | Field notes"


def test_a_subtitle_after_a_colon_or_a_short_head_stays() -> None:
    # A table of contents repeats a subtitle's words; after a colon they are the headline's.
    line = "Index funds explained: how to start investing"
    assert title_text(line, _names("How to start investing")) == line
    # Fewer than three words would be left: the part is the headline's, not a site's.
    short = f"Tide pools - {SITE}"
    assert named_suffix(short, _names(SITE)) == len(short)


def test_the_cut_is_a_recorded_removal_on_the_input_line() -> None:
    line = f"{HEADLINE} \u2014 {SITE}"
    unit = Unit(line, line, 0, len(line))
    title, cuts = headline(line, unit, (), _names(SITE, line))
    assert title == HEADLINE
    assert [(cut.rule, cut.kind, line[cut.start : cut.end]) for cut in cuts] == [
        (SUFFIX_RULE, "title_suffix", f"\u2014 {SITE}")
    ]


def test_a_whole_page_dump_loses_the_sites_name_from_its_title() -> None:
    menu = ["Skip to content", "Harbor Walk", "* Home", "* Tides", "* Birds", "* Maps",
            "* Events", "* About", "* Contact", "Search for:", "Search"]  # fmt: skip
    lines = [*menu, "", f"{HEADLINE} - {SITE}", "By Dana Whitfield", "March 4, 2025", ""]
    for paragraph in STORY:
        lines += [paragraph, ""]
    lines += ["About Us", SITE.title(), "Contact", "Privacy Policy", "Terms of Use"]
    text = "\n".join(lines) + "\n"
    article = process_text(text, ADAPTERS)
    assert article.title == HEADLINE
    cut = [removal for removal in article.removals if removal.rule == SUFFIX_RULE]
    assert [text[removal.start : removal.end] for removal in cut] == [f"- {SITE}"]
    assert not {removal.text for removal in article.removals} & set(STORY)


def test_a_subtitle_the_story_repeats_as_a_subheading_stays() -> None:
    # The story's own subheading (between its paragraphs) is no site name; the footer's is.
    line = f"{HEADLINE} - what visitors can do"
    lines = ["Home", line, STORY[0], "What visitors can do", STORY[1], "About", SITE]
    units = line_units(lines)
    story = [2, 3, 4]
    assert title_text(line, page_names(units, story)) == line
    footer = f"{HEADLINE} - {SITE}"
    assert title_text(footer, page_names(line_units([*lines[:-1], SITE]), story)) == HEADLINE
