"""The headline of an HTML page (the h1 readers see when the page backs it), and the warnings
an article carries when the page names no headline or credits nobody."""

from __future__ import annotations

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.html.metadata import extract_metadata
from newsnorm.transforms.html.nodes import parse_page
from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.pipeline import process_input

URL = "https://www.harbour-news.example/guides/best-ferry-routes-for-commuters/"
STORY = "<p>" + "The harbour board compared every route that crosses the bay each day. " * 5


def title_of(head: str, body: str, url: str = URL) -> str | None:
    html = f"<html><head>{head}</head><body>{body}{STORY}</p></body></html>"
    return extract_metadata(parse_page(html)[0], url).title


def test_the_shown_headline_beats_a_title_written_for_search_engines() -> None:
    head = '<meta property="og:title" content="Ferry Routes 2025 - Top 5 Picks for Commuters">'
    assert title_of(head, "<h1>The Best Ferry Routes for Commuters</h1>") == (
        "The Best Ferry Routes for Commuters"
    )


def test_a_logo_heading_or_a_pull_quote_is_not_the_headline() -> None:
    head = (
        '<meta property="og:site_name" content="Harbour News">'
        '<meta property="og:title" content="Which ferry suits a commuter?">'
        "<title>Which ferry suits a commuter? | Harbour News</title>"
    )
    logo = "<h1>Harbour News</h1><h1>Which Ferry Suits a Commuter?</h1>"
    assert title_of(head, logo) == "Which Ferry Suits a Commuter?"
    quote = "<h1>But what they love is the quiet of the early crossing</h1>"
    assert title_of(head, quote) == "Which ferry suits a commuter?"


def test_a_single_backed_word_is_no_headline() -> None:
    head = (
        '<meta property="og:title" content="Your Commuter Checklist: A Ferry Planning Guide">'
        "<title>Your Commuter Checklist: A Ferry Planning Guide</title>"
    )
    sections = "<h1>First Steps</h1><h1>Planning</h1><h1>Budgeting</h1>"
    assert title_of(head, sections) == "Your Commuter Checklist: A Ferry Planning Guide"


def test_a_word_split_by_markup_takes_the_stated_spelling() -> None:
    head = "<title>How the Ferry Cut Its Crossing Time</title>"
    heading = "<h1>How the Ferry Cut Its C<span>rossing</span> Time</h1>"
    assert title_of(head, heading) == "How the Ferry Cut Its Crossing Time"


def test_a_name_the_page_appends_and_shows_is_cut() -> None:
    head = "<title>Three Ferries That Could Pay You Back \u2014 Tide Tables</title>"
    body = "<h1>Tide Tables</h1>"
    assert title_of(head, body, "https://example.org/p/three-ferries") == (
        "Three Ferries That Could Pay You Back"
    )


def test_a_truncated_headline_is_completed_by_another_statement() -> None:
    full = (
        "Fix It Friday: Struggling With Which Ferry Pass to Buy? We Help Four Readers Choose "
        "(Including One Trick That Works on Every Route)"
    )
    cut = full[: full.index(" One Trick")]  # JSON-LD's length limit cut it
    assert len(cut) >= 90
    head = (
        f'<script type="application/ld+json">{{"@type": "Article", "headline": "{cut}"}}</script>'
        f'<meta property="og:title" content="{full} - Harbour News">'
    )
    assert title_of(head, "", "https://example.org/fix-it-friday") == full


def test_a_site_name_that_is_the_headline_does_not_cut_it() -> None:
    head = (
        '<meta property="og:site_name" content="How to Ride a Ferry: a Complete Guide | Clay">'
        '<meta property="og:title" content="How to Ride a Ferry: a Complete Guide | Clay">'
    )
    assert title_of(head, "", "https://clay.example/blog/guide") == (
        "How to Ride a Ferry: a Complete Guide"
    )


def test_two_statements_outvote_a_search_engine_headline() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "Article", "headline": "Ferry Cost"}</script>'
        '<meta property="og:title" content="Average Private Ferry Charter Cost">'
        "<title>Average Private Ferry Charter Cost</title>"
    )
    assert title_of(head, "", "https://example.org/c/cost") == "Average Private Ferry Charter Cost"


def test_a_page_naming_no_headline_says_its_title_is_guessed() -> None:
    html = f"<html><body><div>Ferry notes for the week</div>{STORY}</p></body></html>"
    meta = InputMeta(media_type="text/html", url="https://example.org/notes")
    article = process_input(html.encode(), meta, load_adapters(include_plugins=False)).article
    assert "title_guessed" in article.warnings


def test_a_page_crediting_nobody_says_so() -> None:
    html = f"<html><head><title>Ferry notes</title></head><body>{STORY}</p></body></html>"
    meta = InputMeta(media_type="text/html", url="https://example.org/notes")
    article = process_input(html.encode(), meta, load_adapters(include_plugins=False)).article
    assert "no_author" in article.warnings
    signed = html.replace("<body>", "<body><p>By Ana Ruiz</p>")
    article = process_input(signed.encode(), meta, load_adapters(include_plugins=False)).article
    assert "no_author" not in article.warnings


def test_a_news_articles_stated_headline_beats_its_h1() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Ferry routes cut for the winter"}</script>'
        '<meta property="og:title" content="Winter ferry cuts: which routes go">'
        "<title>Winter ferry cuts: which routes go</title>"
    )
    assert title_of(head, "<h1>Winter ferry cuts: which routes go</h1>") == (
        "Ferry routes cut for the winter"
    )


