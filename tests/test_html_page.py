"""The HTML path's own pieces: the page dump, the article region, main-content filtering."""

from __future__ import annotations

from datetime import date

from bs4 import BeautifulSoup

from tests_support import ROOT
from transforms.adapters.registry import load_adapters
from transforms.html.article import stated_date
from transforms.html.dump import page_lines
from transforms.html.reader import article_region
from transforms.pipeline import process_page

PAGE = (ROOT / "tests" / "fixtures" / "article_page.html").read_bytes()


def test_dump_joins_inline_links_into_their_sentence() -> None:
    html = (
        "<body><p>This article was originally published by <a href='/f'>\nFuturism\n</a>. "
        "Read the <em>original</em> article.</p><div>Next<br>line</div>"
        "<script>var x = 1;</script><p hidden>behind a paywall</p></body>"
    )
    lines = page_lines(BeautifulSoup(html, "lxml"))
    assert lines == [
        "This article was originally published by Futurism . Read the original article.",
        "Next",
        "line",
        "behind a paywall",
    ]


def test_dump_survives_very_deep_nesting() -> None:
    html = "<body>" + "<div>" * 5000 + "deep text" + "</div>" * 5000 + "</body>"
    assert page_lines(BeautifulSoup(html, "lxml")) == ["deep text"]


def test_article_region_keeps_lines_near_the_main_content() -> None:
    lines = [f"menu {i}" for i in range(30)] + ["Story starts here.", "It ends here."]
    lines += [f"footer {i}" for i in range(30)]
    region = article_region(lines, ["Story starts here.", "It ends here."])
    assert region[0] == "menu 18"
    assert region[-1] == "footer 14"
    assert article_region(lines, []) == lines


def test_page_paragraphs_outside_main_content_are_recorded_as_chrome() -> None:
    processed = process_page(PAGE, load_adapters(include_plugins=False))
    chrome = [r for r in processed.article.removals if r.kind == "page_chrome"]
    assert chrome, "rails and menus near the article must be recorded, not silently lost"
    for removal in processed.article.removals:
        assert processed.text[removal.start : removal.end] == removal.text
    assert all(r.text not in processed.article.body for r in chrome if len(r.text.split()) > 3)


def test_stated_date_keeps_the_pages_own_day() -> None:
    assert stated_date("2024-03-07T23:30:00-05:00") == date(2024, 3, 7)
    assert stated_date("March 7, 2024") is None
    assert stated_date("2024-02-30") is None
