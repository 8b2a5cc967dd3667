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

