"""The HTML body: the extractor's main text, less only what named rules cut from the page."""

from __future__ import annotations

from newsnorm.transforms.html.article import keep_main_content
from newsnorm.transforms.html.mainbody import cut_main_text
from newsnorm.transforms.html.metadata import PageMetadata
from newsnorm.transforms.html.reader import HtmlPage
from newsnorm.transforms.records import Article, Removal

FIRST = "The harbour board met on Monday to discuss the ferry timetable for the summer."
SECOND = "Residents of the island asked for an earlier boat on weekdays and a later one on Fridays."
THIRD = "The board will publish its decision after a second public meeting in the spring."


def _removal(text: str, dump: str, rule: str = "share-widget", kind: str = "ui_cruft") -> Removal:
    start = dump.index(text)
    return Removal(rule, kind, "removed", start, start + len(text), text)


def _page(dump_lines: list[str], main: list[str]) -> HtmlPage:
    text = "\n\n".join(["Ferry timetable", *dump_lines]) + "\n"
    return HtmlPage(text=text, main=tuple(main), metadata=PageMetadata())


def _article(paragraphs: list[str], removals: tuple[Removal, ...] = ()) -> Article:
    return Article(
        "Ferry timetable", tuple(paragraphs), adapter="generic", adapter_version=1,
        removals=removals,
    )  # fmt: skip


def test_main_text_split_or_joined_differently_is_kept() -> None:
    # The dump splits the first block at a <br>; the extractor joins the last two blocks.
    halves = FIRST.split(" to ", 1)
    page = _page([halves[0], "to " + halves[1], SECOND, THIRD], [FIRST, f"{SECOND} {THIRD}"])
    article = keep_main_content(_article([halves[0], "to " + halves[1], SECOND, THIRD]), page)
    assert article.paragraphs == (FIRST, f"{SECOND} {THIRD}")
    assert not article.removals
    assert not article.warnings


def test_main_text_the_adapters_never_kept_is_kept() -> None:
    # The dump region ended before the last paragraph (or a rule-free step lost it).
    page = _page([FIRST, SECOND], [FIRST, SECOND, THIRD])
    article = keep_main_content(_article([FIRST, SECOND]), page)
    assert article.paragraphs == (FIRST, SECOND, THIRD)


def test_named_cuts_apply_to_the_main_text_and_other_text_is_recorded() -> None:
    notice = "This story was first published by the Island Courier and is republished here."
    promo = "(RELATED: Ferry fares rise again)"
    lines = ["Share", "Menu of the site", FIRST, f"{SECOND} {promo}", THIRD, notice]
    page = _page(lines, ["Share", FIRST, f"{SECOND} {promo}", THIRD, notice])
    removals = (
        _removal("Share", page.text),
        _removal(" " + promo, page.text, "related", "related_promo"),
        _removal(notice, page.text, "republished", "republish_notice"),
    )
    article = keep_main_content(
        _article(["Menu of the site", FIRST, SECOND, THIRD], removals), page
    )
    assert article.paragraphs == (FIRST, SECOND, THIRD)
    (chrome,) = [removal for removal in article.removals if removal.kind == "page_chrome"]
    assert chrome.text == "Menu of the site"
    assert page.text[chrome.start : chrome.end] == chrome.text


def test_a_short_cut_takes_only_a_whole_line_of_the_main_text() -> None:
    sentence = "Share your views with the harbour board before the meeting on Friday."
    dump = f"Title\n\nShare\n\n{sentence}\n"
    cut = cut_main_text([sentence, "Share"], [_removal("Share", dump)], dump)
    assert cut.paragraphs == (sentence,)


def test_a_cut_follows_the_page_order_when_text_repeats() -> None:
    dump = f"Title\n\n{FIRST}\n\nAdvertisement here now\n\n{SECOND}\n\nAdvertisement here now\n"
    second = dump.rindex("Advertisement")
    removal = Removal("ad", "ad_marker", "removed", second, second + 22, "Advertisement here now")
    main = [FIRST, "Advertisement here now", SECOND, "Advertisement here now"]
    assert cut_main_text(main, [removal], dump).paragraphs == (
        FIRST, "Advertisement here now", SECOND,
    )  # fmt: skip


def test_a_notable_cut_is_flagged_and_most_of_the_text_is_never_cut() -> None:
    page = _page([FIRST, SECOND, THIRD], [FIRST, SECOND, THIRD])
    one = (_removal(THIRD, page.text, "rule", "cruft"),)
    flagged = keep_main_content(_article([FIRST, SECOND], one), page)
    assert flagged.paragraphs == (FIRST, SECOND)
    assert flagged.warnings == ("main_text_dropped",)
    two = (*one, _removal(SECOND, page.text, "rule", "cruft"))
    kept = keep_main_content(_article([FIRST], two), page)
    assert kept.paragraphs == (FIRST, SECOND, THIRD)
    assert kept.warnings == ("main_text_restored",)
    # The cuts that were not made are not claimed.
    assert not kept.removals


def test_the_headline_shown_again_in_the_main_text_is_recorded() -> None:
    text = "\n\n".join(["Ferry timetable", FIRST, SECOND]) + "\n"
    page = HtmlPage(
        text=text,
        main=("Ferry timetable", FIRST, SECOND),
        metadata=PageMetadata(),
        headline_keys=frozenset({"Ferry timetable"}),
    )
    article = keep_main_content(_article([FIRST, SECOND]), page)
    assert article.paragraphs == (FIRST, SECOND)
    (removal,) = article.removals
    assert (removal.rule, removal.text) == ("headline-shown-again", "Ferry timetable")
    assert text[removal.start : removal.end] == removal.text


def test_a_removed_line_the_extractor_shortened_is_still_cut() -> None:
    notice = "Our Standards: The Harbour Trust Principles."
    dump = f"Title\n\n{FIRST}\n\n{notice}, opens new tab\n"
    removal = _removal(f"{notice}, opens new tab", dump, "standards", "notice")
    assert cut_main_text([FIRST, notice], [removal], dump).paragraphs == (FIRST,)


def test_cut_spanning_line_end_keeps_both_lines_rest_and_counts_only_visible_chars() -> None:
    # A cut runs from the end of one main line into the next; blanking it must keep the
    # line break (two paragraphs stay) and its share counts letters, not spaces.
    cut = "Share this story Follow us"
    main = [f"{FIRST} Share this story", f"Follow us {SECOND}"]
    dump = "\n\n".join(["Ferry timetable", FIRST, cut, SECOND]) + "\n"
    result = cut_main_text(main, [_removal(cut, dump)], dump)
    assert result.paragraphs == (FIRST, SECOND)
    visible = sum(not char.isspace() for char in "".join(main))
    assert result.share_cut == len(cut.replace(" ", "")) / visible
