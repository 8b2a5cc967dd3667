"""Byline readers every page goes through: the page's own wrappers, list items, first names."""

from __future__ import annotations

from newsnorm.transforms.html.metadata import PageMetadata, extract_metadata
from newsnorm.transforms.html.nodes import parse_page

URL = "https://harbour.example/2025/ferries"


def read(html: str) -> PageMetadata:
    return extract_metadata(parse_page(html)[0], URL)


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


def test_author_links_past_the_byline_s_run_are_other_stories_bylines() -> None:
    # A related-stories list inside the article names each teaser's writer with a link.
    related = "".join(
        f"<li><p>{title}, a look at the harbour's week</p>"
        f"<a {{link}}='/author/{slug}'>{name}</a></li>"
        for title, slug, name in (("Buses", "bo-lind", "Bo Lind"), ("Trams", "cai-wu", "Cai Wu"))
    )
    page = """<html><body><article><h1>Ferries</h1><div>By <a {link}="/author/ana-ruiz">Ana
    Ruiz</a> and <a {link}="/author/dan-roe">Dan Roe</a></div><p>The ferry to the island
    runs twice a day from the old quay.</p><ul>{related}</ul></article></body></html>"""
    for link in ("href", "rel='author' href"):
        html = page.format(link=link, related=related.format(link=link))
        assert read(html).authors == ("Ana Ruiz", "Dan Roe")


def test_itemprop_authors_in_a_photo_credit_or_past_the_byline_s_run_are_not_the_story_s() -> None:
    photo = """<html><body><article><h1>Ferries</h1><figure><img src="f.jpg" alt="">
    <figcaption><span itemprop="author">Bo Lind</span>/Harbour Photos</figcaption></figure>
    <div class="byline">By Ana Ruiz</div><p>Story.</p></article></body></html>"""
    assert read(photo).authors == ("Ana Ruiz",)
    related = "".join(
        f"<li><p>{title}, a look at the harbour's week</p>"
        f"<span itemprop='author'>{name}</span></li>"
        for title, name in (("Buses", "Bo Lind"), ("Trams", "Cai Wu"))
    )
    listed = f"""<html><body><article><h1>Ferries</h1><div><span itemprop="author">Ana
    Ruiz</span></div><p>The ferry to the island runs twice a day from the old quay.</p>
    <ul>{related}</ul></article></body></html>"""
    assert read(listed).authors == ("Ana Ruiz",)
