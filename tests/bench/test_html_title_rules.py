"""bench/html_title_rules.py: each variant switches a live part of the title chooser and puts
it back, and the helped / hurt and held-out counts are what the pages say."""

from __future__ import annotations

import random

import pytest

from newsnorm.transforms.html import titles
from newsnorm.transforms.html.facts import read_facts
from newsnorm.transforms.html.nodes import parse_page
from tests_support import bench_module

rules = bench_module("html_title_rules")

_PAGE = """<html><head><title>Ferry Timetables for Beginners - Quick Harbour Tips</title>
</head><body><h1>Ferry Timetables for Beginners - Quick Harbour Tips</h1>
<p>The harbour office prints a new timetable each spring.</p></body></html>"""


def test_every_variant_names_a_part_the_chooser_has() -> None:
    for _, module, attribute, _ in (*rules.ABLATIONS, *rules.REJECTED):
        assert hasattr(module, attribute), attribute
    for module, attribute, grid in rules.THRESHOLDS:
        assert getattr(module, attribute) in grid, attribute


def test_a_switched_part_changes_the_title_and_is_put_back() -> None:
    facts = read_facts(parse_page(_PAGE)[0], "https://ferries.example/timetables")
    assert titles.find_title(facts) == "Ferry Timetables for Beginners"
    name, module, attribute, value = next(v for v in rules.ABLATIONS if v[0] == "no tagline cut")
    with rules.switched(module, attribute, value):
        assert titles.find_title(facts) == "Ferry Timetables for Beginners - Quick Harbour Tips"
    with pytest.raises(RuntimeError), rules.switched(module, attribute, value):
        raise RuntimeError(name)
    assert titles.find_title(facts) == "Ferry Timetables for Beginners"


def test_compare_counts_pages_and_sites_helped_and_hurt() -> None:
    base = {"wcxb/1": False, "wcxb/2": False, "wcxb/3": True, "fundus/a": True}
    now = {"wcxb/1": True, "wcxb/2": True, "wcxb/3": False, "fundus/a": True}
    sites = {"wcxb/1": "one.example", "wcxb/2": "one.example", "wcxb/3": "two.example"}
    line = rules.compare("variant", now, base, sites | {"fundus/a": "Gazette"})
    assert line == (
        "variant: wcxb 2, fundus 1; +2 pages / 1 sites wcxb/1 wcxb/2; -1 pages / 1 sites wcxb/3"
    )


def test_a_value_that_wins_everywhere_wins_on_the_held_out_half() -> None:
    sites = {f"wcxb/{n}": f"site{n}.example" for n in range(10)}
    shipped = dict.fromkeys(sites, False)
    better = dict.fromkeys(sites, True)
    gain = rules.held_out({1: shipped, 2: better}, 1, sites, random.Random(0))
    assert gain == 5
    assert rules.held_out({1: better, 2: shipped}, 1, sites, random.Random(0)) == 0


def test_a_variant_that_gains_on_every_site_holds_on_both_halves() -> None:
    sites = {f"wcxb/{n}": f"site{n}.example" for n in range(10)}
    base = dict.fromkeys(sites, False)
    everywhere = dict.fromkeys(sites, True)
    assert rules.on_halves(everywhere, base, sites, 5, 13) == (
        "net >= 0 on both halves in 5 of 5 draws, > 0 in 5"
    )
    one = base | {"wcxb/0": True}
    line = rules.on_halves(one, base, sites, 5, 13)
    assert line == "net >= 0 on both halves in 5 of 5 draws, > 0 in 0"
    assert rules.on_halves(base, everywhere, sites, 5, 13).startswith(
        "net >= 0 on both halves in 0"
    )


def test_the_outvoted_json_ld_variant_reads_the_statements() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Ferry routes cut for the winter"}</script>'
        '<meta property="og:title" content="Winter ferry cuts: which routes go">'
    )
    body = "<h1>Winter ferry cuts: which routes go</h1><p>The board met.</p>"
    facts = read_facts(parse_page(f"<html><head>{head}</head><body>{body}</body></html>")[0], None)
    assert titles.find_title(facts) == "Ferry routes cut for the winter"
    assert rules._outvoted_headline(facts) == "Winter ferry cuts: which routes go"
    backed = head + "<title>Ferry routes cut for the winter</title>"
    page = f"<html><head>{backed}</head><body>{body}</body></html>"
    assert rules._outvoted_headline(read_facts(parse_page(page)[0], None)) is None
