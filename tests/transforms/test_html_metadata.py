"""Page metadata comes from the markup alone: JSON-LD, meta tags, then the visible page."""

from __future__ import annotations

import pytest

from newsnorm.transforms.html.metadata import PageMetadata, extract_metadata, normalize_language
from newsnorm.transforms.html.nodes import parse_page

URL = "https://www.example-news.com/politics/2024/05/03/council-votes-on-budget/"


def read(html: str, url: str | None = URL) -> PageMetadata:
    return extract_metadata(parse_page(html)[0], url)


YOAST_GRAPH = """<html lang="en-US"><head>
<title>Council votes on budget - Example News</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "WebPage", "@id": "https://www.example-news.com/politics/2024/05/03/council-votes-on-budget/",
   "name": "Council votes on budget - Example News"},
  {"@type": "NewsArticle", "@id": "https://www.example-news.com/politics/2024/05/03/council-votes-on-budget/#article",
   "headline": "Council votes on \\u201cfinal\\u201d budget",
   "datePublished": "2024-05-03T18:00:00+02:00", "dateModified": "2024-05-04T09:12:00+02:00",
   "author": [{"@id": "https://www.example-news.com/#/schema/person/1"},
              {"@type": "Person", "name": "John Roe"}],
   "publisher": {"@id": "https://www.example-news.com/#organization"}},
  {"@type": "Person", "@id": "https://www.example-news.com/#/schema/person/1", "name": "Jane Doe"},
  {"@type": "Organization", "@id": "https://www.example-news.com/#organization",
   "name": "Example News"}
]}</script>
</head><body><h1>Council votes on budget</h1></body></html>"""


def test_jsonld_graph_gives_headline_people_and_date() -> None:
    meta = read(YOAST_GRAPH)
    # A news article's JSON-LD headline is its headline.
    assert meta.title == "Council votes on \u201cfinal\u201d budget"
    assert meta.authors == ("Jane Doe", "John Roe")  # the first one only by @id reference
    assert meta.published == "2024-05-03T18:00:00+02:00"
    assert meta.published_source == "json-ld"
    assert meta.site_name == "Example News"
    assert meta.language == "en-US"


def test_organization_authors_are_not_people() -> None:
    html = """<html><head><script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Storm hits coast",
     "author": [{"@type": "Organization", "name": "Mother Jones"},
                {"@type": "Organization", "name": "Associated Press"},
                {"@type": "Person", "name": "By Ana de la Cruz, Staff Writer"},
                {"@type": "Person", "name": "Example News"}],
     "publisher": {"@type": "NewsMediaOrganization", "name": "Example News"}}
    </script></head><body></body></html>"""
    assert read(html).authors == ("Ana de la Cruz",)
    # Organisations are not lost: they are the page's credits, kept apart from people.
    assert read(html).author_organizations == ("Mother Jones", "Associated Press")


def test_only_organisations_and_desks_means_no_author() -> None:
    html = """<html><head>
    <meta property="og:site_name" content="Example News">
    <meta name="author" content="Example News Staff">
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Markets rally",
     "author": {"@type": "Organization", "name": "Reuters"}}</script>
    </head><body><div class="byline">By The Associated Press</div></body></html>"""
    assert read(html).authors == ()
    assert read(html).author_organizations == ("Reuters",)


def test_house_byline_is_a_credit_only_when_no_person_is_named() -> None:
    alone = """<html><head><meta property="og:site_name" content="DER SPIEGEL">
    <meta name="author" content="DER SPIEGEL"></head><body></body></html>"""
    assert read(alone).author_organizations == ("DER SPIEGEL",)
    beside = """<html><head><meta property="og:site_name" content="Example News">
    <meta name="author" content="Jane Doe, Example News, dpa"></head><body></body></html>"""
    meta = read(beside)
    assert meta.authors == ("Jane Doe",)
    assert meta.author_organizations == ("dpa",)


def test_author_page_links_and_addresses_are_no_credits() -> None:
    html = """<html><head>
    <meta name="author" content="https://www.example-news.com/authors/jane-doe">
    <meta name="author" content="j.doe@example-news.com">
    <meta name="author" content="105092"></head><body></body></html>"""
    assert read(html).author_organizations == ()


