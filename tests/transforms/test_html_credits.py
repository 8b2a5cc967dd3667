"""Who a page credits as its author, beside those it credits for other work."""

from __future__ import annotations

import pytest

from newsnorm.transforms.html.metadata import PageMetadata, extract_metadata
from newsnorm.transforms.html.nodes import parse_page

URL = "https://harbour.example/2025/ferries"


def read(html: str, url: str = URL) -> PageMetadata:
    return extract_metadata(parse_page(html)[0], url)


@pytest.mark.parametrize(
    "credit",
    [
        '<div class="byline-item"><span>Fact checked by</span> <span class="author-name">'
        "Bo Lind</span></div>",
        '<div class="author-text">Medically reviewed by <a class="author-link" href="/p/bo">'
        "Bo Lind</a></div>",
        '<div>Edited by: <a href="/authors/bo-lind/">Bo Lind</a></div>',
    ],
    ids=["label-before-the-name", "label-inside-the-byline", "label-before-an-author-link"],
)
def test_a_reviewer_or_editor_is_not_the_author(credit: str) -> None:
    html = f"""<html><head><script type="application/ld+json">{{"@type": "NewsArticle",
    "author": {{"@type": "Organization", "name": "The Harbour Team"}}}}</script></head>
    <body><article><h1>Ferries</h1>{credit}<p>Story.</p></article></body></html>"""
    meta = read(html)
    assert (meta.authors, meta.author_organizations) == ((), ("The Harbour Team",))


def test_the_author_named_before_a_reviewer_stays() -> None:
    html = """<html><body><article><h1>Ferries</h1>
    <div class="byline"><span>Written by</span> <span class="author-name">Ana Ruiz</span>
    <span>Reviewed by</span> <span class="author-name">Bo Lind</span></div>
    <p>Story.</p></article></body></html>"""
    assert read(html).authors == ("Ana Ruiz",)


CARD = """<li class="card"><a href="/{slug}"><h3>{title}</h3></a>
<div class="card-author">{name}</div></li>"""


def test_bylines_on_teaser_cards_below_the_story_are_not_its_authors() -> None:
    cards = "".join(
        CARD.format(slug=slug, title=title, name=name)
        for slug, title, name in (("buses", "Buses", "Ana Ruiz"), ("trams", "Trams", "Bo Lind"))
    )
    html = f"""<html><head><meta name="author" content="Harbour Desk"></head><body><main>
    <h1>Ferries</h1><div class="author">Harbour Desk</div><p>Story.</p>
    <ul class="related">{cards}</ul></main></body></html>"""
    meta = read(html)
    assert (meta.authors, meta.author_organizations) == ((), ("Harbour Desk",))
    # The story's own byline, under its h1, is read as before.
    own = html.replace(">Harbour Desk</div>", ">Cai Moss</div>")
    assert read(own).authors == ("Cai Moss",)


@pytest.mark.parametrize(
    "cue",
    [
        '<div class="box"><p>Ana Ruiz</p><button aria-label="All articles by Ana Ruiz">'
        "<span>All articles by Ana Ruiz</span></button></div>",
        '<ul class="meta"><li><i class="bi bi-person"></i> Ana Ruiz </li><li>5 min read</li></ul>',
        '<div class="box">This post was written by Ana Ruiz, Head of Ferries at Harbour.</div>',
    ],
    ids=["stories-by-link", "person-icon", "written-by-sentence"],
)
def test_a_cue_names_the_author_where_nothing_credits_anyone(cue: str) -> None:
    html = f"<html><body><main><h1>Ferries</h1><p>Story.</p>{cue}</main></body></html>"
    assert read(html).authors == ("Ana Ruiz",)
    # A cue is a guess: a byline, when there is one, names the author.
    credited = html.replace("<p>Story.</p>", '<p class="byline">By Bo Lind</p><p>Story.</p>')
    assert read(credited).authors == ("Bo Lind",)


def test_a_cue_holding_more_than_names_names_nobody() -> None:
    html = """<html><body><main><h1>Ferries</h1><p>Story.</p>
    <div><i class="fa fa-user"></i> Sign in to comment on the ferry timetable</div>
    <div>The guide is written by Harbour volunteers from the ferry club.</div>
    </main></body></html>"""
    assert read(html).authors == ()


