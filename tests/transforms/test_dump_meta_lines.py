"""The byline and date line under a dump's headline become metadata (transforms/dump/meta_lines)."""

from __future__ import annotations

from datetime import date

from newsnorm.transforms.adapters import BUILTIN
from newsnorm.transforms.dump.meta_lines import (
    ABOVE_BYLINE_RULE,
    ABOVE_DATE_RULE,
    BYLINE_RULE,
    DATE_RULE,
    SOURCE,
    WRITTEN_BY_RULE,
    MetaLines,
    beside_date,
    date_line,
    meta_lines,
)
from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.pipeline import process_text

ADAPTERS = tuple(adapter() for adapter in BUILTIN)

MENU = ["Skip to content", "Tidewater Courier", "* Home", "* News", "* Schools", "* Weather",
        "* Business", "* Events", "* Subscribe", "Search for:", "Search"]  # fmt: skip
HEADLINE = "Library extends weekend hours after a year of record visits"
STORY = [
    "The town library will stay open until eight on Saturdays and Sundays from next month, "
    "after a year in which more people came through its doors than in any year on record.",
    "The board said the longer hours would be paid for by a grant from the county, and that "
    "two part-time librarians would be hired to staff the evening desk on both days.",
    "Visitors had asked for later weekend hours in a survey last spring, when nearly half of "
    "those who answered said they could only come after their own working day had ended.",
    "The children's room will keep its earlier closing time, the board said, because the "
    "story hours and homework club that fill it on weekends all end by the middle of the day.",
    "A celebration with music and a used book sale is planned for the first long Saturday, "
    "and the board has invited the families who answered the survey to come along.",
]
FOOTER = ["More News", "* Council delays vote on parking", "* Ferry schedule changes",
          "* Storm closes beach road", "About Us", "Contact", "Privacy Policy",
          "Terms of Use", "© 2025 Tidewater Courier. All rights reserved."]  # fmt: skip


def _page(below: list[str], story: list[str] = STORY) -> str:
    lines = [*MENU, "", HEADLINE, *below, ""]
    for paragraph in story:
        lines += [paragraph, ""]
    return "\n".join([*lines, *FOOTER]) + "\n"


def _after_story(*below: str) -> MetaLines:
    """What the lines below a whole story state (the headline first, every unit kept)."""
    texts = (HEADLINE, *STORY, *below)
    units = [Unit(text, text, 0, 0) for text in texts]
    return meta_lines(units, 0, list(range(1, len(texts))), False, False)


def test_the_byline_and_date_line_under_the_headline_become_metadata() -> None:
    article = process_text(_page(["By Dana Whitfield", "Published March 4, 2025"]), ADAPTERS)
    assert article.title == HEADLINE
    assert article.authors == ("Dana Whitfield",)
    assert article.byline == "By Dana Whitfield"
    assert article.published_on == date(2025, 3, 4)
    assert article.published_at is None  # no time, no zone: a day, never an instant
    assert article.published_at_source == SOURCE
    assert not {"By Dana Whitfield", "Published March 4, 2025"} & set(article.paragraphs)
    moved = {(removal.rule, removal.kind, removal.action, removal.text)
             for removal in article.removals if removal.action == "moved"}  # fmt: skip
    assert (BYLINE_RULE, "byline", "moved", "By Dana Whitfield") in moved
    assert (DATE_RULE, "published", "moved", "Published March 4, 2025") in moved
    assert [paragraph for paragraph in article.paragraphs if paragraph in STORY] == STORY


def test_a_byline_shaped_line_inside_the_story_stays() -> None:
    story = [STORY[0], "By Dana Whitfield", *STORY[1:]]
    article = process_text(_page([], story), ADAPTERS)
    assert article.authors == ()
    assert "By Dana Whitfield" in article.paragraphs
    # A first paragraph that opens with 'By' is a sentence, not a byline.
    opening = "By Friday the library had lent more books than in the whole of last winter."
    article = process_text(_page([opening], STORY), ADAPTERS)
    assert article.authors == ()
    assert opening in article.paragraphs


def test_a_one_sentence_summary_above_the_byline_is_passed_over() -> None:
    dek = "The board says longer weekend hours will be paid for by a county grant."
    article = process_text(_page([dek, "By Dana WhitfieldPublished: March 4, 2025"]), ADAPTERS)
    assert article.authors == ("Dana Whitfield",)
    assert article.published_on == date(2025, 3, 4)
    assert dek in article.paragraphs
    # 'By' on a line of its own, the name below it (get_text splits them).
    article = process_text(_page([dek, "By", "Dana Whitfield", "March 4, 2025"]), ADAPTERS)
    assert article.authors == ("Dana Whitfield",)
    assert dek in article.paragraphs