def test_profile_url_in_article_author_is_skipped_for_the_meta_name() -> None:
    html = """<html><head>
    <meta property="article:author" content="https://www.facebook.com/janedoe.reporter">
    <meta name="author" content="Jane Doe and John Roe">
    </head><body></body></html>"""
    meta = read(html)
    assert meta.authors == ("Jane Doe", "John Roe")
    assert "meta-author=Jane Doe and John Roe" in meta.hints


@pytest.mark.parametrize(
    ("body", "authors"),
    [
        (
            '<div class="byline-section"><span class="author">Lisa Kaczke and Trevor J. Mitchell'
            '</span><span class="publication">Example News</span></div>',
            ("Lisa Kaczke", "Trevor J. Mitchell"),
        ),
        (
            '<p class="meta">von <a href="/autoren/name/max-kolter">Dr. Max Kolter</a></p>',
            ("Dr. Max Kolter",),
        ),
        (
            '<p class="byline">By Ana L\u00f3pez</p><a href="/author/ana-lopez/"><div>Ana '
            "L\u00f3pez</div><p>Ana L\u00f3pez covers ports and shipping for the paper from "
            "Valparaiso, Santa Cruz and Lima.</p></a>",
            ("Ana L\u00f3pez",),
        ),
        (
            "<ul><li><strong>Datum</strong> 28.04.2023</li>"
            "<li><strong>Autorin/Autor</strong> Roman Goncharenko</li></ul>",
            ("Roman Goncharenko",),
        ),
        (
            "<p><strong>Mathatisi Sebusi/Mohalenyane Phakela</strong></p><p>Villagers say the "
            "quarry blasts crack their walls.</p>",
            ("Mathatisi Sebusi", "Mohalenyane Phakela"),
        ),
        (
            '<figure><img src="x.jpg"><div class="bildautor">Foto: APA/CYRIL ZINGARO</div>'
            "</figure><p>The mayor admitted failures.</p>",
            (),
        ),
        (
            '<div class="comment-list"><span class="comment-author">Hallo Ausloggen</span></div>',
            (),
        ),
    ],
    ids=[
        "inner-author-spans",
        "author-page-link",
        "author-card-link",
        "label",
        "bold-signature",
        "photo-credit",
        "comments",
    ],
)
def test_visible_bylines(body: str, authors: tuple[str, ...]) -> None:
    html = f"<html><body><article><h1>Quarry blasts</h1>{body}</article></body></html>"
    assert read(html).authors == authors


def test_site_accounts_are_not_people() -> None:
    html = """<html><head><meta property="og:site_name" content="Ilanga News">
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Goats",
     "author": {"@type": "Person", "name": "Ilanga D",
                "@id": "https://ilanganews.co.za/author/admin/"}}</script>
    <meta name="twitter:label1" content="Written by">
    <meta name="twitter:data1" content="Zola Mkhize">
    </head><body></body></html>"""
    assert read(html).authors == ("Zola Mkhize",)


def test_visible_byline_is_the_last_resort() -> None:
    html = """<html><body><article><h1>Bridge reopens</h1>
    <p class="article-byline">Von Jörg Müller und Anna Schmidt, dpa</p>
    <p>The bridge reopened on Monday.</p></article></body></html>"""
    assert read(html).authors == ("Jörg Müller", "Anna Schmidt")


@pytest.mark.parametrize(
    ("title_tag", "og_site_name", "expected"),
    [
        ("Council votes on budget | Example News", "Example News", "Council votes on budget"),
        (
            "Council votes on budget - Politics | Example News",
            "Example News",
            "Council votes on budget",
        ),
        ("Example News: Council votes on budget", "Example News", "Council votes on budget"),
        ("Council votes on budget \u2013 EXAMPLE-NEWS.COM", None, "Council votes on budget"),
        ("Vote: council backs budget | Example News", "Example News", "Vote: council backs budget"),
        ("Budget talks - a long night", "Example News", "Budget talks - a long night"),
    ],
    ids=[
        "bar-suffix",
        "section-before-site",
        "site-prefix",
        "host-suffix",
        "kicker-kept",
        "no-site",
    ],
)
def test_site_name_is_cut_from_the_title(
    title_tag: str, og_site_name: str | None, expected: str
) -> None:
    site = f'<meta property="og:site_name" content="{og_site_name}">' if og_site_name else ""
    html = f"<html><head><title>{title_tag}</title>{site}</head><body></body></html>"
    assert read(html).title == expected


