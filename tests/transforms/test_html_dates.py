"""An HTML article's date: stated beats guessed beats modified, and none is ever made up."""

from __future__ import annotations

import sys
import types
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
import trafilatura

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.html.dateguess import guess_published
from newsnorm.transforms.html.metadata import PageMetadata, extract_metadata
from newsnorm.transforms.html.nodes import parse_page
from newsnorm.transforms.html.pagedate import choose_date
from newsnorm.transforms.html.reader import read_page
from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.pipeline import process_input
from newsnorm.transforms.records import Article

STORY = "<p>" + "The harbour board met to discuss the ferry timetable for summer. " * 6 + "</p>"


def _article(published_at: datetime | None = None) -> Article:
    return Article("Ferries", ("Body.",), "generic", 1, published_at=published_at)


def test_a_stated_date_beats_every_other() -> None:
    meta = PageMetadata(
        published="2024-05-03T18:00:00+02:00",
        published_source="json-ld",
        modified="2024-06-01",
        modified_source="meta:article:modified_time",
        guessed="2024-04-30",
    )
    dated = choose_date(_article(datetime(2024, 1, 1, tzinfo=UTC)), meta)
    assert dated.published_at == datetime(2024, 5, 3, 16, 0, tzinfo=UTC)
    assert (dated.published_on, dated.source, dated.warnings) == (date(2024, 5, 3), "json-ld", ())


@pytest.mark.parametrize(
    ("stated", "url", "day"),
    [
        # The address spells the day the site's readers saw; the UTC instant stays.
        ("2025-12-19T02:41:41+00:00", "https://a.example/2025/12/18/ferries/", date(2025, 12, 18)),
        ("2025-12-19T02:41:41Z", "https://a.example/2025/12/18/ferries/", date(2025, 12, 18)),
        # A stated zone of its own, an address further off or none: the stated day.
        ("2025-12-19T02:41:41+01:00", "https://a.example/2025/12/18/ferries/", date(2025, 12, 19)),
        ("2025-12-19T02:41:41+00:00", "https://a.example/2025/12/10/ferries/", date(2025, 12, 19)),
        ("2025-12-19T02:41:41+00:00", "https://a.example/ferries/", date(2025, 12, 19)),
    ],
    ids=["utc-offset", "zulu", "own-zone", "far-day", "no-url-day"],
)
def test_a_utc_instant_takes_the_day_the_address_spells(stated: str, url: str, day: date) -> None:
    meta = PageMetadata(published=stated, published_source="meta:article:published_time")
    dated = choose_date(_article(), meta, url)
    assert dated.published_on == day
    assert dated.published_at == datetime.fromisoformat(stated)


def test_a_date_the_text_states_beats_a_guess() -> None:
    stamp = datetime(2024, 5, 3, 16, 0, tzinfo=UTC)
    dated = choose_date(_article(stamp), PageMetadata(guessed="2024-04-30"))
    assert (dated.published_at, dated.source, dated.warnings) == (stamp, "text", ())


def test_a_guess_is_a_day_and_says_so() -> None:
    dated = choose_date(_article(), PageMetadata(guessed="2024-04-30", modified="2024-06-01"))
    assert (dated.published_at, dated.published_on) == (None, date(2024, 4, 30))
    assert (dated.source, dated.warnings) == ("htmldate", ("date_guessed",))


@pytest.mark.parametrize(
    "source", ["meta:article:modified_time", "meta:og:updated_time", "json-ld:dateModified"]
)
@pytest.mark.parametrize("guessed", [None, "2024-06-01"], ids=["no-guess", "guess-on-that-day"])
def test_a_modified_date_only_the_markup_states_is_no_publication_date(
    source: str, guessed: str | None
) -> None:
    # An undated help page's template stamps its last save; an old guide updated today says
    # nothing of when it first appeared. htmldate falls back to that same date when the
    # page states no other, so its guess on that day is no evidence either.
    meta = PageMetadata(modified="2024-06-01T10:00:00+00:00", modified_source=source)
    dated = choose_date(_article(), replace(meta, guessed=guessed))
    assert (dated.published_at, dated.published_on, dated.source) == (None, None, None)
    assert dated.warnings == ("no_date",)


