"""bench/html_author_sources.py and html_author_words.py: each source is read on its own,
each step and word taken out changes the live readers and is put back, and the held-out
counts are what the pages say."""

from __future__ import annotations

import random
import re
import types

from newsnorm.transforms.html import bylines
from newsnorm.transforms.html.facts import read_facts
from newsnorm.transforms.html.nodes import parse_page
from tests_support import bench_module

sources = bench_module("html_author_sources")
words = bench_module("html_author_words")
order = bench_module("html_author_order")

_PAGE = """<html><head><title>Tide Tables Explained</title>
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Tide Tables Explained",
 "author": {"@type": "Person", "name": "Mara Quillon"}}</script></head>
<body><article><h1>Tide Tables Explained</h1><p class="dek">By Tobin Reyes</p>
<p>The harbour office prints a new table each spring, and the pilots read it twice.</p>
</article></body></html>"""
_BYLINE_ONLY = _PAGE.replace('"author": {"@type": "Person", "name": "Mara Quillon"}', '"x": 1')


def _page(html: str) -> object:
    facts = read_facts(parse_page(html)[0], "https://tides.example/tables")
    return sources.Page("wcxb/1", "tides.example", ["Mara Quillon"], facts, ())


def test_each_source_is_read_on_its_own() -> None:
    page = _page(_PAGE)
    found = dict(sources.sources(page))
    assert found["json-ld"] == ["Mara Quillon"]
    assert found["visible by_lines"] == ["Tobin Reyes"]
    assert found["meta tags"] == []
    assert sources.answer(page) == ("Mara Quillon",)


def test_every_step_and_threshold_names_a_part_the_readers_have() -> None:
    for _, enter in sources.STEPS:
        with enter() as stack:
            assert stack is not None
    for module, attribute, grid in (*sources.THRESHOLDS,):
        assert getattr(module, attribute) in grid, attribute
    for module, attribute in words.LISTS:
        assert isinstance(getattr(module, attribute), re.Pattern), attribute


def test_a_step_switched_off_changes_the_answer_and_is_put_back() -> None:
    page = _page(_BYLINE_ONLY)
    assert sources.answer(page) == ("Tobin Reyes",)
    enter = dict(sources.STEPS)["no visible by_lines"]
    with enter():
        assert sources.answer(page) == ()
    assert sources.answer(page) == ("Tobin Reyes",)


def test_a_step_winning_everywhere_earns_on_the_held_out_half() -> None:
    sites = {f"wcxb/{n}": f"site{n}.example" for n in range(10)}
    right, wrong = dict.fromkeys(sites, True), dict.fromkeys(sites, False)
    assert sources.held_out_step(right, wrong, sites, random.Random(0)) == 5
    assert sources.held_out_step(wrong, right, sites, random.Random(0)) == 0
    assert sources.held_out_step(right, right, sites, random.Random(0)) == 0


def test_each_plain_word_of_a_list_is_taken_out_alone() -> None:
    pattern = re.compile(r"alpha|beta|(?:gamma|delta)s?\b", re.IGNORECASE)
    found = dict(words.words(pattern))
    assert sorted(found) == ["alpha", "beta", "delta", "gamma"]
    assert found["gamma"] == r"alpha|beta|(?:delta)s?\b"
    assert not re.compile(found["beta"], re.IGNORECASE).fullmatch("Beta")


def test_a_word_taken_out_of_a_class_list_reaches_the_reader_and_is_put_back() -> None:
    html = _BYLINE_ONLY.replace('<p class="dek">By', '<p class="post-author">Tobin').replace(
        "Tobin Tobin", "Tobin"
    )
    page = _page(html)
    assert sources.answer(page) == ("Tobin Reyes",)
    without = dict(words.words(bylines._BYLINE_CLASS))["author"]
    with words.patched(bylines, "_BYLINE_CLASS", without):
        assert sources.answer(page) == ()
    assert sources.answer(page) == ("Tobin Reyes",)


def test_a_word_that_hurts_everywhere_is_dropped_by_the_fitted_list() -> None:
    sites = {f"wcxb/{n}": f"site{n}.example" for n in range(10)}
    base = dict.fromkeys(sites, False)
    results = {"noisy": dict.fromkeys(sites, True), "idle": dict(base)}
    assert words.held_out(results, base, sites, random.Random(0)) == 5
    assert (
        words.held_out({"useful": dict(base)}, dict.fromkeys(sites, True), sites, random.Random(0))
        == 0
    )


def test_an_order_answers_from_its_first_source_naming_anyone() -> None:
    hits = {"visible by_lines": True, "json-ld": False}
    assert order.simulated(order.PEOPLE, hits, right=False) is False
    assert order.simulated(tuple(reversed(order.PEOPLE)), hits, right=False) is True
    assert order.simulated(order.PEOPLE, {}, right=True) is True


def test_an_order_better_everywhere_earns_on_the_held_out_half() -> None:
    keys = [f"wcxb/{n}" for n in range(10)]
    sites = {key: f"site{key}.example" for key in keys}
    other = tuple(reversed(order.PEOPLE))
    results = {order.PEOPLE: [False] * 10, other: [True] * 10}
    assert order.held_out(results, keys, sites, random.Random(0)) == 5
    results = {order.PEOPLE: [True] * 10, other: [False] * 10}
    assert order.held_out(results, keys, sites, random.Random(0)) == 0


def test_the_order_reads_the_answer_s_organisations_beside_each_source() -> None:
    page = _page(_PAGE)
    hits, right = order.source_hits(page, lambda found, gold: sorted(found) == sorted(gold))
    assert hits == {"json-ld": True, "visible by_lines": False}
    assert right is True


def test_a_word_the_list_holds_twice_is_taken_out_once_each_time() -> None:
    holder = types.SimpleNamespace(LIST=re.compile(r"\b(?:team|staff)\b|^(?:news|team)$"))
    results = words.word_list(holder, "LIST", [], {}, lambda found, gold: False)
    assert list(results) == ["team", "staff", "news", "team (2)"]
    assert holder.LIST.pattern == r"\b(?:team|staff)\b|^(?:news|team)$"
