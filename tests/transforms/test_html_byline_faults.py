"""Byline readers every page goes through: the page's own wrappers, list items, first names."""

from __future__ import annotations

from bs4 import BeautifulSoup

from newsnorm.transforms.html.metadata import PageMetadata, extract_metadata

URL = "https://harbour.example/2025/ferries"


def read(html: str) -> PageMetadata:
    return extract_metadata(BeautifulSoup(html, "lxml"), URL)


def test_a_comment_class_on_the_article_wrappers_hides_no_byline() -> None:
    # Squarespace writes its template settings as <body> classes ('tweak-…-comment-…').
    html = """<html class="{html}"><body class="{body}"><main><div class="{post}">
    <h1>Ferries</h1><div class="byline">By <a href="/authors/ana-ruiz">Ana Ruiz</a></div>
    <p>Story.</p></div><div id="comments"><div class="comment-author">
    <a href="/authors/bo-lind">Bo Lind</a></div><p>A reader's reply.</p></div></main>
    </body></html>"""
    wrapped = {"html": "has-comments", "body": "tweak-blog-item-comment-meta-display",
               "post": "post comments-open"}  # fmt: skip
    assert read(html.format(**wrapped)).authors == ("Ana Ruiz",)
    # A comment thread's own names are still readers, not authors.
    thread = html.format(html="", body="", post="post").replace(
        '<div class="byline">By <a href="/authors/ana-ruiz">Ana Ruiz</a></div>', ""
    )
    assert read(thread).authors == ()


def test_names_in_list_items_of_a_by_line_are_separate_people() -> None:
    html = """<html><body><article><h1>Ferries</h1><div>By <ul class="names">
    <li>Ana Ruiz</li><li>Bo Lindqvist</li></ul></div><p>Story.</p></article></body></html>"""
    assert read(html).authors == ("Ana Ruiz", "Bo Lindqvist")
    # Names inline in one block are read as before.
    inline = html.replace('<ul class="names">', "<span>").replace("</ul>", "</span>")
    inline = inline.replace("<li>Ana Ruiz</li>", "Ana Ruiz and ").replace("<li>", "")
    assert read(inline.replace("</li>", "")).authors == ("Ana Ruiz", "Bo Lindqvist")