def test_a_help_page_stamped_only_with_its_last_save_gets_no_date() -> None:
    # The whole path: the template's modified stamp is read, kept apart, and dates nothing.
    html = (
        "<html><head><title>Ferry passes</title>"
        '<meta property="article:modified_time" content="2023-10-17T14:24:34-07:00"></head>'
        f"<body><main><h1>Ferry passes</h1>{STORY}</main></body></html>"
    )
    adapters = load_adapters(include_plugins=False)
    meta = InputMeta(media_type="text/html", url="https://example.org/passes")
    article = process_input(html.encode(), meta, adapters).article
    dated = (article.published_at, article.published_on, article.published_at_source)
    assert dated == (None, None, None)
    assert "no_date" in article.warnings
    assert "date_modified" not in article.warnings


def test_an_update_shown_under_the_headline_beats_a_guess_not_a_stated_date() -> None:
    shown = {"modified": "2024-12-31", "modified_source": "headline", "guessed": "2023-04-07"}
    dated = choose_date(_article(), PageMetadata(**shown))
    assert (dated.published_on, dated.source) == (date(2024, 12, 31), "headline")
    assert dated.warnings == ("date_modified",)
    stated = PageMetadata(published="2024-05-03", published_source="json-ld", **shown)
    assert choose_date(_article(), stated).published_on == date(2024, 5, 3)


def test_an_update_shown_under_the_headline_is_the_modified_date() -> None:
    html = (
        "<html><body><h1>Ferry fares</h1><p>Updated:</p><p>December 31, 2024</p>"
        f"{STORY}</body></html>"
    )
    meta = extract_metadata(parse_page(html)[0], "https://example.org/fares")
    assert (meta.published, meta.modified, meta.modified_source) == (None, "2024-12-31", "headline")


def test_a_sentence_saying_when_the_story_first_appeared_beats_the_date_shown() -> None:
    html = (
        "<html><body><h1>Ferry fares</h1><p class='post-date'>30 Sep 2022</p>"
        "<p>This guide was originally published on <span>26 Sep 2019</span> and is "
        f"updated each season.</p>{STORY}</body></html>"
    )
    meta = extract_metadata(parse_page(html)[0], "https://example.org/fares")
    assert (meta.published, meta.published_source) == ("2019-09-26", "original")
    # 'on <a publisher> on <date>' is a copy's note about its source, not its own date.
    copy = html.replace("published on <span>", "published on Harbour News on <span>")
    meta = extract_metadata(parse_page(copy)[0], "https://example.org/fares")
    assert (meta.published, meta.published_source) == ("2022-09-30", "text")


def test_no_date_is_made_up() -> None:
    dated = choose_date(_article(), PageMetadata())
    assert (dated.published_at, dated.published_on, dated.source) == (None, None, None)
    assert dated.warnings == ("no_date",)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("<p class='meta'><span>By Jane Doe</span> - Mar 27, 2024</p>", "2024-03-27"),
        # A copyright year alone is no publication day.
        ("<footer>Copyright 2023 Harbour News. All rights reserved.</footer>", None),
        ("", None),
    ],
    ids=["visible-date", "copyright-year", "nothing"],
)
def test_guess_reads_the_page_never_a_lone_year(line: str, expected: str | None) -> None:
    html = f"<html><body><article><h1>Ferries</h1>{line}{STORY}</article></body></html>"
    tree = trafilatura.load_html(html)
    assert guess_published(tree, "https://example.org/ferries") == expected


@pytest.mark.parametrize(
    ("top", "bottom", "expected"),
    [
        # A date line near the top (numbers in the reader's order) or a meta tag states it.
        ("<ul><li>Tom Marsh</li><li>3/14/2024</li></ul>", "", "2024-03-14"),
        ("", "", None),
        # A reference list's, an 'as of' figure's date is not the story's.
        ("", "<ol><li>Marsh, T. Tide tables of the north bay. Coastal Review 12, March 14,"
         " 2019. pp. 4-9.</li></ol>", None),
        ("", "<p>Fares below are the board's, as of <span>March 14, 2019</span>.</p>", None),
        # A date line far down the page is a footer's or a comment's.
        ("", "<p>Harbour notes</p><p>14 March 2019</p>", None),
    ],
    ids=["date-line-on-top", "no-date", "reference-list", "as-of", "far-down"],
)  # fmt: skip
def test_a_day_found_only_in_the_text_must_be_shown_near_the_top(
    top: str, bottom: str, expected: str | None
) -> None:
    story = STORY * 16
    html = f"<html><body><article><h1>Ferries</h1>{top}{story}{bottom}</article></body></html>"
    assert read_page(html, "https://example.org/ferries").metadata.guessed == expected


def _guessed(page: str, head: str = "") -> str | None:
    html = f"<html><head>{head}</head><body>{page}</body></html>"
    return read_page(html, "https://example.org/ferries").metadata.guessed