def test_a_name_before_the_headline_another_statement_states_alone_is_cut() -> None:
    head = (
        '<meta property="og:title" content="The night crossing">'
        "<title>Ferry Diaries: The night crossing</title>"
    )
    # The blog's name in the h1 is backed by the <title>, but og:title shows what it is.
    assert title_of(head, "<h1>Ferry Diaries</h1>", "https://example.org/2008/09/x.html") == (
        "The night crossing"
    )
    # A headline before a name the page states alone is no name ('Headline | Site').
    named = (
        '<meta property="og:site_name" content="Ferry Diaries">'
        '<meta property="og:title" content="Ferry Diaries">'
        "<title>The night crossing | Ferry Diaries</title>"
    )
    url = "https://www.ferrydiaries.example/blog/the-night-crossing"
    assert title_of(named, "<h1>The night crossing</h1>", url) == "The night crossing"


def test_a_kicker_before_the_headline_ends_at_a_mark_not_inside_a_question() -> None:
    kicker = '<meta property="og:title" content="Best Ferry Routes for Commuters">'
    assert title_of(kicker, "<h1>Harbour guide: Best Ferry Routes for Commuters</h1>") == (
        "Best Ferry Routes for Commuters"
    )
    # An article dropped from the front is the same headline.
    assert title_of(kicker, "<h1>The Best Ferry Routes for Commuters</h1>") == (
        "Best Ferry Routes for Commuters"
    )
    # A question's opening words are the headline's, not a kicker.
    question = "<h1>Which Are the Best Ferry Routes for Commuters?</h1>"
    assert title_of(kicker, question) == "Which Are the Best Ferry Routes for Commuters?"


def test_a_heading_with_characters_lost_to_encoding_takes_the_stated_spelling() -> None:
    head = '<meta property="og:title" content="Ferry Routes: A Commuter\'s Guide">'
    assert title_of(head, "<h1>Ferry Routes? A Commuter?s Guide</h1>") == (
        "Ferry Routes: A Commuter's Guide"
    )
    # A question mark ending the heading is the question's.
    asked = '<meta property="og:title" content="Ferry Routes for Commuters">'
    assert title_of(asked, "<h1>Which Ferry Routes for Commuters?</h1>") == (
        "Which Ferry Routes for Commuters?"
    )


def test_a_short_tagline_after_a_dash_or_bar_is_cut_from_a_guide() -> None:
    head = "<title>Ferry Routes for Commuters \u2013 Timetables &amp; Fares | Harbour</title>"
    assert title_of(head, "<h1>Ferry Routes for Commuters \u2013 Timetables &amp; Fares</h1>") == (
        "Ferry Routes for Commuters"
    )
    head = "<title>Which ferry suits a commuter? | Harbour Blog</title>"
    assert title_of(head, "") == "Which ferry suits a commuter?"


def test_a_clause_or_a_long_second_half_after_a_dash_stays() -> None:
    clause = "Ferry Routes for Commuters \u2013 the harbour board decides"
    assert title_of(f"<title>{clause}</title>", f"<h1>{clause}</h1>") == clause
    long = "Ferry Routes for Commuters | The Quietest Crossings of the Bay"
    assert title_of(f"<title>{long}</title>", f"<h1>{long}</h1>") == long
    short_head = "Ferry Basics - A Beginner's Guide"
    assert title_of(f"<title>{short_head}</title>", f"<h1>{short_head}</h1>") == short_head


def test_a_news_headline_keeps_its_second_half() -> None:
    headline = "Storm Closes the Harbour - Ferries Stay Docked"
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        f'"headline": "{headline}"}}</script><title>{headline}</title>'
    )
    assert title_of(head, f"<h1>{headline}</h1>") == headline


def test_the_h1_a_cut_title_stood_for_stays_out_of_the_body() -> None:
    heading = "Ferry Tools for Commuters | Maps, Fares &amp;#x26; Tides"
    html = (
        f"<html><head><title>{heading} | Harbour</title></head><body><article>"
        f"<h1>{heading}</h1>{STORY}</p>{STORY}</p></article></body></html>"
    )
    meta = InputMeta(media_type="text/html", url="https://example.org/ferry-tools")
    article = process_input(html.encode(), meta, load_adapters(include_plugins=False)).article
    assert article.title == "Ferry Tools for Commuters"
    assert not any("Ferry Tools" in paragraph for paragraph in article.paragraphs)


def test_a_long_headline_sharing_four_words_with_the_search_title_is_shown() -> None:
    head = (
        '<meta property="og:title" content="Top 9 Ferry Routes for Commuters">'
        "<title>Top 9 Ferry Routes for Commuters</title>"
    )
    heading = "<h1>9 Ferry Routes for Commuters Who Want to Skip the Bridge Traffic Jams</h1>"
    assert title_of(head, heading, "https://example.org/p/1") == (
        "9 Ferry Routes for Commuters Who Want to Skip the Bridge Traffic Jams"
    )
    # Four shared words among many more: a pull quote's or a teaser's.
    quote = (
        "<h1>Why commuters on the top ferry routes say they skip the bridge traffic "
        "every single working day</h1>"
    )
    assert title_of(head, quote, "https://example.org/p/1") == "Top 9 Ferry Routes for Commuters"
