"""The one date reader both paths share (`html/datetext.py`), and where a dump's date line
deliberately reads more than a page's date element does."""

from __future__ import annotations

from datetime import date

import pytest

from newsnorm.transforms.dump.meta_dates import date_line, first_date
from newsnorm.transforms.html.datetext import day_readings, find_date_at


@pytest.mark.parametrize(
    ("text", "page", "line"),
    [
        ("3 May 2025", "2025-05-03", "2025-05-03"),
        ("May 3rd, 2025", "2025-05-03", "2025-05-03"),
        ("3 de mayo de 2025", "2025-05-03", "2025-05-03"),
        # Loose shapes only a dump's line is read in: ordinal day first, 'of', a comma or a
        # full stop before the year.
        ("19th Dec 2025", None, "2025-12-19"),
        ("3rd of March 2025", None, "2025-03-03"),
        ("3 January, 2025", None, "2025-01-03"),
        ("Jul. 11. 2025", None, "2025-07-11"),
        # Numbers: a page's dotted day is day first; a line gives a day only where one
        # order alone is a real day.
        ("06.04.2025", "2025-04-06", None),
        ("27/05/2024", None, "2024-05-27"),
        ("09/25/2025", None, "2025-09-25"),
        ("10/12/2023", None, None),
    ],
)
def test_a_page_reads_strict_shapes_and_a_dump_line_loose_ones(
    text: str, page: str | None, line: str | None
) -> None:
    page_found = find_date_at(text)
    line_found = first_date(text)
    assert (page_found[0] if page_found else None) == page
    assert (line_found[0] if line_found else None) == line


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("27", "05", {"2024-05-27"}),
        ("05", "27", {"2024-05-27"}),
        ("06", "04", {"2024-04-06", "2024-06-04"}),
        ("07", "07", {"2024-07-07"}),
        ("31", "31", set()),
        ("00", "05", set()),
    ],
)
def test_numbers_read_in_either_order_give_the_real_days(
    first: str, second: str, expected: set[str]
) -> None:
    assert day_readings(first, second, "2024") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Updated May 4, 2025", None),
        ("Aktualisiert am 4. Mai 2025", None),
        ("Updated · Published May 3, 2025", date(2025, 5, 3)),
        # A credit beside the date is no revision's label on a byline ...
        ("Reviewed by Dr. Nora Quill May 3, 2025", date(2025, 5, 3)),
        ("Edited by Tamsin Oake, May 3, 2025", date(2025, 5, 3)),
        # ... and 'Revis' a name, not a label.
        ("By Anna Revis May 3, 2025", date(2025, 5, 3)),
    ],
)
def test_a_byline_date_is_an_update_only_under_an_update_word(
    text: str, expected: date | None
) -> None:
    found = date_line(text, with_byline=True)
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize("text", ["Reviewed May 3, 2025", "Revisado 3 de mayo de 2025"])
def test_a_review_label_beside_a_date_makes_no_publication_line(text: str) -> None:
    assert first_date(text) is not None
    assert date_line(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pubblicato il 4 giugno 2025", "2025-06-04"),
        ("12 de março de 2024", "2024-03-12"),
        ("5 maart 2025", "2025-03-05"),
        ("1 augusti 2024 kl. 08:15", "2024-08-01"),
        ("3. marts 2025", "2025-03-03"),
        ("17 października 2023 r.", "2023-10-17"),
        ("9 déc. 2024", "2024-12-09"),
        ("Jänner 7, 2025", "2025-01-07"),
    ],
)
def test_months_in_the_languages_news_pages_use_read_as_dates(text: str, expected: str) -> None:
    # Italian, Portuguese, Dutch, Swedish, Danish and Polish months read as no date at all,
    # on a page and in a dump's date line alike.
    page_found, line_found = find_date_at(text), first_date(text)
    assert (page_found[0] if page_found else None) == expected
    assert (line_found[0] if line_found else None) == expected


@pytest.mark.parametrize(
    "text",
    ["5 set 2025", "3 out 2025", "2 days ago 2025", "Released 3 ago 2019",
     "Review: Buds Pro Gen 2 2023", "Hands-on with the Mag 7 2025 rally"],
)  # fmt: skip
def test_english_words_are_not_taken_for_months(text: str) -> None:
    # Review: 'gen', 'mag' and 'ago' as month abbreviations dated product names and prose.
    assert find_date_at(text) is None
    assert first_date(text) is None


@pytest.mark.parametrize(
    "text",
    ["Top 10 predictions 2025. Published 3 May 2025", "Top 3 acquisitions 2024 - 3 May 2025"],
)
def test_a_number_a_word_and_a_year_do_not_hide_the_date_after_them(text: str) -> None:
    # Review: only each shape's first match was tried; a word that is no month (longer
    # ones since months of up to 12 letters are read) hid the real date after it.
    for found in (find_date_at(text), first_date(text)):
        assert found is not None
        assert found[0] == "2025-05-03"
