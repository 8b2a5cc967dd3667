"""bench/html_title_date_misses.py: a title miss is classed by where the gold stands among
the page's title sources, a date miss by whether the page writes the gold's day, and a class
counts the draws that put its sites on both halves."""

from __future__ import annotations

import argparse
from datetime import date

from newsnorm.transforms.html.facts import read_facts
from newsnorm.transforms.html.nodes import parse_page
from tests_support import bench_module

misses = bench_module("html_title_date_misses")
URL = "https://ferries.example/guides/night-crossings"


def _facts(head: str, body: str):  # type: ignore[no-untyped-def]
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return read_facts(parse_page(html)[0], URL)


def _same(a: str | None, b: str) -> bool:
    return (a or "").casefold() == b.casefold()


_HEAD = (
    '<meta property="og:title" content="Night Crossings for Beginners">'
    "<title>Night Crossings for Beginners | Ferries</title>"
)
_BODY = "<h1>How the Night Ferry Runs</h1><p>The night ferry leaves at ten.</p>"


def test_a_title_miss_is_classed_by_where_the_gold_stands() -> None:
    facts = _facts(_HEAD, _BODY)
    stated, shown = "Night Crossings for Beginners", "How the Night Ferry Runs"
    assert misses.title_class(facts, stated, shown, _same) == (
        "h1 against stated titles: gold a stated title"
    )
    assert misses.title_class(facts, shown, stated, _same) == (
        "h1 against stated titles: gold the h1"
    )
    assert misses.title_class(facts, "A Title Nowhere", shown, _same) == "gold on no title source"
    assert misses.title_class(facts, "Night-Crossings for Beginners!", stated, _same) == (
        "cut: the gold's spelling or punctuation"
    )
    assert misses.title_class(facts, stated, None, _same) == "no title given"


def test_a_gold_that_is_one_part_of_a_stated_title_is_a_cut() -> None:
    head = "<title>Harbour Notes - Night Crossings for Beginners - Ferries</title>"
    facts = _facts(head, "<p>The night ferry leaves at ten.</p>")
    ours = "Harbour Notes - Night Crossings for Beginners"
    assert misses.title_class(facts, "Harbour Notes", ours, _same) == (
        "cut: the gold is one part of a stated title"
    )


def test_a_day_is_written_in_the_usual_forms_and_no_other_day_is() -> None:
    day = date(2025, 3, 7)
    for text in ("2025-03-07T10:00", "March 7, 2025", "Mar. 7th 2025", "7 March 2025",
                 "07.03.2025", "3/7/2025", "the 7th of March, 2025"):  # fmt: skip
        assert misses.written(text, day), text
    for text in ("March 17, 2025", "2025-03-17", "7 May 2025", "13/7/2025"):
        assert not misses.written(text, day), text


def test_a_date_miss_says_whether_the_page_writes_the_gold() -> None:
    head = '<meta property="article:modified_time" content="2025-05-02T09:00:00Z">'
    facts = _facts(head, "<p>Updated May 2, 2025</p>")
    html = f"<html><head>{head}</head><body><p>Updated May 2, 2025</p></body></html>"
    assert misses.date_class(html, facts, date(2024, 1, 9), "json-ld") == (
        "gold day written nowhere in the page"
    )
    assert misses.date_class(html, facts, date(2025, 5, 2), "json-ld") == (
        "gold the day the markup names modified"
    )
    assert misses.date_class(html + "<p>2023-08-01</p>", facts, date(2023, 8, 1), None) == (
        "none given, the gold day written in the page"
    )


def test_a_shown_modified_day_is_classed_by_whose_the_gold_is_and_its_label() -> None:
    head = '<meta property="article:modified_time" content="2025-05-02T09:00:00Z">'
    labelled = _facts(head, "<p>By Ana Ruiz</p><p>Last updated: May 2, 2025</p>")
    ours = date(2024, 1, 9)
    assert misses.shown_modified(labelled, ours, ours) == "gold ours, shown after an update word"
    bare = _facts(head, "<p>By Ana Ruiz</p><p>May 2, 2025</p>")
    assert misses.shown_modified(bare, date(2025, 5, 2), ours) == (
        "gold the modified day, shown without one"
    )
    # The page shows our day too, or does not show the modified one: not in the table.
    both = _facts(head, "<p>January 9, 2024</p><p>Updated May 2, 2025</p>")
    assert misses.shown_modified(both, ours, ours) is None
    assert misses.shown_modified(_facts(head, "<p>No dates here.</p>"), ours, ours) is None


def test_a_class_on_one_site_is_never_on_both_halves() -> None:
    sites = [f"site{n}.example" for n in range(10)]
    one = [("wcxb/1", "site1.example"), ("wcxb/2", "site1.example")]
    assert misses.on_both_halves(one, sites, 20, 13) == 0
    every = [(f"wcxb/{n}", site) for n, site in enumerate(sites)]
    assert misses.on_both_halves(every, sites, 20, 13) == 20


def test_a_row_lists_its_pages_when_asked(capsys) -> None:  # type: ignore[no-untyped-def]
    args = argparse.Namespace(draws=4, seed=1, pages=True)
    misses._print_row("title | x", [("wcxb/1", "a.example")], ["a.example", "b.example"], args)
    assert capsys.readouterr().out.splitlines() == ["| title | x | 1 | 1 | 0 |", "  wcxb/1"]
