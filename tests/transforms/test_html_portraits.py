"""Authors read from an author card: a portrait named like a person, beside that name."""

from __future__ import annotations

import pytest

from newsnorm.transforms.html.metadata import extract_metadata
from newsnorm.transforms.html.nodes import parse_page


def authors(card: str) -> tuple[str, ...]:
    html = f"""<html><body><article><h1>Ferries</h1><p>Story.</p>{card}</article>
    </body></html>"""
    return extract_metadata(parse_page(html)[0], "https://harbour.example/a").authors


@pytest.mark.parametrize(
    "card",
    [
        "<div class='box'><div><img alt='Ana Ruiz' src='a.jpg'></div><div><div>Ana Ruiz</div>"
        "<p>Ana Ruiz writes about harbours.</p></div></div>",
        "<div><noscript><img alt='Ana Ruiz, Harbour Tech Writer' src='a.jpg'></noscript></div>"
        "<div><p>Ana Ruiz</p><p>Tech Writer</p></div>",
    ],
    ids=["name-beside", "alt-with-role"],
)
def test_a_portrait_beside_the_name_it_shows_names_the_author(card: str) -> None:
    assert authors(f"<div>{card}</div>") == ("Ana Ruiz",)


@pytest.mark.parametrize(
    "card",
    [
        # A portrait alone: pictures show the people a story is about.
        "<div><img alt='Ana Ruiz' src='a.jpg'><p>The mayor opened the new pier.</p></div>",
        # A linked picture is a teaser's or a product's card.
        "<div><a href='/shop/kit'><img alt='Harbour Starter Kit' src='k.jpg'></a>"
        "<span>Harbour Starter Kit</span></div>",
        # A picture over a heading naming it is a card's title.
        "<div><img alt='Hardware Security' src='i.svg'><h3>Hardware Security</h3></div>",
        # Commenters' avatars.
        "<div class='comment'><img alt='Bo Lind' src='b.jpg'><span>Bo Lind</span></div>",
    ],
    ids=["portrait-alone", "linked", "heading", "comment"],
)
def test_other_pictures_name_nobody(card: str) -> None:
    assert authors(card) == ()


PARAGRAPH = (
    "<p>" + "The harbour board met to discuss the summer ferry timetable again. " * 4 + "</p>"
)


def test_a_person_box_amid_the_story_presents_someone_it_is_about() -> None:
    box = """<div class="people-box"><picture><img alt="Bo Lind" src="b.jpg"></picture>
    <div><p>Bo Lind</p><p>Harbour historian</p></div></div>"""
    assert authors(PARAGRAPH + box + PARAGRAPH) == ()
    # Below the story, with a bio of its own, it is the author's card.
    card = box.replace("</div></div>", f"</div>{PARAGRAPH}</div>")
    assert authors(PARAGRAPH + PARAGRAPH + card) == ("Bo Lind",)