def test_a_house_byline_is_kept_as_an_organisation_not_a_person() -> None:
    article = process_text(_page(["By Courier Staff", "March 4, 2025"]), ADAPTERS)
    assert article.authors == ()
    assert article.author_organizations == ("Courier Staff",)
    assert article.byline == "By Courier Staff"
    # A 'By' line naming neither people nor the house stays where it is.
    article = process_text(_page(["By Challenge"]), ADAPTERS)
    assert article.byline is None
    assert article.author_organizations == ()


def test_an_update_or_a_day_without_its_year_is_no_publication_date() -> None:
    for line in ("Updated March 5, 2025", "March 4"):
        article = process_text(_page(["By Dana Whitfield", line]), ADAPTERS)
        assert article.published_on is None
        assert article.published_at is None
        assert line in article.paragraphs
    assert date_line("Last Updated: Dec 17, 2025") is None
    assert date_line("Tuesday, May 3, 2025 10:30 am ET") == (date(2025, 5, 3), None)


def test_a_name_alone_needs_a_date_line_below_it_and_not_the_sites_name() -> None:
    def units(*texts: str) -> list[Unit]:
        return [Unit(text, text, 0, 0) for text in texts]

    story = STORY[0]
    alone = meta_lines(units(HEADLINE, "Dana Whitfield", story), 0, [1, 2], False, False)
    assert alone.authors == ()
    dated = meta_lines(
        units(HEADLINE, "Dana Whitfield", "May 3, 2025", story), 0, [3], False, False
    )
    assert [author.name for author in dated.authors] == ["Dana Whitfield"]
    assert dated.published_on == date(2025, 5, 3)
    # An update label on its own line makes the date below it an update's.
    updated = meta_lines(
        units(HEADLINE, "By Dana Whitfield", "Last updated:", "May 4, 2025", story),
        0, [4], False, False,
    )  # fmt: skip
    assert updated.published_on is None
    assert [author.name for author in updated.authors] == ["Dana Whitfield"]
    site = meta_lines(
        units("Tidewater Courier", HEADLINE, "Tidewater Courier", "May 3, 2025", story),
        1, [4], False, False,
    )  # fmt: skip
    assert site.authors == ()


def test_a_byline_written_around_its_date_names_its_people() -> None:
    for line in (
        "By Dana Whitfield on March 4, 2025",
        "March 4, 2025 By Dana Whitfield 3 Comments",
        "by Dana Whitfield \u25cf March 4, 2025 \u25cf 4 min read",
        "Posted on March 4, 2025 Posted by Dana Whitfield",
    ):
        texts = (HEADLINE, line, STORY[0])
        meta = meta_lines([Unit(text, text, 0, 0) for text in texts], 0, [1, 2], False, False)
        assert [author.name for author in meta.authors] == ["Dana Whitfield"], line
        assert meta.published_on == date(2025, 3, 4), line
        assert meta.moved == {1: (BYLINE_RULE, "byline")}
    assert beside_date("Posted on March 4, 2025 at 10:30 AM") == ()


def test_a_longer_summary_is_passed_over_only_above_a_byline_that_says_so() -> None:
    dek = (
        "The board says longer weekend hours will be paid for by a county grant. Two "
        "part-time librarians will staff the evening desk."
    )
    article = process_text(_page([dek, "Dana Whitfield \u2022 March 4, 2025"]), ADAPTERS)
    assert article.authors == ("Dana Whitfield",)
    assert article.published_on == date(2025, 3, 4)
    assert dek in article.paragraphs
    # 'By …' with no date passes a longer summary when a short line (a job title) is under it.
    article = process_text(_page([dek, "By Dana Whitfield", "Education Reporter"]), ADAPTERS)
    assert article.authors == ("Dana Whitfield",)
    assert dek in article.paragraphs
    # Below the story's first paragraph, a name with no date beside it is the story's.
    article = process_text(_page([dek, "Dana Whitfield"]), ADAPTERS)
    assert article.authors == ()
    article = process_text(_page([dek, "By Dana Whitfield", *STORY]), ADAPTERS)
    assert article.authors == ()


def test_a_name_with_its_job_title_below_it_is_a_byline() -> None:
    article = process_text(_page(["Dana Whitfield", "Education Reporter"]), ADAPTERS)
    assert article.authors == ("Dana Whitfield",)
    assert not {"Dana Whitfield", "Education Reporter"} & set(article.paragraphs)
    assert article.byline == "Dana Whitfield Education Reporter"