def test_og_title_wins_over_an_unbacked_h1_and_title_tag() -> None:
    html = """<html><head><title>Old title | Example News</title>
    <meta property="og:title" content="  Council   votes on budget  ">
    </head><body><h1>Roads first</h1></body></html>"""
    assert read(html).title == "Council votes on budget"


def test_the_shown_h1_wins_when_the_og_title_backs_it() -> None:
    html = """<html><head><title>Old title | Example News</title>
    <meta property="og:title" content="  Council   votes on budget  ">
    </head><body><h1>Budget vote</h1></body></html>"""
    assert read(html).title == "Budget vote"


def test_full_timestamp_for_the_same_day_beats_a_date_only_value() -> None:
    html = """<html><head>
    <script type="application/ld+json">{"@type": "Article", "headline": "A",
     "datePublished": "2024-05-03"}</script>
    <meta property="article:published_time" content="2024-05-03T23:30:00-07:00">
    </head><body></body></html>"""
    meta = read(html)
    assert meta.published == "2024-05-03T23:30:00-07:00"
    assert meta.published_source == "meta:article:published_time"


def test_date_only_value_is_kept_as_stated() -> None:
    html = """<html><head><meta name="dc.date" content="2024-05-03">
    <meta property="article:modified_time" content="2024-05-09T10:00:00+00:00">
    </head><body></body></html>"""
    meta = read(html)
    assert (meta.published, meta.published_source) == ("2024-05-03", "meta:dc.date")


def test_european_date_is_read_day_first() -> None:
    html = '<html><head><meta name="date" content="05.04.2025, 14:30"></head></html>'
    assert read(html).published == "2025-04-05T14:30"


def test_url_date_is_the_fallback() -> None:
    meta = read("<html><head><title>Council votes</title></head><body></body></html>")
    assert (meta.published, meta.published_source) == ("2024-05-03", "url")


def test_modified_date_is_kept_apart() -> None:
    html = '<html><head><meta property="article:modified_time" content="2024-05-09"></head></html>'
    meta = read(html, "https://example.org/story")
    assert meta.published is None
    assert (meta.modified, meta.modified_source) == ("2024-05-09", "meta:article:modified_time")


HEAD_DATES = """<head>
<script type="application/ld+json">{"@type": "Article", "headline": "Ferry fares",
 "datePublished": "2019-08-11T18:59:51+00:00", "dateModified": "2025-11-21T18:51:10+00:00"}
</script></head>"""


@pytest.mark.parametrize(
    ("shown", "expected", "source"),
    [
        ("<p>Jane Doe</p><p>March 1, 2024</p>", "2024-03-01", "headline"),
        ("<p>Published</p><p>Apr 26, 2023</p>", "2023-04-26", "headline"),
        # an update's date, however shown, is not the story's
        ("<p>Updated on</p><p>March 1, 2024</p>", "2019-08-11T18:59:51+00:00", "json-ld"),
        ("<p>Last updated: March 1, 2024</p>", "2019-08-11T18:59:51+00:00", "json-ld"),
        # the stated modified day, shown without a label (a live blog's latest entry)
        ("<p>November 21, 2025</p>", "2019-08-11T18:59:51+00:00", "json-ld"),
        # a day from a stated time and zone: the same instant elsewhere
        ("<p>August 12, 2019</p>", "2019-08-11T18:59:51+00:00", "json-ld"),
        ("<p>August 10, 2019</p>", "2019-08-11T18:59:51+00:00", "json-ld"),
        # a picture's caption, a sentence, or a date far below the headline
        ("<figure><figcaption>March 1, 2024</figcaption></figure>", "2019-08-11T18:59:51+00:00",
         "json-ld"),
        ("<p>The board first met about the fares on March 1, 2024 in the old hall.</p>",
         "2019-08-11T18:59:51+00:00", "json-ld"),
        ("<p>Fares</p>" * 15 + "<p>March 1, 2024</p>", "2019-08-11T18:59:51+00:00", "json-ld"),
    ],
    ids=["shown", "published-label", "update-label", "update-inline", "modified-day",
         "time-zone", "time-zone-before", "caption", "sentence", "far-below"],
)  # fmt: skip
def test_the_date_shown_under_the_headline_beats_a_stated_one(
    shown: str, expected: str, source: str
) -> None:
    html = f"<html>{HEAD_DATES}<body><h1>Ferry fares</h1>{shown}<p>Body.</p></body></html>"
    meta = read(html, "https://example.org/story")
    assert (meta.published, meta.published_source) == (expected, source)


