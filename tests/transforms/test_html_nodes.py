"""The page mirror (nodes.py) is the tree BeautifulSoup on lxml builds, node for node: the
readers moved to it for speed only, so no output may move."""

from __future__ import annotations

import gc
import re

import pytest
import trafilatura
from bs4 import BeautifulSoup
from bs4.element import PageElement as SoupElement
from bs4.element import Tag as SoupTag
from lxml import etree

from newsnorm.transforms.html import reader
from newsnorm.transforms.html.nodes import PageElement, Tag, parse_page, release
from newsnorm.transforms.html.reader import extraction_tree, read_page

# Markup where bs4's reading and lxml's differ unless the mirror takes care: comments,
# CDATA, script/style/template/ruby strings, whitespace-only strings (collapsed outside
# <pre>), list attributes, upper-case names, entities, <br>, unclosed and stray tags.
PAGE = """<!DOCTYPE html><!-- before --><html><head><title>A &amp; B</title>
<script>var a = "<p>";</script><style>p { color: red }</style>
<link REL="canonical  stylesheet" href="/a"></head>
<body CLASS=" lead  wide "><div id="x" class="">  \t
<p>One<!-- c -->two<!----> <b>bold</b><br>after<p>unclosed <i>it</div>
<pre>  keep   this  </pre><template><p>tpl</p></template>
<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby><p>Text <![CDATA[raw]]> more.</p>
<form accept-charset="utf-8 latin1"><textarea>   </textarea></form>
<a rel="author nofollow" href="/j" title='x' title='y'>Jane</a><span><em>only</em></span>
<svg><title>icon</title></svg><?php echo 1 ?>&nbsp;&#8212;</body></html>"""


def _sig(node: PageElement | SoupElement | None) -> tuple[object, ...]:
    if node is None:
        return ()
    if isinstance(node, Tag | SoupTag):
        attrs = node.attrs.items()
        return ("tag", node.name, {k: list(v) if isinstance(v, list) else v for k, v in attrs})
    return (type(node).__name__, str(node))


def _both() -> tuple[list[PageElement], list[SoupElement]]:
    doc, _ = parse_page(PAGE)
    return list(doc.descendants), list(BeautifulSoup(PAGE, "lxml").descendants)


def test_mirror_is_bs4s_tree() -> None:
    mine, theirs = _both()
    assert [_sig(node) for node in mine] == [_sig(node) for node in theirs]
    for node, other in zip(mine, theirs, strict=True):
        assert _sig(node.parent) == _sig(other.parent)
        assert _sig(node.next_element) == _sig(other.next_element)
        assert _sig(node.previous_element) == _sig(other.previous_element)


def test_text_string_and_find_match_bs4() -> None:
    mine, theirs = _both()
    hint = re.compile(r"kan|raw|one", re.IGNORECASE)
    for tag, other in zip(mine, theirs, strict=True):
        if not isinstance(tag, Tag):
            continue
        assert isinstance(other, SoupTag)
        assert tag.get_text() == other.get_text()
        assert tag.get_text(" ") == other.get_text(" ")
        assert _sig(tag.string) == _sig(other.string)
        assert _sig(tag.find(["b", "i", "em"])) == _sig(other.find(["b", "i", "em"]))
        assert [_sig(t) for t in tag.find_all(True)] == [_sig(t) for t in other.find_all(True)]
        found, wanted = tag.find_all(string=hint), other.find_all(string=hint)
        assert [_sig(s) for s in found] == [_sig(s) for s in wanted]
        assert [_sig(t) for t in tag.find_all(rel=re.compile("author"))] == [
            _sig(t) for t in other.find_all(rel=re.compile("author"))
        ]


def test_extraction_tree_drops_comments_and_leaves_the_mirror() -> None:
    doc, root = parse_page(PAGE)
    before = [_sig(node) for node in doc.descendants]
    tree = extraction_tree(root, PAGE)
    assert tree is not None
    assert not [node for node in tree.iter() if not isinstance(node.tag, str)]
    assert "Onetwo" in tree.text_content()
    assert [_sig(node) for node in doc.descendants] == before
    assert extraction_tree(parse_page("<p>alone</p>")[1], "<p>alone</p>") is None


def test_released_mirror_leaves_no_cycles() -> None:
    """read_page releases its mirror: reference counting frees it, not the cycle collector.
    What the collector finds is kept aside and searched for mirror nodes only: other threads
    of the test session (a Prefect harness) make cyclic garbage of their own meanwhile."""
    gc.collect()
    doc, _ = parse_page(PAGE)
    kept = [node for node in doc.descendants if not isinstance(node, Tag)][3]
    release(doc)
    del doc
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        mirrored = [o for o in gc.garbage if type(o).__module__ == Tag.__module__]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert mirrored == []
    assert kept.parent is not None
    assert not list(kept.parent.descendants)


def _collections_while_reading(page: str) -> list[int]:
    """The generations of the collector's passes that start while `read_page` reads."""
    passes: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(info["generation"])

    gc.callbacks.append(note)
    try:
        read_page(page, "https://harbourline.example/news/ferry")
    finally:
        gc.callbacks.remove(note)
    return passes


def test_reading_a_page_runs_no_collection() -> None:
    """The mirror's objects would make the collector pass over them (and over the whole
    process) many times a page; reference counting frees them at release. The collector
    runs again after (one young pass as it resumes, over what the read left), and a caller
    that paused it finds it still paused."""
    rows = "".join(f"<li><a href='/s/{n}'>Ferry note {n}</a> <b>{n}</b></li>" for n in range(3000))
    page = f"<html><body><h1>Harbour ferry</h1><ul>{rows}</ul><p>The ferry sails.</p></body></html>"
    assert gc.isenabled()
    assert _collections_while_reading(page) in ([], [0])
    assert gc.isenabled()
    gc.disable()
    try:
        read_page(page)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_extraction_tree_is_the_tree_trafilatura_loads() -> None:
    """Fragments (a record's HTML without a page around it) as lxml.html.fromstring picks
    them inside trafilatura.load_html: the body's one element, the body as div or span."""
    para = "<p>The council voted on the harbour plan.</p>"
    for markup in (
        PAGE, f"<div>{para}{para}</div>", f"{para}{para}", para, f"Intro {para}{para}",
        f"<body>{para}{para}</body>", f"<!-- x --><html><body>{para}{para}</body></html>",
        "<span>a</span> <b>b</b> c", f"<head><title>t</title></head><body>{para}</body>",
    ):  # fmt: skip
        loaded = trafilatura.load_html(markup)
        tree = extraction_tree(parse_page(markup)[1], markup)
        assert (tree is None) == (loaded is None), markup
        if tree is not None:
            assert etree.tostring(tree) == etree.tostring(loaded), markup


def test_a_read_that_fails_leaves_the_collector_as_it_found_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A page the parser or a reader chokes on resumes the collector all the same."""

    def choke(*_: object) -> None:
        raise RuntimeError("an invented parser failure")

    for name in ("parse_page", "_read"):
        with monkeypatch.context() as patch:
            patch.setattr(reader, name, choke)
            with pytest.raises(RuntimeError):
                read_page("<html><body><p>The ferry sails at noon.</p></body></html>")
        assert gc.isenabled(), name