def test_a_last_updated_line_names_who_updated_it() -> None:
    html = """<html><body><h1>Ferries</h1><p>Story.</p>
    <div><i>Last updated March 3, 2025 by <a href="/">Ana Ruiz</a>.</i></div></body></html>"""
    assert read(html).authors == ("Ana Ruiz",)


def test_a_reviewer_s_card_is_not_read_for_an_author() -> None:
    html = """<html><head><meta name="author" content="Harbour Desk"></head><body><article>
    <h1>Ferries</h1><div class="author-card">Reviewed by Bo Lind <div class="author-role">
    Expert Reviewer</div><div>Harbour Planning and Ferry Operations Contributor.</div></div>
    <p>Story.</p></article></body></html>"""
    meta = read(html)
    assert (meta.authors, meta.author_organizations) == ((), ("Harbour Desk",))


def test_a_role_set_under_the_name_is_not_read_into_it() -> None:
    html = """<html><body><article><h1>Ferries</h1><div class="author-box">
    <div class="member-name">Ana Ruiz</div><div class="member-role">Technical Writer</div>
    </div><p>Story.</p></article></body></html>"""
    assert read(html).authors == ("Ana Ruiz",)


def test_the_person_a_site_is_named_after_beats_a_bold_closing_line() -> None:
    html = """<html><head><meta name="author" content="John Scalzi">
    <meta property="og:site_name" content="John Scalzi"></head><body><article>
    <h1>Ferries</h1><p>Story.</p><p><b>Harbour Camera</b></p></article></body></html>"""
    url = "https://johnscalzi.example/ferries"
    assert read(html, url).authors == ("John Scalzi",)
    # With no metadata naming anyone, the bold line is still read as a signature.
    unsigned = html.replace('<meta name="author" content="John Scalzi">', "")
    assert read(unsigned, url).authors == ("Harbour Camera",)


def test_a_card_flagged_as_having_an_author_is_no_byline() -> None:
    cards = "".join(
        f'<div class="summary-item summary-item-has-author"><a href="/{slug}">{title}</a></div>'
        for slug, title in (("a", "One Week in Harbour Town"), ("b", "Ferry Days: Bay, Port Lane"))
    )
    html = f"""<html><body><article><h1>Ferries</h1>{cards}<p>Story.</p>
    <p>By Ana Ruiz</p></article></body></html>"""
    assert read(html).authors == ("Ana Ruiz",)


def test_a_guessed_name_whose_words_the_story_writes_in_lowercase_is_a_label() -> None:
    html = """<html><body><article><h1>Ferries</h1><p>{line} \u00b7 Dec 17, 2025</p>
    <p>The ferry industry carried more riders as the fitness industry moved outdoors.</p>
    </article></body></html>"""
    assert read(html.format(line="Fitness Industry")).authors == ()
    assert read(html.format(line="Ana Ruiz")).authors == ("Ana Ruiz",)


@pytest.mark.parametrize(
    ("credit", "site"),
    [("Community Editor", "Harbour"), ("Tide in the Bay", "Tide in the Bay")],
    ids=["role-words", "place-words"],
)
def test_an_organisation_s_credit_keeps_the_words_cut_from_people_s_names(
    credit: str, site: str
) -> None:
    html = f"""<html><head><meta name="author" content="{credit}">
    <meta property="og:site_name" content="{site}"></head><body><article><h1>Ferries</h1>
    <p>Story.</p></article></body></html>"""
    meta = read(html)
    assert (meta.authors, meta.author_organizations) == ((), (credit,))


@pytest.mark.parametrize(
    "byline",
    [
        '<div class="author-box"><h4 class="author-box__name">Harbourline</h4></div>',
        '<span itemprop="author" itemscope itemtype="https://schema.org/Organization">'
        '<span itemprop="name">Harbourline</span></span>',
    ],
    ids=["author-box", "itemprop-author"],
)
def test_a_byline_naming_the_site_itself_credits_the_site(byline: str) -> None:
    html = f"""<html><head><meta property="og:site_name" content="Harbourline"></head>
    <body><article><h1>Ferries</h1>{byline}<p>Story.</p></article></body></html>"""
    meta = read(html)
    assert (meta.authors, meta.author_organizations) == ((), ("Harbourline",))
    # Another organisation's name there is no credit read this way.
    other = read(html.replace(">Harbourline</", ">Ridgeworks</"))
    assert other.author_organizations == ()