def test_canonical_on_another_host_is_a_hint() -> None:
    html = """<html><head>
    <link rel="canonical" href="https://grist.org/climate/heat-wave/">
    <meta property="og:url" content="https://www.example-news.com/heat-wave/">
    <meta property="og:site_name" content="Grist">
    <meta name="parsely-author" content="Grist">
    </head><body>
    <img src="https://grist.org/wp-content/plugins/republication-tracker-tool/includes/pixel.php?post=1"
         width="1" height="1" alt="">
    </body></html>"""
    meta = read(html, "https://www.example-news.com/heat-wave/")
    assert meta.canonical_url == "https://grist.org/climate/heat-wave/"
    assert meta.hints == (
        "canonical-host=grist.org",
        "og:site_name=Grist",
        "parsely-author=Grist",
        "pixel=grist.org",
    )


def test_relative_canonical_on_the_same_host_is_no_hint() -> None:
    html = '<html><head><link rel="canonical" href="/politics/council-votes/"></head></html>'
    meta = read(html)
    assert meta.canonical_url == "https://www.example-news.com/politics/council-votes/"
    assert not [hint for hint in meta.hints if hint.startswith("canonical-host=")]


@pytest.mark.parametrize(
    "script",
    [
        # a trailing comma and an HTML comment wrapper
        """<!-- {"@type": "NewsArticle", "headline": "Fire at the docks",
        "author": {"@type": "Person", "name": "Jane Doe"},} -->""",
        # a raw line break inside a string
        '{"@type": "NewsArticle", "headline": "Fire at\nthe docks", "author": "Jane Doe"}',
        # two objects written back to back
        '{"@type": "WebSite", "name": "Example"}{"@type": "NewsArticle", '
        '"headline": "Fire at the docks", "author": {"name": "Jane Doe"}}',
    ],
    ids=["comment-and-trailing-comma", "control-character", "concatenated"],
)
def test_sloppy_jsonld_is_still_read(script: str) -> None:
    html = f'<html><head><script type="application/ld+json">{script}</script></head></html>'
    meta = read(html)
    assert (meta.title, meta.authors) == ("Fire at the docks", ("Jane Doe",))


def test_broken_jsonld_falls_back_to_meta_tags() -> None:
    html = """<html><head>
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>
    <script type="application/ld+json">[1, "two", null]</script>
    <meta property="og:title" content="Fire at the docks">
    <meta name="author" content="Jane Doe">
    <meta property="article:published_time" content="2024-05-03T08:00:00Z">
    </head><body></body></html>"""
    meta = read(html)
    assert (meta.title, meta.authors, meta.published) == (
        "Fire at the docks",
        ("Jane Doe",),
        "2024-05-03T08:00:00Z",
    )


@pytest.mark.parametrize(
    "html",
    ["", "<html></html>", "<p>just text</p>", "<html><head><meta></head><body><h1></h1></body>"],
    ids=["empty", "bare", "fragment", "empty-tags"],
)
def test_silent_pages_give_empty_metadata(html: str) -> None:
    meta = read(html, None)
    assert meta == PageMetadata()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("en_us", "en-US"), ("DE-de", "de-DE"), ("zh-hant-tw", "zh-Hant-TW"), ("es-419", "es-419")],
)
def test_language_is_bcp47(value: str, expected: str) -> None:
    assert normalize_language(value) == expected


