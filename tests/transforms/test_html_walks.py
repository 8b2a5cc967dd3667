"""The shared page walks (facts.py) give exactly what the bs4 calls they stand for give:
the metadata readers switched to them for speed only, so no output may move."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from newsnorm.transforms.html.facts import (
    all_strings,
    all_tags,
    article_regions,
    first_named,
    first_tag,
    own_strings,
    parent_named,
    read_facts,
    tags_named,
)

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


def test_string_and_parent_walks_match_bs4() -> None:
    soup = BeautifulSoup(PAGE, "lxml")
    for tag in soup.find_all(True):
        assert _ids(own_strings(tag)) == _ids(tag.find_all(string=True, recursive=False))
        assert _ids(all_strings(tag)) == _ids(tag.find_all(string=True))
    for string in soup.find_all(string=True):
        for names in (("figure", "figcaption"), ("div", "p"), ("header",)):
            assert parent_named(string, names) is string.find_parent(names)


def test_name_index_matches_find() -> None:
    soup = BeautifulSoup(PAGE, "lxml")
    facts = read_facts(soup, "https://example.org/a")
    assert _ids(all_tags(facts)) == _ids(soup.find_all(True))
    for name in ("h1", "article", "main", "title", "html", "link", "nav", "table"):
        assert _ids(tags_named(facts, name)) == _ids(soup.find_all(name))
        assert first_named(facts, name) is soup.find(name)
    prop = re.compile(r"\bdatePublished\b", re.IGNORECASE)
    assert _ids(t for t in all_tags(facts) if prop.search(str(t.get("itemprop") or ""))) == _ids(
        soup.find_all(itemprop=prop)
    )


def test_regions_are_read_once_and_follow_the_headline() -> None:
    soup = BeautifulSoup(PAGE, "lxml")
    facts = read_facts(soup, None)
    first, second = list(article_regions(facts)), list(article_regions(facts))
    assert [_ids(region) for region in first] == [_ids(region) for region in second]
    heading = soup.find("h1")
    assert isinstance(heading, Tag)
    assert _ids(first[-1]) == _ids(heading.find_all_next(True, limit=300))
    assert [tag.name for tag in first[0]][:3] == ["header", "p", "h1"]


def test_first_tag_matches_find_and_find_previous() -> None:
    soup = BeautifulSoup(PAGE, "lxml")
    for tag in soup.find_all(True):
        for names in (("h1",), ("h1", "h2", "h3", "h4"), ("span", "b")):
            assert first_tag(tag.descendants, names) is tag.find(names)
            assert first_tag(tag.previous_elements, names) is tag.find_previous(names)