def test_a_day_a_date_meta_tag_states_counts_and_one_a_description_quotes_does_not() -> None:
    stated = "<meta name='published' content='July 17, 2025'>"
    assert _guessed(f"<article><h1>Ferries</h1>{STORY * 4}</article>", stated) == "2025-07-17"
    quoted = "<meta name='description' content='Fares as of March 14, 2019'>"
    quoted += "<meta property='article:expiration_time' content='March 14, 2019'>"
    page = f"<article><h1>Ferries</h1>{STORY * 16}<p>Harbour notes</p><p>14 March 2019</p>"
    assert _guessed(page + "</article>", quoted) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # Formats the page's own date reader does not read: htmldate's parser reads the line.
        ("2026/02/24", "2026-02-24"),
        ("24th February 2026", "2026-02-24"),
        # A byline beside the date, longer than a bare date line.
        ("By Jane Doe | Posted on April 13, 2023 at 10:15 am", "2023-04-13"),
        # A name holding an update word is no update label; a whole word is.
        ("By Anna Revis · 3/3/2024", "2024-03-03"),
        ("Updated on 24 febbraio 2026", None),
        ("Edited March 3, 2024", None),
        ("Medically reviewed on March 3, 2024", None),
        ("Modificado el 3 de marzo de 2024", None),
        # A sentence holding a date, an order number: no date line.
        ("The council voted on March 3, 2024 to close the old library.", None),
        ("Order no. 20240303", None),
    ],
    ids=[
        "slashed-iso", "ordinal", "long-byline", "name-revis", "update", "edited",
        "reviewed", "modificado", "sentence", "order-number",
    ],
)  # fmt: skip
def test_a_date_line_is_read_as_htmldate_reads_it(line: str, expected: str | None) -> None:
    page = f"<article><h1>Ferries</h1><p>{line}</p>{STORY * 16}</article>"
    assert _guessed(page) == expected


def test_a_date_line_in_italian_is_the_page_own_date_not_a_guess() -> None:
    # Its months were no month names to the page's reader: htmldate's guess found the day.
    page = f"<article><h1>Ferries</h1><p>24 febbraio 2026</p>{STORY * 16}</article>"
    html = f"<html><head></head><body>{page}</body></html>"
    metadata = read_page(html, "https://example.org/ferries").metadata
    assert (metadata.published, metadata.published_source) == ("2026-02-24", "headline")
    assert metadata.guessed is None


def test_the_top_is_the_story_s_not_the_page_s_nor_its_comments() -> None:
    menu = "".join(f"<li><a href='/s{i}'>Section number {i} news</a></li>" for i in range(40))
    page = f"<nav><ul>{menu}</ul></nav><article><h1>Ferries</h1><p>3/14/2024</p>{STORY * 4}"
    assert _guessed(page + "</article>") == "2024-03-14"  # a long menu above
    lede = "Harbour board weighs a new summer timetable after island commuters and shops complain."
    page = f"<article><h1>Ferries</h1><p>{lede}</p><p>By Jane Doe</p><p>3/14/2024</p>{STORY}"
    assert _guessed(page + "</article>") == "2024-03-14"  # a brief's date line after its lede
    said = "".join(
        f"<section class='comments'><p>Reader {i} says the boats are late again this week.</p>"
        f"<p>{i % 12 + 1}/20/2024</p></section>"
        for i in range(60)
    )
    assert _guessed(f"<article><h1>Ferries</h1>{STORY * 2}{said}</article>") is None
    # A comment repeating the story's date line leaves the story its own line.
    echo = "<section class='comments'><p>Reader says the boats are late.</p><p>3/14/2024</p>"
    page = f"<article><h1>Ferries</h1><p>3/14/2024</p>{STORY * 4}{echo}</section></article>"
    assert _guessed(page) == "2024-03-14"


STATED = (
    '<head><script type="application/ld+json">{"@type": "Article", "headline": "Ferry fares",'
    ' "datePublished": "2019-08-11T18:59:51+00:00"}</script></head>'
)