def test_language_falls_back_to_og_locale() -> None:
    html = '<html><head><meta property="og:locale" content="de_AT"></head></html>'
    assert read(html).language == "de-AT"


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("<p class='header__meta'>By <a href='/people/ana'>Ana Ruiz</a></p>", ("Ana Ruiz",)),
        ("<div><h4>Written by <a href='/team'>Ana Ruiz</a></h4></div>", ("Ana Ruiz",)),
        ("<p class='lede'>by: Ana Ruiz , Dec 17, 2025</p>", ("Ana Ruiz",)),
        (
            "<div><span>Published August 7, 2023</span> <span>by Ana Ruiz</span></div>",
            ("Ana Ruiz",),
        ),
        ("<p>By the end of the year the council will vote again.</p>", ()),
    ],
    ids=["by-link", "written-by", "by-colon-date", "published-date-by", "by-in-a-sentence"],
)
def test_a_block_reading_as_a_byline_names_the_author(byline: str, expected: tuple[str]) -> None:
    html = f"<html><body><article><h1>Ferries</h1>{byline}<p>Story.</p></article></body></html>"
    assert read(html, "https://example.org/ferries").authors == expected


def test_a_page_without_article_main_or_h1_is_read_whole_for_a_byline() -> None:
    html = "<html><body><div id='story'><p>Home</p><p><em>By Ana Ruiz</em></p><p>Story.</p></div>"
    assert read(html + "</body></html>", "https://example.org/a").authors == ("Ana Ruiz",)


def test_a_personal_site_keeps_the_author_it_is_named_after() -> None:
    html = """<html><head><meta name="author" content="John Scalzi">
    <meta property="og:site_name" content="Whatever"></head><body></body></html>"""
    assert read(html, "https://whatever.scalzi.example/2025/12/18/watch").authors == (
        "John Scalzi",
    )
    outlet = """<html><head><meta name="author" content="Example News"></head></html>"""
    assert read(outlet, "https://www.example-news.com/a").authors == ()
    # A name the site goes by that reads like a person's yields to a person named elsewhere.
    named = """<html><head><meta name="author" content="Harbour Welle">
    <meta property="og:site_name" content="Harbour Welle"></head>
    <body><article><h1>Ferries</h1><p>By Ana Ruiz</p></article></body></html>"""
    assert read(named, "https://www.hw.example/a").authors == ("Ana Ruiz",)


@pytest.mark.parametrize(
    ("byline", "credit"),
    [
        ("<p class='authorName'>Harbour Staff</p>", ("Harbour Staff",)),
        (
            "<h4 class='author-name'>By <a href='/e'>The Ledger editors</a></h4>",
            ("The Ledger editors",),
        ),
        ("<p>By <a href='/author/team/'>Ferry Team</a> \u2022 5 min read</p>", ("Ferry Team",)),
        ("<div class='author'><span>Newsdesk</span></div>", ("Newsdesk",)),
        ("<div class='author'><a href='/about'>Meet the Team</a></div>", ()),
        ("<div class='author'>Ana Ruiz, Harbour Staff</div>", ()),
        ("<p>March 15, 2022 \u00b7 3 min read \u00b7 By Harbour Online</p>", ("Harbour Online",)),
        ("<p>December 7, 2020 By Ask the Pilots 3 min read</p>", ("Ask the Pilots",)),
        ("<p>By clicking Subscribe you agree to our terms</p>", ()),
    ],
    ids=[
        "staff",
        "editors",
        "team-by-line",
        "newsdesk",
        "interface-label",
        "beside-a-person",
        "dated-by-organisation",
        "by-organisation-and-reading-time",
        "by-a-sentence",
    ],
)
def test_a_visible_house_credit_is_named_when_nobody_is(
    byline: str, credit: tuple[str, ...]
) -> None:
    html = f"<html><body><article><h1>Ferries</h1>{byline}<p>Story.</p></article></body></html>"
    meta = read(html, "https://harbour.example/ferries")
    assert meta.author_organizations == credit
    assert meta.authors == (("Ana Ruiz",) if "Ana" in byline else ())


