"""The HTML path's own pieces: the page dump, the article region, main-content filtering."""

from __future__ import annotations

from datetime import date

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.html.article import keep_main_content
from newsnorm.transforms.html.dump import page_lines
from newsnorm.transforms.html.metadata import PageMetadata
from newsnorm.transforms.html.nodes import parse_page
from newsnorm.transforms.html.pagedate import stated_date
from newsnorm.transforms.html.reader import HtmlPage, article_region, main_lines, read_page
from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.pipeline import process_input
from newsnorm.transforms.records import Article
from tests_support import ROOT

PAGE = (ROOT / "tests" / "fixtures" / "article_page.html").read_bytes()


def test_dump_joins_inline_links_into_their_sentence() -> None:
    html = (
        "<body><p>This article was originally published by <a href='/f'>\nFuturism\n</a>. "
        "Read the <em>original</em> article.</p><div>Next<br>line</div>"
        "<script>var x = 1;</script><p hidden>behind a paywall</p></body>"
    )
    lines = page_lines(parse_page(html)[0])
    assert lines == [
        "This article was originally published by Futurism . Read the original article.",
        "Next",
        "line",
        "behind a paywall",
    ]


def test_table_rows_are_one_line_in_the_dump_and_the_main_content() -> None:
    rows = "".join(
        f"<tr><td>{n}</td><td>Driver {name}</td><td>{5000 - n}</td></tr>"
        for n, name in enumerate(["Kyle Busch", "Martin Truex", "Kevin Harvick"], 1)
    )
    story = "<p>" + "The final standings of the season were decided in the last race. " * 4
    html = f"<html><body><article><h1>Standings</h1>{story}</p><table>{rows}</table>"
    html += f"{story}</p></article></body></html>"
    assert "1 Driver Kyle Busch 4999" in page_lines(parse_page(html)[0])
    assert "3 Driver Kevin Harvick 4997" in main_lines(html)


def test_dump_survives_very_deep_nesting() -> None:
    # Deeper than Python recurses, within the 2048 levels libxml2 builds (huge_tree).
    html = "<body>" + "<div>" * 2000 + "deep text" + "</div>" * 2000 + "</body>"
    assert page_lines(parse_page(html)[0]) == ["deep text"]


def test_a_page_with_a_chain_of_nested_elements_is_read_whole() -> None:
    # A chain of single children deeper than Python recurses: the readers' `.string` walks it.
    html = (
        "<html><body><h1>A headline of the page</h1><p>The story's first paragraph.</p>"
        + "<div>" * 1500 + "deep text" + "</div>" * 1500
        + "<p>A paragraph after the nested chain.</p></body></html>"
    )  # fmt: skip
    page = read_page(html)
    assert "deep text" in page.text
    assert "A paragraph after the nested chain." in page.text


def test_article_region_keeps_lines_near_the_main_content() -> None:
    lines = [f"menu {i}" for i in range(30)] + ["Story starts here.", "It ends here."]
    lines += [f"footer {i}" for i in range(30)]
    region = article_region(lines, ["Story starts here.", "It ends here."])
    assert region[0] == "menu 18"
    assert region[-1] == "footer 14"
    assert article_region(lines, []) == lines


def test_page_paragraphs_outside_main_content_are_recorded_as_chrome() -> None:
    processed = process_input(PAGE, InputMeta("page.html"), load_adapters(include_plugins=False))
    chrome = [r for r in processed.article.removals if r.kind == "page_chrome"]
    assert chrome, "rails and menus near the article must be recorded, not silently lost"
    for removal in processed.article.removals:
        assert processed.text[removal.start : removal.end] == removal.text
    assert all(r.text not in processed.article.body for r in chrome if len(r.text.split()) > 3)


def test_stated_date_keeps_the_pages_own_day() -> None:
    assert stated_date("2024-03-07T23:30:00-05:00") == date(2024, 3, 7)
    assert stated_date("March 7, 2024") is None
    assert stated_date("2024-02-30") is None


