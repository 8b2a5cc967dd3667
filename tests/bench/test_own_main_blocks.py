"""bench/own_main_blocks.py: a page's blocks split as the page dump splits them, each with the
structure around it (class and id words, ancestor tags, link text, its containers' words),
and the prototype's pure-Python scorer (bench/own_main_apply.py), on invented pages."""

from __future__ import annotations

from lxml import html as lxml_html

from tests_support import bench_module

blocks = bench_module("own_main_blocks")

PAGE = """<html><body>
<nav class="site-menu"><ul><li><a href="/">Home</a></li><li><a href="/x">Gardens</a></li></ul></nav>
<div id="story-body" class="article-content">
  <h1>Quiet hedges of Larkmoor</h1>
  <p>The parish of Larkmoor planted forty hedges along the old canal, and the council
  says the <a href="/birds">wrens</a> came back within a year.</p>
  <p>Volunteers counted nests each spring, writing their tallies in a shared ledger kept
  at the lock keeper's cottage for anyone to read.</p>
</div>
<aside class="sidebar related-posts"><p><a href="/y">More from Larkmoor</a></p></aside>
<div class="comments-list"><p>Lovely news, thanks for sharing it.</p></div>
</body></html>"""


def _lines() -> list[object]:
    return blocks.page_blocks(lxml_html.fromstring(PAGE))


def _feature(row: list[float], name: str) -> float:
    return row[blocks.FEATURES.index(name)]


def test_blocks_are_the_dump_lines_with_inline_links_joined() -> None:
    texts = [line.text for line in _lines()]
    assert texts[:3] == ["Home", "Gardens", "Quiet hedges of Larkmoor"]
    assert texts[3].startswith("The parish of Larkmoor")
    assert "the wrens came back" in texts[3]
    assert texts[-2:] == ["More from Larkmoor", "Lovely news, thanks for sharing it."]


def test_each_line_carries_its_ancestors_names_and_tags() -> None:
    lines = _lines()
    rows = blocks.features(lines)
    by_text = {line.text: row for line, row in zip(lines, rows, strict=True)}
    menu, heading = by_text["Home"], by_text["Quiet hedges of Larkmoor"]
    related = by_text["More from Larkmoor"]
    comment = by_text["Lovely news, thanks for sharing it."]
    assert _feature(menu, "nav") == _feature(menu, "in_nav") == _feature(menu, "tag_li") == 1
    assert _feature(menu, "link_share") == 1.0
    assert _feature(heading, "content") == 1
    assert _feature(heading, "tag_h") == 1
    assert _feature(heading, "nav") == 0
    assert _feature(related, "aside") == _feature(related, "related") == 1
    assert _feature(comment, "comment") == 1
    assert _feature(comment, "content") == 0


def test_the_story_container_holds_most_words_and_is_the_best() -> None:
    lines = _lines()
    rows = blocks.features(lines)
    story = [row for line, row in zip(lines, rows, strict=True) if "Larkmoor planted" in line.text]
    chrome = [row for line, row in zip(lines, rows, strict=True) if line.text == "Home"]
    assert _feature(story[0], "in_best") == 1
    assert _feature(chrome[0], "in_best") == 0
    assert _feature(story[0], "grand_share") > 0.7 > _feature(chrome[0], "grand_share")
    link = _feature(story[0], "link_share")
    assert 0 < link < 0.1  # 'wrens' of a long sentence


def test_the_scorer_keeps_what_its_trees_score_above_the_threshold() -> None:
    apply = bench_module("own_main_apply")
    words = blocks.FEATURES.index("words")
    tree = {"feature": words, "threshold": 10.0, "left": {"value": -2.0}, "right": {"value": 2.0}}
    scorer = apply.Scorer({"base": 0.0, "rate": 1.0, "trees": [tree]}, 0.5)
    kept = scorer.main_lines(lxml_html.fromstring(PAGE))
    assert len(kept) == 2
    assert all(len(line.split()) >= 10 for line in kept)


def test_the_pruner_hands_on_the_best_container_widened_not_the_body() -> None:
    prune = bench_module("own_main_prune")
    tree = lxml_html.fromstring(PAGE)
    story = prune.Pruner(0).container(tree)
    assert story is not None
    assert story.get("id") == "story-body"
    assert prune.Pruner(1).container(tree) is None  # its parent is the body: the whole page