def test_a_date_line_before_by_still_names_the_author() -> None:
    html = (
        "<html><body><article><h1>Ferries</h1><p>Feb 6, 2025 \u00b7 By Ana Ruiz</p>"
        "<p>Story.</p></article></body></html>"
    )
    assert read(html, "https://harbour.example/ferries").authors == ("Ana Ruiz",)


def test_twitter_written_by_label_credits_the_house() -> None:
    html = """<html><head><meta name="twitter:label1" content="Written by">
    <meta name="twitter:data1" content="Ferry Team"></head><body></body></html>"""
    assert read(html, "https://harbour.example/a").author_organizations == ("Ferry Team",)


@pytest.mark.parametrize(
    "widget",
    [
        "Full Bio",
        "Read More",
        "More By This Author",
        "Contact Me",
        "View Profile",
        "No Comments",
        "Fact Checked",
        "Blog Categories",
        "Follow On Bluesky",
        "Share This Story",
    ],
)
def test_interface_words_beside_a_byline_are_no_names(widget: str) -> None:
    html = f"""<html><body><article><h1>Ferries</h1><div class="author">
    <span class="author-name">Ana Ruiz</span> <a class="author-link">{widget}</a></div>
    <p>Story.</p></article></body></html>"""
    assert read(html, "https://harbour.example/a").authors == ("Ana Ruiz",)


def test_a_byline_with_a_day_first_date_names_the_author() -> None:
    html = """<html><body><article><h1>Ferries</h1><p class="author"> Ana Ruiz<br>
    4 August 2010 </p><p>Story.</p></article></body></html>"""
    assert read(html, "https://harbour.example/a").authors == ("Ana Ruiz",)
    updated = """<html><body><article><h1>Ferries</h1><p class="author">Ana Ruiz Last
    updated 4 August 2010</p><p>Story.</p></article></body></html>"""
    assert read(updated, "https://harbour.example/a").authors == ("Ana Ruiz",)


def _far_byline(byline: str, head: str = "") -> str:
    filler = "".join(f"<span>tag {index}</span>" for index in range(400))
    return f"""<html><head>{head}</head><body><h1>Ferries</h1><div>{filler}</div>
    <p>Story.</p><aside>{byline}</aside></body></html>"""


def test_a_declared_byline_far_from_the_headline_is_read_from_the_whole_body() -> None:
    html = _far_byline("<a rel='author' href='/author/ana'>Ana Ruiz</a>")
    assert read(html, "https://harbour.example/a").authors == ("Ana Ruiz",)


def test_far_bylines_of_teasers_or_beside_a_stated_credit_are_not_the_story_s() -> None:
    teasers = "".join(
        f"<a rel='author' href='/author/{name}'>{name} Ruiz</a>"
        for name in ("Ana", "Bea", "Cai", "Dan")
    )
    assert read(_far_byline(teasers), "https://harbour.example/a").authors == ()
    credited = _far_byline(
        "<a rel='author' href='/author/ana'>Ana Ruiz</a>",
        '<meta name="author" content="Harbour Staff">',
    )
    meta = read(credited, "https://harbour.example/a")
    assert (meta.authors, meta.author_organizations) == ((), ("Harbour Staff",))


def test_author_links_naming_reviewers_too_yield_to_the_byline_naming_the_author() -> None:
    html = """<html><body><article><h1>Ferries</h1>
    <div class="byline">By <a href="/author/ana-ruiz">Ana Ruiz</a></div>
    <div>Reviewed by <a href="/author/bo-lind">Bo Lind</a></div><p>Story.</p></article>
    </body></html>"""
    assert read(html, "https://harbour.example/a").authors == ("Ana Ruiz",)
    # One byline naming both keeps both.
    both = """<html><body><article><h1>Ferries</h1><div class="byline">By
    <a href="/author/ana-ruiz">Ana Ruiz</a> and <a href="/author/bo-lind">Bo Lind</a></div>
    <p>Story.</p></article></body></html>"""
    assert read(both, "https://harbour.example/a").authors == ("Ana Ruiz", "Bo Lind")