def test_a_twitter_card_crediting_an_interviewer_names_the_author() -> None:
    html = """<html><head><meta name="twitter:label1" content="Interview by">
    <meta name="twitter:data1" content="Ana Ruiz"></head><body><article><h1>Ferries</h1>
    <p>Story.</p></article></body></html>"""
    assert read(html).authors == ("Ana Ruiz",)
    # A reviewer's credit is not the author's.
    assert read(html.replace("Interview by", "Reviewed by")).authors == ()


def test_metadata_naming_only_a_role_leaves_the_visible_house_credit() -> None:
    html = """<html><head><meta name="twitter:label1" content="Written by">
    <meta name="twitter:data1" content="Staff"></head><body><article><h1>Ferries</h1>
    <div class="byline">Staff</div><p>Story.</p></article></body></html>"""
    assert read(html).author_organizations == ("Staff",)


def test_a_user_name_spelling_the_named_author_is_no_organisation() -> None:
    html = """<html><head><meta name="author" content="{account}"></head><body><article>
    <h1>Ferries</h1><p>By <a href="/author/ana-ruiz/">Ana Ruiz</a></p><p>Story.</p>
    </article></body></html>"""
    meta = read(html.format(account="aruiz"))
    assert (meta.authors, meta.author_organizations) == (("Ana Ruiz",), ())
    # An agency credited beside her stays.
    assert read(html.format(account="dpa")).author_organizations == ("dpa",)


def test_a_bold_signature_after_a_dek_names_the_authors() -> None:
    html = """<html><body><article><h1>Ferries</h1><p><em>Two lines of dek</em></p>
    <p><strong>Ana Ruiz/Bo Lind</strong></p><p>The story opens here.</p>
    <p>It goes on.</p></article></body></html>"""
    assert read(html).authors == ("Ana Ruiz", "Bo Lind")
    # A bold heading of a section is a label: the story writes its later word in lowercase.
    heading = html.replace("Ana Ruiz/Bo Lind", "Ferry Tips").replace("It goes", "These tips go")
    assert read(heading).authors == ()


def test_a_job_title_naming_its_field_is_no_organisation() -> None:
    html = """<html><head><meta name="author" content="Ana Ruiz, Sr. Director of Operations">
    </head><body><article><h1>Ferries</h1><p>Story.</p></article></body></html>"""
    meta = read(html)
    assert (meta.authors, meta.author_organizations) == (("Ana Ruiz",), ())
    # An organisation named that way stays one.
    centre = read(html.replace("Sr. Director of Operations", "Center for Ferry Studies"))
    assert centre.author_organizations == ("Center for Ferry Studies",)


def test_a_reviewer_credited_on_the_date_line_is_not_the_author() -> None:
    html = """<html><body><article><h1>Ferries</h1><div class="meta">Last Updated: Dec 17,
    2025 • 5 min read Fact Checked by: Bo Lind</div><p>By Ana Ruiz</p><p>Story.</p>
    </article></body></html>"""
    assert read(html).authors == ("Ana Ruiz",)


@pytest.mark.parametrize(
    "credit",
    [
        '<div class="meta"><span>Written by</span> <div><span>Tova</span>'
        " <span>- Product marketer</span></div></div>",
        "<p>Posted by Tova at March 3, 2025 10:05 AM</p>",
    ],
    ids=["written-by-then-a-role", "posted-by-then-the-time"],
)
def test_an_explicit_credit_to_one_word_is_read_as_written(credit: str) -> None:
    html = f"""<html><body><article><h1>Ferries</h1>{credit}<p>Story.</p>
    </article></body></html>"""
    meta = read(html)
    # One word may be a first name or a brand: credited, not guessed a person.
    assert (meta.authors, meta.author_organizations) == ((), ("Tova",))


@pytest.mark.parametrize(
    "credit",
    ["<p>By Human in the Loop</p>", "<p>By Women in Tech</p>"],
    ids=["human-in-the-loop", "women-in-tech"],
)
def test_an_organisation_credited_by_name_keeps_its_in(credit: str) -> None:
    """A place cut would take 'in Tech' off an organisation's name ('Posted by Admin in
    Uncategorized' keeps its category: the byline reaches the credit reader from 'by')."""
    html = f"""<html><body><article><h1>Ferries</h1>{credit}<p>Story.</p>
    </article></body></html>"""
    assert read(html).author_organizations == (credit[6:-4],)
