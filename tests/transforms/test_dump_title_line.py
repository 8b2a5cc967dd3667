"""The page's `<title>`, written first, as a check on the ranked headline (title_line.py)."""

from __future__ import annotations

from newsnorm.transforms.adapters import BUILTIN
from newsnorm.transforms.dump.story import OVERRULED, RULE
from newsnorm.transforms.dump.title_line import is_title_element, overrule
from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.pipeline import process_text
from newsnorm.transforms.records import Article

ADAPTERS = tuple(adapter() for adapter in BUILTIN)
HEADLINE = "Tide pools return to the north jetty"
TITLE_LINE = f"{HEADLINE} | Harbor Walk Ledger"
PROMO = "Holiday Gift Guide Deals Start Today"
STORY = [
    "Volunteers counting sea stars along the north jetty found more of them this spring "
    "than in any year since the survey began, a sign that the tide pools have recovered.",
    "The survey team walks the jetty at low tide twice a month and records every animal "
    "it finds in twelve marked tide pools, from anemones to the smallest hermit crabs.",
    "Biologists said the warm winter and the closure of the old outfall pipe had both "
    "helped, though they warned that one good year does not make a trend on its own.",
    "The harbor board plans to add signs asking visitors to stay on the rocks above the "
    "pools, where the animals are safe from boots and buckets during the busy summer.",
]
MENU = [f"Section {chr(65 + i // 3)}{i}" for i in range(36)]
# The rail's headline says no word of the story (with `walk` it did, `walks`, and the ranker
# took it over the promo: the story's echo compares stems, fixdt24).
RAIL = ["Most read", "Winter lantern tickets go on sale Friday", "Council delays a vote"]
FOOTER = ["Contact us", "Advertise", "Privacy policy", "Copyright 2026 Harbor Walk Ledger"]


def _page(blank_lines: int) -> str:
    """A page as get_text writes it: the `<title>`, the head's blank lines, a long menu, a
    rail, a promo heading right above the story, the story, a footer."""
    lines = [TITLE_LINE, *[""] * blank_lines, *MENU, "", *RAIL, "", PROMO, ""]
    lines += [f"{paragraph}\n" for paragraph in STORY * 2] + FOOTER
    return "\n".join(lines) + "\n"


def _input_minus_removals(text: str, article: Article) -> bool:
    """Whether title + body is the input minus the recorded removals, whitespace aside."""
    chars = list(text)
    for removal in article.removals:
        chars[removal.start : removal.end] = " " * (removal.end - removal.start)
    kept = "".join("".join(chars).split())
    return kept == "".join(" ".join((article.title, *article.paragraphs)).split())


def _units(lines: list[str]) -> list[Unit]:
    """Units of the non-blank `lines` joined with newlines, with their line indices."""
    units, position = [], 0
    for number, line in enumerate(lines):
        if line.strip():
            end = position + len(line)
            units.append(Unit(line.strip(), line, position, end, number, number))
        position += len(line) + 1
    return units


def test_the_title_element_overrules_a_promo_that_shares_no_word_with_it() -> None:
    article = process_text(_page(6), ADAPTERS)
    assert article.title == HEADLINE  # the site's name cut, as for any headline
    assert _input_minus_removals(_page(6), article)  # still a move of one input line
    # The body is the one the ranked line leaves: that line goes, recorded.
    same_page_run_on = process_text(_page(1), ADAPTERS)
    assert same_page_run_on.title == PROMO  # no title element: the ranker's line stands
    assert article.paragraphs == same_page_run_on.paragraphs
    overruled = [r for r in article.removals if r.rule == f"{RULE}:{OVERRULED}"]
    assert [r.text for r in overruled] == [PROMO]
    assert not any(TITLE_LINE.startswith(r.text) for r in article.removals if r.start == 0)


def test_a_ranked_line_that_shares_a_word_is_another_wording_and_stays() -> None:
    lines = [TITLE_LINE, *[""] * 6, *MENU[:4], "North jetty survey", *STORY]
    units = _units(lines)
    body = list(range(6, len(units)))
    assert is_title_element(units)
    assert overrule(units, 5, 6, body) == 5  # `jetty`: the headline's own wording
    promo = _units([TITLE_LINE, *[""] * 6, *MENU[:4], PROMO, *STORY])
    assert overrule(promo, 5, 6, body) == 0