def test_commenters_linked_to_their_profiles_are_not_the_author() -> None:
    html = """<html><body><article><h1>Ferries</h1><p>Story.</p>
    <div class="comment-list"><div class="comment"><a href="/profile/bo-lind">Bo Lind</a>
    <a rel="author" href="/bo">Bo Lind</a> said: great.</div></div>
    <p><b>By Ana Ruiz</b></p></article></body></html>"""
    assert read(html, "https://harbour.example/a").authors == ("Ana Ruiz",)


def test_article_elements_beside_a_headline_outside_them_are_teaser_cards() -> None:
    html = """<html><body><article class="card"><a href="/b">Buses</a>
    <span class="date">Dec 19, 2025</span></article><h1>Ferries</h1>
    <div><h4>Published</h4><div>July 8, 2025</div></div><p>Story.</p></body></html>"""
    assert read(html, "https://harbour.example/a").published == "2025-07-08"
    # Without an h1 the longest <article> is still the story's.
    alone = html.replace("<h1>Ferries</h1>", "")
    assert read(alone, "https://harbour.example/a").published == "2025-12-19"


def test_a_meta_author_that_is_the_site_s_own_name_is_its_house_credit() -> None:
    html = """<html><head><meta property="og:site_name" content="Harbour ON">
    <meta name="author" content="Harbour On"></head><body></body></html>"""
    meta = read(html, "https://www.harbouron.example/a")
    assert (meta.authors, meta.author_organizations) == ((), ("Harbour On",))


def test_a_handle_or_template_key_beside_a_person_is_no_organisation() -> None:
    html = """<html><head><meta name="author" content="Ana Ruiz, ana.ruiz, page.head.author, dpa">
    </head><body></body></html>"""
    meta = read(html, "https://harbour.example/a")
    assert (meta.authors, meta.author_organizations) == (("Ana Ruiz",), ("dpa",))
    alone = """<html><head><meta name="author" content="ana.ruiz"></head><body></body></html>"""
    assert read(alone, "https://harbour.example/a").author_organizations == ("ana.ruiz",)


def test_a_stated_day_a_day_from_the_shown_one_is_kept() -> None:
    html = """<html><head><meta name="dc.date" content="2024-05-03"></head><body>
    <h1>Ferry fares</h1><p>May 2, 2024</p><p>Body.</p></body></html>"""
    meta = read(html, "https://example.org/story")
    assert (meta.published, meta.published_source) == ("2024-05-03", "meta:dc.date")


def test_a_label_in_its_own_element_is_not_read_into_the_name() -> None:
    html = """<html><body><article><h1>Ferries</h1><div class="post-author-wrapper">
    <div>Author</div><div>Ana Ruiz</div></div><p>Story.</p></article></body></html>"""
    assert read(html, "https://harbour.example/a").authors == ("Ana Ruiz",)


def test_scholarly_citation_tags_name_every_author() -> None:
    # dc.creator names the first author only; Highwire tags state one author each, often
    # surname first.
    html = """<html><head><meta name="dc.creator" content="Ana Ruiz">
    <meta name="citation_author" content="Ruiz, Ana"><meta name="citation_author"
    content="Lind, Bo K."><meta name="citation_author" content="Cai Wen"></head>
    <body><h1>Ferry timetables and commuter wellbeing</h1><p>Study.</p></body></html>"""
    authors = read(html, "https://journal.example/2019/6/e1").authors
    assert authors == ("Ana Ruiz", "Bo K. Lind", "Cai Wen")


def test_a_label_over_a_list_names_one_person_an_item() -> None:
    html = """<html><body><article><h1>Ferries</h1><div><h6>Author(s)</h6><ul>
    <li><a href="/library/?_author=Ana">Ana B. Ruiz</a></li><li><a href="/library/?_author=Bo">
    Bo Lind</a></li></ul></div><p>Story.</p></article></body></html>"""
    assert read(html, "https://harbour.example/a").authors == ("Ana B. Ruiz", "Bo Lind")
