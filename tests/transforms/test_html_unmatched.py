"""Main text the page dump splits differently, and reader comments: never dropped unnamed."""

from __future__ import annotations

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.html.dump import page_lines
from newsnorm.transforms.html.nodes import parse_page
from newsnorm.transforms.html.reader import _comment_keys, article_region
from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.pipeline import process_input

SENTENCES = [
    f"The lighthouse keeper logged {n} ships passing the northern reef during the storm week."
    for n in range(12)
]


def test_region_follows_main_text_the_extractor_joined_into_one_line() -> None:
    # A whole article in one table cell: the extractor gives one line opening with the
    # dateline, the dump one line per block.
    lines = [f"menu {i}" for i in range(40)] + ["From the harbour log", *SENTENCES]
    lines += [f"rail {i}" for i in range(40)] + ["Copyright the Harbour Log"]
    main = ["From the harbour log " + " ".join(SENTENCES), "Copyright the Harbour Log"]
    region = article_region(lines, main)
    assert region[0] == "menu 29"
    assert set(SENTENCES) <= set(region)


def test_a_short_line_inside_the_joined_main_text_does_not_place_the_article() -> None:
    lines = [
        "Share the story",
        *[f"menu {i}" for i in range(40)],
        "The story itself in full today.",
    ]
    region = article_region(lines, ["Share the story and The story itself in full today."])
    assert region[0] == "menu 28"


def _page(comments: str) -> bytes:
    story = "".join(f"<p>{sentence}</p>" for sentence in SENTENCES)
    table = f"<table><tr><td><h2>Storm week</h2>{story}<p>Posted by Ada at noon</p>"
    table += f"{comments}</td></tr><tr><td>Copyright 2025 the Harbour Log.</td></tr></table>"
    menu = "".join(f"<div><a href='/{n}'>Section {n}</a></div>" for n in range(30))
    return f"<html><head><title>Storm week</title></head><body>{menu}{table}</body></html>".encode()


def test_a_comment_section_left_out_is_named_not_page_chrome() -> None:
    remark = "I walked past that reef as a child and never saw a ship so close to it."
    comments = (
        "<div class='comments-head'>Comments</div>"
        f"<div class='comments-body'><p>{remark}</p>"
        "<span class='comments-post'>Posted by: Bea at one</span></div>"
    )
    article = process_input(_page(comments), InputMeta("page.html"), tuple(load_adapters())).article
    assert remark not in " ".join(article.paragraphs)
    (removal,) = [r for r in article.removals if r.text == remark]
    assert (removal.rule, removal.kind) == ("comment-section", "comment_section")
    assert SENTENCES[0] in article.paragraphs[0]


def test_a_comment_section_holding_main_text_is_the_wrapper_not_comments() -> None:
    html = f"<body><div class='comments-wrap'><p>{SENTENCES[0]}</p><p>Menu</p></div></body>"
    sections: list[list[str]] = []
    page_lines(parse_page(html)[0], sections)
    assert sections == [[SENTENCES[0], "Menu"]]
    assert _comment_keys(sections, [SENTENCES[0]]) == frozenset()
    assert "Menu" in _comment_keys(sections, [SENTENCES[1]])