def test_a_block_repeating_the_whole_story_is_dropped_and_recorded() -> None:
    paragraphs = [
        "The city council voted on Tuesday to approve the new budget after a long debate.",
        "Several members argued that the spending plan left too little for road repairs.",
        "The mayor said the budget balanced the needs of every neighbourhood in the city.",
        "A final vote on the school funding measure is expected at the next meeting.",
    ]
    whole = " ".join(paragraphs)  # a hidden text-to-speech copy of the story
    repeated_line = "Mix one cup of flour with two eggs and a pinch of salt, then stir well."
    kept_twice = [repeated_line, *paragraphs, repeated_line]
    text = "\n\n".join(["Title", *kept_twice, whole]) + "\n"
    article = Article("Title", (*kept_twice, whole), adapter="generic", adapter_version=1)
    page = HtmlPage(text=text, main=(*kept_twice, whole), metadata=PageMetadata())
    cleaned = keep_main_content(article, page)
    # Lines a page repeats verbatim (a recipe's steps) stay; the aggregate block goes.
    assert cleaned.paragraphs == tuple(kept_twice)
    (removal,) = cleaned.removals
    assert removal.rule == "repeated-article-text"
    # A copy of the story is not page chrome: its kind says what it is.
    assert removal.kind == "repeated_text"
    assert text[removal.start : removal.end] == whole
    # A copy the dump never shows as a line cannot be recorded, so it stays.
    spoken = f"Listen to this story: {whole}"
    unseen = HtmlPage(text=text.replace(whole, ""), main=(*kept_twice, spoken),
                      metadata=PageMetadata())  # fmt: skip
    article = Article("Title", unseen.main, adapter="generic", adapter_version=1)
    assert keep_main_content(article, unseen).paragraphs == unseen.main


def test_rows_of_one_template_are_not_a_copy_of_the_story() -> None:
    # A listing whose rows share columns: each row repeats words of several others, yet
    # none holds most of another row, as a copy of the story does.
    halves = {
        "A": "Doors open at nine in the morning at the convention centre on the river",
        "B": "and the keynote on network security starts an hour later in the main hall",
        "C": "Tickets for members of the local chamber of commerce cost half the usual price",
        "D": "while students with a valid card get in free for the whole of the first day",
    }
    rows = tuple(f"{halves[a]} {halves[b]}." for a, b in ("AB", "CD", "AC", "BD", "AD", "BC"))
    text = "\n\n".join(["Title", *rows]) + "\n"
    article = Article("Title", rows, adapter="generic", adapter_version=1)
    page = HtmlPage(text=text, main=rows, metadata=PageMetadata())
    cleaned = keep_main_content(article, page)
    assert cleaned.paragraphs == rows
    assert not cleaned.removals


def test_an_h1_that_differs_from_the_title_is_removed_at_its_own_line() -> None:
    story = [
        "The harbour board met on Monday to discuss the ferry timetable for the summer ahead.",
        "Residents of the island asked for an earlier boat on weekdays and a later one on Fridays.",
    ]
    h1 = "Islanders ask for an earlier ferry on weekdays"
    html = (
        "<html><head><title>Harbour board timetable review</title>"
        '<meta property="og:title" content="Harbour board timetable review"></head><body><article>'
        f"<h1>{h1}</h1>" + "".join(f"<p>{line}</p>" for line in story) + "</article></body></html>"
    )
    processed = process_input(html.encode(), InputMeta(media_type="text/html"), load_adapters())
    article = processed.article
    assert article.title == "Harbour board timetable review"
    assert article.paragraphs == tuple(story)
    # The removal holds the words that left the body, at their line of the dump.
    (removal,) = [r for r in article.removals if r.rule == "headline-shown-again"]
    assert (removal.kind, removal.text) == ("headline", h1)
    assert processed.text[removal.start : removal.end] == h1


def test_a_paragraph_that_opens_with_a_long_headline_is_the_storys() -> None:
    title = "Harbour board approves an earlier weekday ferry after a year of island campaigning"
    lede = f"{title} was the banner the islanders carried to every meeting since last spring."
    later = "The board will publish the new timetable after a second public meeting in March."
    html = (
        f'<html><head><meta property="og:title" content="{title}"></head><body><article>'
        f"<h1>{title}</h1><p>{lede}</p><p>{later}</p></article></body></html>"
    )
    processed = process_input(html.encode(), InputMeta(media_type="text/html"), load_adapters())
    # Only the line saying the headline whole is the title shown again.
    assert processed.article.paragraphs == (lede, later)


def test_dump_lines_collapse_every_kind_of_space_and_find_comment_boxes_in_any_case() -> None:
    """The dump's shortcuts (printable lines, ASCII names without 'comment' or 'disqus')
    give what the patterns give: tabs, no-break and zero-width spaces collapse; a box named
    in capitals, or with a letter IGNORECASE folds to one of the words (a long s), is a box."""
    html = (
        "<body><p>Harbour\tferries\u00a0run\u200b  late</p><p>Plain line</p>"
        "<div class='Reader-COMMENTS'><p>First reader note</p></div>"
        "<div id='di\u017fqus_thread'><p>Second reader note</p></div>"
        "<div class='uncommented'><p>Not a box</p></div></body>"
    )
    sections: list[list[str]] = []
    lines = page_lines(parse_page(html)[0], sections)
    assert lines[:2] == ["Harbour ferries run late", "Plain line"]
    assert sections == [["First reader note"], ["Second reader note"]]