def test_the_line_right_above_the_headline_dates_it_when_nothing_below_does() -> None:
    def meta(*above: str) -> MetaLines:
        texts = ("Tidewater Courier", *above, HEADLINE, STORY[0])
        title = len(above) + 1
        units = [Unit(text, text, 0, 0) for text in texts]
        return meta_lines(units, title, [title + 1], False, False)

    dated = meta("Friday, March 7, 2025")
    assert dated.published_on == date(2025, 3, 7)
    assert dated.moved == {1: (ABOVE_DATE_RULE, "published")}
    signed = meta("March 7, 2025 by Dana Whitfield")
    assert [author.name for author in signed.authors] == ["Dana Whitfield"]
    assert signed.published_on == date(2025, 3, 7)
    # Two days on the line, or one further up: the line does not say which is the story's.
    assert meta("March 7, 2025 March 9, 2025").published_on is None
    assert meta("March 7, 2025", "Schools").published_on is None


def test_the_pages_one_written_by_credit_names_the_writer_wherever_it_stands() -> None:
    signed = _after_story("Written by Dana Whitfield", "More News")
    assert [author.name for author in signed.authors] == ["Dana Whitfield"]
    assert signed.moved == {len(STORY) + 1: (WRITTEN_BY_RULE, "byline")}
    # Credits to different people (a rail of other stories), or a sentence a converter split.
    assert _after_story("Written by Dana Whitfield", "Written by Omar Reyes").authors == ()
    assert _after_story("written by Omar Reyes, with art by Lena Brook.").authors == ()


def test_a_line_writing_two_days_gives_its_first_whatever_their_formats() -> None:
    # The date reader prefers an ISO date to a written one; the line's first day is the one.
    assert date_line("Published May 3, 2025 · 2025-05-10 09:12")[0] == date(2025, 5, 3)
    assert beside_date("Jane Doe · May 3, 2025 · 2025-05-10") != ()
    article = process_text(_page(["Dana Whitfield · March 4, 2025 · 2025-03-10"]), ADAPTERS)
    assert article.published_on == date(2025, 3, 4)
    # Above the headline two days say nothing, in any formats.
    texts = ("Tidewater Courier", "March 4, 2025 · 2025-03-10", HEADLINE, STORY[0])
    units = [Unit(text, text, 0, 0) for text in texts]
    assert meta_lines(units, 2, [3], False, False).published_on is None


def test_an_update_in_any_of_the_html_paths_labels_is_no_publication_date() -> None:
    for line in ("Aktualisiert am 05.05.2025", "Last modified May 5, 2025", "Revised 5 May 2025"):
        assert date_line(line) is None, line
    for line in ("Aggiornato il 05.05.2025", "Bijgewerkt op 05.05.2025", "Uppdaterad 2025-05-05"):
        assert date_line(line) is None, line
        assert date_line(line.split(" ", 1)[1].removeprefix("il ").removeprefix("op ")), line
    byline = "By Dana Whitfield | Modified March 10, 2025"
    article = process_text(_page([byline]), ADAPTERS)
    assert article.authors == ("Dana Whitfield",)
    assert article.published_on is None
    # A publication label after the update's names the publication.
    assert date_line("Updated 2025-03-10 | Published March 4, 2025") is None
    assert date_line("Updated · Published March 4, 2025")[0] == date(2025, 3, 4)


def test_a_written_by_paragraph_or_a_site_name_above_the_headline_names_nobody() -> None:
    opening = "Written by Jane Doe and John Roe, the survey report runs to forty pages in all."
    story = [*STORY[:2], opening, *STORY[2:]]
    article = process_text(_page(["Published March 4, 2025"], story), ADAPTERS)
    assert article.authors == ()
    assert opening in article.paragraphs
    # The menu shows 'Tidewater Courier' alone: over the headline it is the site, not a byline.
    above = "Tidewater Courier | March 4, 2025"
    article = process_text(
        _page([]).replace(f"\n{HEADLINE}\n", f"\n{above}\n{HEADLINE}\n"), ADAPTERS
    )
    assert article.title == HEADLINE
    assert article.authors == ()
    assert article.published_on == date(2025, 3, 4)  # the date beside the site's name stays
    assert not [removal for removal in article.removals if removal.rule == ABOVE_BYLINE_RULE]
    # A 'By' line above the headline names its writer though the page shows the name alone.
    signed = "By Dana Whitfield | March 4, 2025"
    text = _page([]).replace(f"\n{HEADLINE}\n", f"\nDana Whitfield\n{signed}\n{HEADLINE}\n")
    article = process_text(text, ADAPTERS)
    assert (article.authors, article.published_on) == (("Dana Whitfield",), date(2025, 3, 4))