@pytest.mark.parametrize(
    ("above", "below", "expected"),
    [
        # The date line over the headline is the one readers see, like one under it.
        ("<p>Guides</p><p>March 1, 2024 - 11 minutes</p>", "", ("2024-03-01", "headline")),
        ("<header><p>Travel</p><time>March 1, 2024</time>", "</header>",
         ("2024-03-01", "headline")),
        # One under the headline comes first.
        ("<p>March 1, 2024</p>", "<p>April 2, 2024</p>", ("2024-04-02", "headline")),
        # An update's, a masthead's (today's date), a menu's or a far one is not the story's.
        ("<p>Updated</p><p>March 1, 2024</p>", "", ("2019-08-11T18:59:51+00:00", "json-ld")),
        # (the article's own header holds the headline, a masthead's does not)
        ("<header><p>Saturday, March 1, 2024</p></header>", "",
         ("2019-08-11T18:59:51+00:00", "json-ld")),
        ("<nav><a href='/a'>March 1, 2024</a></nav>", "", ("2019-08-11T18:59:51+00:00", "json-ld")),
        ("<p>March 1, 2024</p><p>Guides</p><p>Fares</p><p>Ferries</p>", "",
         ("2019-08-11T18:59:51+00:00", "json-ld")),
    ],
    ids=["above", "article-header", "below-first", "update", "masthead", "menu", "far-above"],
)  # fmt: skip
def test_a_date_line_just_above_the_headline_is_the_shown_date(
    above: str, below: str, expected: tuple[str, str]
) -> None:
    html = f"<html>{STATED}<body>{above}<h1>Ferry fares</h1>{below}{STORY}</body></html>"
    meta = extract_metadata(parse_page(html)[0], "https://example.org/fares")
    assert (meta.published, meta.published_source) == expected


@pytest.mark.parametrize(
    ("line", "published"),
    [
        # The page's <time> or date line holds the update its label names: no publication.
        ("<p>Updated <time datetime='2024-03-01T09:00'>March 1, 2024</time></p>", None),
        ("<p class='post-date'>Updated March 1, 2024</p>", None),
        # A <time> of another day is still the story's.
        ("<p>Updated March 1, 2024</p><p><time datetime='2023-05-02'>May 2, 2023</time></p>",
         ("2023-05-02", "time")),
    ],
    ids=["time-is-the-update", "date-line-is-the-update", "time-of-another-day"],
)  # fmt: skip
def test_a_date_read_off_the_page_that_is_the_update_is_no_publication(
    line: str, published: tuple[str, str] | None
) -> None:
    html = f"<html><body><article><h1>Ferry fares</h1>{line}{STORY}</article></body></html>"
    meta = extract_metadata(parse_page(html)[0], "https://example.org/fares")
    assert (meta.modified, meta.modified_source) == ("2024-03-01", "headline")
    if published is None:
        assert meta.published is None
        dated = choose_date(_article(), meta)
        assert (dated.published_on, dated.source) == (date(2024, 3, 1), "headline")
        assert dated.warnings == ("date_modified",)
    else:
        assert (meta.published, meta.published_source) == published


@pytest.mark.parametrize(
    ("above", "below"),
    [
        ("", "<p class='byline'>May 3, 2024 | Updated May 20, 2024</p>"),
        ("<p>May 3, 2024 · Updated May 20, 2024</p>", ""),
    ],
    ids=["under", "above"],
)
def test_an_update_label_after_the_shown_date_names_a_later_date(above: str, below: str) -> None:
    # 'Published day · Updated day' in one string: the first date is the publication.
    html = f"<html><body>{above}<h1>Ferry fares</h1>{below}{STORY}</body></html>"
    meta = extract_metadata(parse_page(html)[0], "https://example.org/fares")
    assert (meta.published, meta.published_source) == ("2024-05-03", "headline")
    assert meta.modified is None


def test_without_htmldate_s_line_parser_only_lines_our_reader_reads_count(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`try_date_expr` is htmldate's internal function: where a release drops it, a line
    our reader cannot read shows no date, and the ones it reads still do."""
    _guessed(f"<article><h1>Ferries</h1>{STORY}</article>")  # htmldate loaded first
    monkeypatch.setitem(sys.modules, "htmldate.extractors", None)
    page = "<article><h1>Ferries</h1><p>{}</p>" + STORY * 16 + "</article>"
    assert _guessed(page.format("24 febbraio 2026")) is None
    line = "By Jane Doe | Posted on April 13, 2023 at 10:15 am"
    assert _guessed(page.format(line)) == "2023-04-13"


def test_a_changed_htmldate_line_parser_is_skipped_not_fatal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where a release changes the internal function's arguments, the page is still read."""
    _guessed(f"<article><h1>Ferries</h1>{STORY}</article>")  # htmldate loaded first
    changed = types.ModuleType("htmldate.extractors")
    changed.try_date_expr = lambda line, options: None  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "htmldate.extractors", changed)
    page = f"<article><h1>Ferries</h1><p>24 febbraio 2026</p>{STORY * 16}</article>"
    assert _guessed(page) is None
