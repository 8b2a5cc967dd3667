"""Which text dumps the story stage reads as whole pages (transforms/dump/page_gate.py), and
what a reader is told about each drop (transforms/dump/reasons.py). Every page is invented."""

from __future__ import annotations

from newsnorm.transforms.adapters import BUILTIN
from newsnorm.transforms.dump.page_gate import (
    MIN_PAGE_KINDS,
    MIN_PAGE_UNITS,
    PAGE_KINDS,
    is_nav_line,
    looks_like_page,
)
from newsnorm.transforms.dump.reasons import describe
from newsnorm.transforms.dump.story import WARNING
from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.pipeline import process_text
from newsnorm.transforms.records import Removal

ADAPTERS = tuple(adapter() for adapter in BUILTIN)

HEADLINE = "Council approves a new ferry timetable after months of debate"
STORY = [
    "The town council voted on Tuesday evening to approve a revised ferry timetable that "
    "adds two early crossings on weekdays, ending a debate that had run since the spring.",
    "Commuters had asked for an earlier boat for years, saying the first crossing left too "
    "late for anyone working a morning shift on the mainland.",
    "The harbour master said the new schedule would start in the first week of next month, "
    "once crews had been trained on the extra route.",
    "Some residents raised concerns about noise from the early sailings, and the council "
    "agreed to review the timetable again after six months.",
    "A spokesperson for the ferry operator said the company welcomed the decision and "
    "would publish the full timetable online this week.",
]
NAV = "Home | News | Sport | Business | Culture | Weather | Contact"
COOKIES = [
    "We use cookies to improve your experience on our site. By continuing to browse you "
    "accept our cookie policy.",
    "Accept all cookies",
]


def _units(texts: list[str]) -> list[Unit]:
    return [Unit(text, text, 0, len(text)) for text in texts]


def test_a_menu_written_on_one_line_is_a_navigation_line() -> None:
    assert is_nav_line(NAV)
    assert is_nav_line("News \u2022 World \u2022 Local news \u2022 Sport")
    assert is_nav_line("Home / Politics / Elections / State House")
    assert not is_nav_line("Home | News | Sport")  # too few items
    assert not is_nav_line("Prices rose 3% | Wages rose 2% | Rents rose 5% in a year | Taxes")
    assert not is_nav_line("Readers said the plan was fine and/or good and/or cheap, mostly.")


def test_a_page_is_told_by_a_menu_run_a_nav_line_scattered_labels_or_page_chrome() -> None:
    bare = [HEADLINE, *STORY, *STORY]
    assert len(bare) >= MIN_PAGE_UNITS
    assert not looks_like_page(_units(bare))
    # A one-line menu: the short page still reads as a page.
    assert looks_like_page(_units(["Harbour Courier", NAV, *COOKIES, HEADLINE, *STORY]))
    # Menu items between longer labels: no run of four, but a third of the page is labels.
    wide = "Local news and events from around the harbour"
    labels = ["Home", wide, "Sport", "Weather", wide, "Opinion", "Letters", wide, "Obituaries",
              "Jobs", wide, "Travel", "Food"]  # fmt: skip
    page = [*labels, HEADLINE, *STORY]
    assert not any(all(len(t.split()) <= 5 for t in page[i : i + 4]) for i in range(len(page)))
    assert looks_like_page(_units(page))
    # Chrome the shared rules cut, of several kinds a page carries and an article does not.
    cuts = [Removal("r", kind, "removed", 0, 1, "x") for kind in sorted(PAGE_KINDS)]
    assert looks_like_page(_units(bare), cuts[:MIN_PAGE_KINDS])
    assert not looks_like_page(_units(bare), cuts[: MIN_PAGE_KINDS - 1])
    # Too short for any evidence but a menu run.
    assert not looks_like_page(_units([NAV, HEADLINE, *STORY[:3]]))


def test_a_page_with_a_one_line_menu_loses_its_chrome_and_keeps_its_story() -> None:
    text = "\n\n".join(["Harbour Courier", NAV, *COOKIES, HEADLINE, "By Lena Marsh", *STORY])
    article = process_text(text, ADAPTERS)
    assert article.title == HEADLINE
    assert article.paragraphs == tuple(STORY)
    assert article.authors == ("Lena Marsh",)
    assert WARNING in article.warnings
    dropped = {removal.text for removal in article.removals if removal.kind == "page_chrome"}
    assert {NAV, *COOKIES} <= dropped


def test_a_bare_article_comes_back_as_the_adapters_made_it() -> None:
    text = "\n\n".join([HEADLINE, *STORY, *(f"{p} Again." for p in STORY)])
    article = process_text(text, ADAPTERS)
    assert WARNING not in article.warnings
    assert not any(removal.kind == "page_chrome" for removal in article.removals)


def test_each_drop_of_the_story_stage_is_told_in_words_with_its_rule_beside() -> None:
    assert describe("outside-story:above_headline") == "page chrome: above the story's headline"
    menu = describe("outside-story:short_run,lexical_mean,core_distance")
    assert "menu-like" in str(menu)
    outside = describe("outside-story:story_word_distance_30,short_run")
    assert str(outside).startswith("outside the story block")
    run = describe("outside-story:chrome_run(p=0.20;cost=1)")
    assert "among chrome" in str(run)
    unknown = describe("outside-story:some_future_feature")
    assert unknown == "page chrome: the line model calls it chrome"
    assert describe("copyright-line") is None
    assert describe("below-headline:byline") is None
