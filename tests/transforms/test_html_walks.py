"""The shared page walks (facts.py) on the page mirror give exactly what the bs4 calls they
stand for give on bs4's tree: the readers switched to them for speed only, so no output may
move. Nodes of the two trees are compared by kind, name, attributes and text, in order."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from bs4 import Tag as SoupTag

from newsnorm.transforms.html.facts import (
    all_strings,
    all_tags,
    article_regions,
    clean_text,
    first_named,
    first_tag,
    own_strings,
    parent_named,
    read_facts,
    tags_named,
)
from newsnorm.transforms.html.nodes import PageElement, Tag, parse_page, release

PAGE = """<!doctype html><html><head><title>Site title</title>
<link rel="canonical" href="https://example.org/a"><link rel="icon"></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><header><p class="kicker">Local</p><h1>The <em>headline</em></h1></header>
<div class="byline">By <span class="author">Jane Doe</span><!-- c --> and <b>John Roe</b></div>
<figure><img src="a.jpg"><figcaption>Photo: <i>Ann Example</i></figcaption></figure>
<p itemprop="datePublished">May 3, 2024</p><p>Text <![CDATA[raw]]> more.</p>
<svg><title>icon</title></svg></article></main><footer><h1>Footer heading</h1></footer>
</body></html>"""


def _ids(found: object) -> list[int]:
    return [id(item) for item in found]  # type: ignore[attr-defined]


def _sigs(found: object) -> list[tuple[object, ...]]:
    return [_sig(item) for item in found]  # type: ignore[attr-defined]


def _sig(node: object) -> tuple[object, ...]:
    if node is None:
        return ()
    if isinstance(node, Tag | SoupTag):
        return ("tag", node.name, str(node.attrs))
    return (type(node).__name__, str(node))


def _pairs() -> tuple[list[PageElement], list[object]]:
    return list(parse_page(PAGE)[0].descendants), list(BeautifulSoup(PAGE, "lxml").descendants)


def test_string_and_parent_walks_match_bs4() -> None:
    for tag, other in zip(*_pairs(), strict=True):
        if isinstance(tag, Tag) and isinstance(other, SoupTag):
            assert _sigs(own_strings(tag)) == _sigs(other.find_all(string=True, recursive=False))
            assert _sigs(all_strings(tag)) == _sigs(other.find_all(string=True))
        elif not isinstance(tag, Tag) and not isinstance(other, SoupTag):
            for names in (("figure", "figcaption"), ("div", "p"), ("header",)):
                wanted = other.find_parent(names)  # type: ignore[attr-defined]
                assert _sig(parent_named(tag, names)) == _sig(wanted)


def test_name_index_matches_find() -> None:
    doc, soup = parse_page(PAGE)[0], BeautifulSoup(PAGE, "lxml")
    facts = read_facts(doc, "https://example.org/a")
    assert _sigs(all_tags(facts)) == _sigs(soup.find_all(True))
    for name in ("h1", "article", "main", "title", "html", "link", "nav", "table"):
        assert _sigs(tags_named(facts, name)) == _sigs(soup.find_all(name))
        assert _sig(first_named(facts, name)) == _sig(soup.find(name))
    prop = re.compile(r"\bdatePublished\b", re.IGNORECASE)
    assert _sigs(t for t in all_tags(facts) if prop.search(str(t.get("itemprop") or ""))) == _sigs(
        soup.find_all(itemprop=prop)
    )


def test_regions_are_read_once_and_follow_the_headline() -> None:
    facts = read_facts(parse_page(PAGE)[0], None)
    first, second = list(article_regions(facts)), list(article_regions(facts))
    assert [_ids(region) for region in first] == [_ids(region) for region in second]
    heading = BeautifulSoup(PAGE, "lxml").find("h1")
    assert isinstance(heading, SoupTag)
    assert _sigs(first[-1]) == _sigs(heading.find_all_next(True, limit=300))
    assert [tag.name for tag in first[0]][:3] == ["header", "p", "h1"]


def test_first_tag_matches_find_and_find_previous() -> None:
    for tag, other in zip(*_pairs(), strict=True):
        if not isinstance(tag, Tag) or not isinstance(other, SoupTag):
            continue
        for names in (("h1",), ("h1", "h2", "h3", "h4"), ("span", "b")):
            assert _sig(first_tag(tag.descendants, names)) == _sig(other.find(names))
            wanted = other.find_previous(names)
            assert _sig(first_tag(tag.previous_elements, names)) == _sig(wanted)


def test_the_mirror_lists_its_elements_as_built_and_release_empties_them() -> None:
    """`tags` (what read_facts and release use instead of walking every string) is the
    document's elements in bs4's order; released, no element holds the page any more."""
    doc = parse_page(PAGE)[0]
    assert _sigs(doc.tags) == _sigs(BeautifulSoup(PAGE, "lxml").find_all(True))
    assert _ids(doc.tags) == _ids(node for node in doc.descendants if isinstance(node, Tag))
    heading = first_tag(doc.tags, ("h1",))
    assert heading is not None
    assert heading.get_text() == "The headline"
    release(doc)
    assert doc.tags == []
    assert list(doc.descendants) == []
    assert heading.contents == []
    assert list(heading.descendants) == []


def test_clean_text_collapses_what_its_pattern_names_with_or_without_the_shortcut() -> None:
    """Printable values with single spaces skip the pattern; the rest still go through it."""
    assert clean_text("Jane Doe") == "Jane Doe"
    assert clean_text(" By Jane &amp; Joe ") == "By Jane & Joe"
    assert clean_text("By\u00a0Jane\u200b \tDoe\n") == "By Jane Doe"
    assert clean_text("Jane&nbsp;&nbsp;Doe") == "Jane Doe"
    assert clean_text(None) == ""