def test_a_name_over_a_title_yields_to_a_by_line_and_a_photographer_writes_nothing() -> None:
    article = process_text(
        _page(["Morning Briefing", "Letters to the Editor", "By Dana Whitfield"]), ADAPTERS
    )
    assert article.authors == ("Dana Whitfield",)
    article = process_text(_page(["John Roe", "Staff Photographer"]), ADAPTERS)
    assert article.authors == ()


def test_credits_and_names_beside_a_date_are_no_update_labels() -> None:
    for line in (
        "By Dana Whitfield, accredited dietitian · March 4, 2025",
        "By Anna Revis | March 4, 2025",
        "By Dana Whitfield | Reviewed by Dr. Omar Reyes | March 4, 2025",
    ):
        found = date_line(line, with_byline=True)
        assert found is not None, line
        assert found[0] == date(2025, 3, 4), line
    # A day and an instant of two different days: the day, no instant.
    assert date_line("May 3 2025 2025-05-10T09:12Z") == (date(2025, 5, 3), None)


def test_a_picture_credit_or_a_quote_below_does_not_unseat_a_name_over_its_title() -> None:
    for below in ("Photo by John Roe", "Video by John Roe"):
        article = process_text(_page(["Dana Whitfield", "Staff Writer", below]), ADAPTERS)
        assert article.authors == ("Dana Whitfield",), below
    story = [STORY[0], "By Omar Reyes", *STORY[1:]]
    article = process_text(_page(["Dana Whitfield", "Staff Writer"], story), ADAPTERS)
    assert article.authors == ("Dana Whitfield",)
    article = process_text(_page(["Dana Whitfield", "Video Journalist"]), ADAPTERS)
    assert article.authors == ("Dana Whitfield",)


def test_a_long_written_by_credit_is_still_a_credit() -> None:
    dated = _after_story(
        "Written by Dana Whitfield and Omar Reyes | Published March 4, 2025 10:30 am ET"
    )
    assert [author.name for author in dated.authors] == ["Dana Whitfield", "Omar Reyes"]
    long_role = "Written by Dana Whitfield, Senior Health and Science Correspondent at the Courier"
    assert [author.name for author in _after_story(long_role).authors] == ["Dana Whitfield"]


def test_only_the_line_right_above_the_headline_can_date_it() -> None:
    # Review of dmeta27: a rail's teaser shows its own date and read time over the next
    # headline, and a byline or an event's date stands the same way; reading past the read
    # time (or a count, a clock time) gave the story the teaser's date and author.
    def meta(*above: str) -> MetaLines:
        texts = ("Tidewater Courier", *above, HEADLINE, STORY[0])
        title = len(above) + 1
        units = [Unit(text, text, 0, 0) for text in texts]
        return meta_lines(units, title, [title + 1], False, False)

    teaser = "Ferry fares rise again this fall"
    for between in ("6 min read", "- 11 minutes", "10", "12:30", "\u2022"):
        assert meta(teaser, "April 28, 2025", between).published_on is None
    byline = meta("By Tomas Brennick \u00b7 April 28, 2025", "5 min read")
    assert (byline.byline, byline.authors, byline.published_on) == (None, (), None)
    assert meta("Last updated:", "May 9, 2025", "6 min read").moved == {}
    # Right above the headline, a date line still dates it.
    assert meta(teaser, "March 7, 2025").published_on == date(2025, 3, 7)


def test_a_publication_label_in_other_languages_is_a_date_lines_word() -> None:
    # Review: 'Pubblicato il', 'Gepubliceerd op', 'Publicado em', 'Opublikowano' and their
    # small words were no date words: the line read as prose, and the page had no date.
    for line, day in (
        ("Pubblicato il 24 febbraio 2026 alle ore 10:30", date(2026, 2, 24)),
        ("Gepubliceerd op 3 maart 2025 om 10:30", date(2025, 3, 3)),
        ("Publicado em 3 de março de 2025 às 10:30", date(2025, 3, 3)),
        ("publicerad den 3 mars 2025 kl. 10.30", date(2025, 3, 3)),
        ("Opublikowano 17 października 2023 r. o godz. 10:30", date(2023, 10, 17)),
    ):
        found = date_line(line)
        assert found is not None, line
        assert found[0] == day, line
    article = process_text(_page(["By Dana Whitfield", "Gepubliceerd op 3 maart 2025"]), ADAPTERS)
    assert article.published_on == date(2025, 3, 3)