def test_a_first_line_that_is_not_set_apart_plain_or_about_the_story_is_no_title() -> None:
    story_at = 5
    body = list(range(story_at, story_at + len(STORY)))
    run_on = _units([TITLE_LINE, *MENU[:3], PROMO, *STORY])
    assert not is_title_element(run_on)  # a menu's first item, the next below
    indented = _units([f"    {TITLE_LINE}", *[""] * 6, *MENU[:3], PROMO, *STORY])
    assert not is_title_element(indented)
    menu = _units(["Skip to main content here", *[""] * 6, *MENU[:3], PROMO, *STORY])
    assert overrule(menu, 4, story_at, body) == 4  # the story repeats none of its words
    sentence = _units([f"{HEADLINE}.", *[""] * 6, *MENU[:3], PROMO, *STORY])
    assert not is_title_element(sentence)


# A story that says `local`, `coast`, `weather` and `news` now and then, as stories do.
COAST_STORY = [
    "Volunteers from the local survey team counting sea stars along the north jetty found "
    "more of them this spring than in any year since the count began, after a mild winter.",
    "The team walks the jetty at low tide twice a month and records every animal it finds "
    "in twelve marked tide pools on the coast, whatever the weather, and posts the news.",
    *STORY[2:],
]


def _coast_page(first: str, headline: str | None = HEADLINE, story: list[str] = STORY) -> str:
    """A get_text page: `first` set apart, a menu, a rail, the headline, the story."""
    lines = [first, *[""] * 6, *MENU, "", *RAIL, ""]
    lines += [headline, ""] if headline else []
    lines += [f"{paragraph}\n" for paragraph in story] + FOOTER
    return "\n".join(lines) + "\n"


def test_a_generic_title_element_does_not_overrule_the_headline() -> None:
    """A slogan's, a section label's or a menu's words (`your`, `from`, `news`; one word
    over and over) are no sign of the story: the body repeats them little or not at all."""
    for first in (
        "Your source for local news from the coast",
        "Local News and Weather",
        "Home Local Weather Coast Sport",
        "Weather Weather Weather",
    ):
        article = process_text(_coast_page(first, story=COAST_STORY), ADAPTERS)
        assert article.title == HEADLINE, first
        assert not [r for r in article.removals if r.rule == f"{RULE}:{OVERRULED}"]


def test_only_the_body_the_story_keeps_counts_for_the_title_element() -> None:
    """Words a related-links list below the story repeats do not make a title line."""
    related = ["Ferry fares rise again for summer crossings", "Lantern walk returns to the quay"]
    lines = ["Ferry fares and lantern walk for summer", *[""] * 6, *MENU[:4], PROMO, *STORY]
    units = _units([*lines, *related])
    story_at = 6  # the promo, ranked, stands right above it
    body = list(range(story_at, story_at + len(STORY)))
    assert overrule(units, 5, story_at, body) == 5
    assert overrule(units, 5, story_at, [*body, len(units) - 2, len(units) - 1]) == 0


def test_a_story_paragraph_ranked_as_the_headline_is_never_overruled() -> None:
    """With no headline line the ranker may take the story's first paragraph: overruling
    it would drop a paragraph of the story from the article."""
    lede = "Volunteers counted 412 sea stars in April, a record for the survey"
    text = _coast_page(TITLE_LINE, headline=None, story=[lede, *STORY])
    article = process_text(text, ADAPTERS)
    assert lede in (article.title, *article.paragraphs)
    assert not [r for r in article.removals if r.rule == f"{RULE}:{OVERRULED}"]


def test_a_first_line_ending_a_sentence_in_any_way_is_no_title() -> None:
    """A quotation's closing mark or a question mark after the sentence's end."""
    for first in (
        "Volunteers found more sea stars on the north jetty than ever, the survey team said.\u201d",
        "Why did the sea stars come back to the north jetty this spring?",
    ):
        article = process_text(_coast_page(first, headline=PROMO), ADAPTERS)
        assert article.title == PROMO, first


def test_short_word_languages_keep_their_headline() -> None:
    """Two wordings of one Vietnamese title can share no word of 4+ letters: with so few
    such words on either side, sharing none says nothing."""
    title = "Hồ thủy triều phục hồi ở đê bắc"
    headline = "Sao biển trở lại với số lượng kỷ lục"
    story = [
        "Các tình nguyện viên đếm sao biển dọc đê phía bắc đã tìm thấy nhiều hơn mọi năm "
        "trước, một dấu hiệu cho thấy các hồ thủy triều đã phục hồi sau mùa đông.",
        "Nhóm khảo sát đi dọc đê khi thủy triều xuống hai lần mỗi tháng và ghi lại mọi loài "
        "vật trong mười hai hồ thủy triều, từ hải quỳ đến những con cua nhỏ nhất.",
        "Ban quản lý cảng dự định đặt biển báo để du khách đứng trên đá phía trên các hồ, "
        "nơi các loài vật được an toàn trong mùa hè đông đúc.",
    ]
    article = process_text(_coast_page(title, headline=headline, story=story), ADAPTERS)
    assert article.title == headline
