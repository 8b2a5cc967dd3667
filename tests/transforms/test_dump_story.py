"""The story inside a whole-page text dump (transforms/dump): what goes, what stays, and why."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsnorm.transforms.adapters import BUILTIN
from newsnorm.transforms.adapters.generic import GenericAdapter
from newsnorm.transforms.dump.author_box import AUTHOR_BOX, is_author_box
from newsnorm.transforms.dump.headline import (
    BREADCRUMB_RULE,
    LABEL_RULE,
    MARKER_RULE,
    STORY_ABOVE_PROBABILITY,
    STORY_ABOVE_WORDS,
    SUFFIX_RULE,
    TITLE_FEATURES,
    choose,
    headline,
    page_candidates,
)
from newsnorm.transforms.dump.model import Forest, Scored, line_model
from newsnorm.transforms.dump.page_gate import looks_like_page
from newsnorm.transforms.dump.story import (
    ABOVE_HEADLINE,
    DROPPED_COPY,
    RULE,
    WARNING,
    find_story,
    title_ranker,
)
from newsnorm.transforms.dump.story_end import (
    REPEATED_ITEMS,
    cut_headings,
    items_end,
    story_end,
)
from newsnorm.transforms.dump.units import Unit, align_units
from newsnorm.transforms.pipeline import process_text
from newsnorm.transforms.records import Article, Document, Removal
from newsnorm.transforms.text import line_key
from tests_support import line_units

ADAPTERS = tuple(adapter() for adapter in BUILTIN)

MENU = ["Skip to content", "Harbor Ledger", "* Home", "* News", "* Sports", "* Opinion",
        "* Business", "* Obituaries", "* Subscribe", "Search for:", "Search"]  # fmt: skip
HEADLINE = "County opens a second ferry landing after a decade of delays"
STORY = [
    "The county opened its second ferry landing on Tuesday morning, ending a decade of "
    "delays that had left commuters from the eastern shore waiting in long lines each day.",
    "Officials said the new landing would cut the average crossing wait by about twenty "
    "minutes during the morning rush, and that a third boat would join the route in spring.",
    "The project was first proposed in 2014, but a dispute over the lease of the old "
    "cannery site stalled the work for years, until the harbor board bought the land outright.",
    "Residents who gathered for the first departure said they had stopped believing the "
    "landing would ever open, and several brought signs thanking the crews who built it.",
    "The ferry service expects ridership to grow by a fifth within two years as new housing "
    "on the eastern shore fills up, according to a report presented to the board last month.",
]
FOOTER = ["Related Stories", "* Harbor board approves budget", "* School bus routes change",
          "* Storm closes beach road", "About Us", "Contact", "Privacy Policy",
          "Terms of Use", "© 2025 Harbor Ledger. All rights reserved."]  # fmt: skip


def _page() -> str:
    lines = [*MENU, "", HEADLINE, "By Dana Whitfield", "March 4, 2025", ""]
    for paragraph in STORY:
        lines += [paragraph, ""]
    return "\n".join([*lines, *FOOTER]) + "\n"


def test_a_page_dump_keeps_its_story_and_drops_the_page_around_it() -> None:
    text = _page()
    article = process_text(text, ADAPTERS)
    assert [paragraph for paragraph in article.paragraphs if paragraph in STORY] == STORY
    assert article.title == HEADLINE
    assert WARNING in article.warnings
    chrome = {removal.text for removal in article.removals if removal.kind == "page_chrome"}
    assert {"* Home", "* Obituaries", "Search"} <= chrome
    # The footer's links and copyright line go too, to the shared rules that know their
    # shapes or to the stage.
    removed = {removal.text for removal in article.removals}
    assert {"About Us", "Privacy Policy", "Terms of Use", FOOTER[-1]} <= removed
    assert not removed & set(STORY)
    for removal in article.removals:
        assert text[removal.start : removal.end] == removal.text


def test_each_drop_names_the_features_that_decided_it() -> None:
    article = process_text(_page(), ADAPTERS)
    chrome = [removal for removal in article.removals if removal.kind == "page_chrome"]
    # A line the model keeps is dropped only for its place: above the headline, or a copy.
    features = {*line_model().second.features, ABOVE_HEADLINE, DROPPED_COPY}
    for removal in chrome:
        rule, _, reasons = removal.rule.partition(":")
        assert rule == RULE
        assert reasons
        assert set(reasons.split(",")) <= features
        assert not any(reason.startswith("first_stage") for reason in reasons.split(","))


def test_a_site_name_after_the_headline_is_a_recorded_cut() -> None:
    text = _page().replace(HEADLINE, f"{HEADLINE} | Harbor Ledger")
    article = process_text(text, ADAPTERS)
    assert article.title == HEADLINE
    cut = [removal for removal in article.removals if removal.rule == SUFFIX_RULE]
    assert [removal.text for removal in cut] == ["| Harbor Ledger"]
    assert text[cut[0].start : cut[0].end] == "| Harbor Ledger"


def test_a_headline_cut_on_an_uncut_line_is_found_on_the_input_line() -> None:
    text = "Harbor board approves the budget | Harbor Ledger"
    unit = Unit(text, text, 0, len(text))
    assert headline(text, unit, ()) == (
        "Harbor board approves the budget",
        [Removal(SUFFIX_RULE, "title_suffix", "removed", 33, len(text), "| Harbor Ledger")],
    )


def _kept(text: str, cuts: list[Removal]) -> str:
    """The input minus the cuts, each cut read as a space, runs of space as one."""
    keep = [True] * len(text)
    for cut in cuts:
        keep[cut.start : cut.end] = [False] * (cut.end - cut.start)
    shown = "".join(char if kept else " " for char, kept in zip(text, keep, strict=True))
    return " ".join(shown.split())


def test_a_headline_cut_is_recorded_around_an_earlier_rules_cuts() -> None:
    """html2text writes a breadcrumb's crumbs as links: the link rules cut their brackets
    and targets first, and the breadcrumb is cut in the pieces between them."""
    text = "[Home](/) » [Guides](/guides/) » Harbor board approves the budget"
    earlier = [
        Removal("markdown-link-open", "markup_residue", "removed", 0, 1, "["),
        Removal("markdown-link-target", "markup_residue", "removed", 5, 9, "](/)"),
        Removal("markdown-link-open", "markup_residue", "removed", 12, 13, "["),
        Removal("markdown-link-target", "markup_residue", "removed", 19, 30, "](/guides/)"),
    ]
    kept = _kept(text, earlier)
    assert kept == "Home » Guides » Harbor board approves the budget"
    title, cuts = headline(text, Unit(kept, text, 0, len(text)), earlier)
    assert title == "Harbor board approves the budget"
    assert [(cut.rule, cut.text) for cut in cuts] == [
        (BREADCRUMB_RULE, "Home"),
        (BREADCRUMB_RULE, "»"),
        (BREADCRUMB_RULE, "Guides"),
        (BREADCRUMB_RULE, "»"),
    ]
    assert _kept(text, [*earlier, *cuts]) == title  # the audit: input minus what is recorded
    # A kept line that is not the input minus the earlier cuts is left whole.
    odd = Unit("Home » Guides » Harbor board approves a budget", text, 0, len(text))
    assert headline(text, odd, earlier) == (odd.text, [])


def test_heading_marks_and_a_breadcrumb_before_the_headline_are_recorded_cuts() -> None:
    text = "## Home » Guides » Harbor board approves the budget"
    title, cuts = headline(text, Unit(text, text, 0, len(text)), ())
    assert title == "Harbor board approves the budget"
    assert [(cut.rule, cut.text) for cut in cuts] == [
        (MARKER_RULE, "##"),
        (BREADCRUMB_RULE, "Home » Guides »"),
    ]
    for cut in cuts:
        assert text[cut.start : cut.end] == cut.text


def test_a_label_before_a_spaced_colon_is_a_recorded_cut() -> None:
    text = "Share this Story : Harbor board approves the budget"
    title, cuts = headline(text, Unit(text, text, 0, len(text)), ())
    assert title == "Harbor board approves the budget"
    assert [(cut.rule, cut.text) for cut in cuts] == [(LABEL_RULE, "Share this Story :")]


def test_story_above_a_lower_headline_is_never_put_after_it() -> None:
    """A title is a move of one line: what the body keeps all follows it in the input."""
    lines = [*MENU, "", STORY[0], "", HEADLINE, "", *STORY[1:], *FOOTER]
    text = "\n".join(lines) + "\n"
    article = process_text(text, ADAPTERS)
    position = text.index(article.title)
    for paragraph in article.paragraphs:
        assert text.index(paragraph) > position
    if article.title == HEADLINE:
        above = [removal for removal in article.removals if removal.text == STORY[0]]
        assert [removal.rule for removal in above] == [f"{RULE}:{ABOVE_HEADLINE}"]
    else:
        assert STORY[0] in article.paragraphs


def test_a_doubtful_line_above_the_headline_does_not_shield_a_promo_above_it() -> None:
    """Only story the model is fairly sure of counts against a lower headline: a long
    promo it keeps for recall (under `STORY_ABOVE_PROBABILITY`) does not."""
    promo = "Special offer for new readers"
    doubtful = " ".join(["word"] * (STORY_ABOVE_WORDS + 10))
    texts = [promo, doubtful, HEADLINE, *STORY]
    units = [Unit(text, text, 0, len(text)) for text in texts]
    first = [0.1, 0.3, 0.2, *([0.9] * len(STORY))]
    # A title model that prefers longer lines: the headline over the promo.
    words = TITLE_FEATURES.index("words")
    tree = {"feature": words, "threshold": 2.2, "left": {"value": -2.0}, "right": {"value": 2.0}}
    model = replace(line_model(), title=Forest(TITLE_FEATURES, 0.0, 1.0, (tree,)))

    def second(doubt: float) -> list[Scored]:
        return [Scored(p, {}) for p in (0.2, doubt, 0.6, *([0.9] * len(STORY)))]

    def chosen(doubt: float) -> int:
        # The headline the story stage takes (`story._anchors`), through the public steps.
        probabilities = [scored.probability for scored in second(doubt)]
        candidates = page_candidates(units, first, probabilities, model.threshold)
        ranker = title_ranker(model, candidates)
        return choose(candidates, [ranker.score(c.row).probability for c in candidates])

    assert model.threshold < 0.3 < STORY_ABOVE_PROBABILITY
    assert chosen(0.3) == 2
    # The same line, sure to be story, is not given up for the headline below it.
    assert chosen(0.9) == 0


COMMENTS = [
    "I grew up on the eastern shore and the wait for the ferry shaped every morning, so "
    "this landing is welcome news.",
    "The board should have bought the cannery site years ago instead of arguing about it.",
]


def test_a_story_end_heading_needs_story_above_it_and_is_shown_once() -> None:
    def units(texts: list[str]) -> list[Unit]:
        return [Unit(text, text, 0, len(text)) for text in texts]

    page = units([HEADLINE, *STORY, "Related Articles", *COMMENTS])
    everything = list(range(len(page)))
    assert story_end(page, everything, 0) == len(STORY) + 1
    # Too little story above it: a short note's heading is not an end.
    assert story_end(page[:2] + page[-3:], list(range(5)), 0) is None
    # Inside the densest block of story, or shown again below (a label of each item).
    assert story_end(page, everything, len(STORY) + 1) is None
    again = units([HEADLINE, *STORY, "Related Articles", COMMENTS[0], "Related Articles"])
    assert story_end(again, list(range(len(again))), 0) is None


def test_a_heading_an_earlier_rule_cut_ends_the_story_at_the_unit_after_it() -> None:
    lines = [HEADLINE, *STORY, "2 Comments", *COMMENTS]
    text = "\n".join(lines) + "\n"
    units = line_units(lines)
    heading = len(STORY) + 1
    cut = units.pop(heading)
    removals = [Removal("comment-widget", "comment_form", "removed", cut.start, cut.end, cut.text)]
    assert text[cut.start : cut.end] == "2 Comments"
    after = cut_headings(units, removals)
    assert after == {heading}
    everything = list(range(len(units)))
    assert story_end(units, everything, 0, after) == heading
    # Another rule's cut there is no end.
    other = [replace(removals[0], rule="share-widget")]
    assert cut_headings(units, other) == set()
    assert story_end(units, everything, 0, cut_headings(units, other)) is None


def test_a_short_capture_is_left_as_the_adapters_made_it() -> None:
    text = "\n\n".join([HEADLINE, "By Dana Whitfield", *STORY[:3]]) + "\n"
    document_article = process_text(text, ADAPTERS)
    assert document_article.paragraphs == tuple(STORY[:3])
    assert WARNING not in document_article.warnings
    assert not any(removal.kind == "page_chrome" for removal in document_article.removals)


def test_a_page_needs_many_lines_and_a_run_of_menu_like_ones() -> None:
    def units(texts: list[str]) -> list[Unit]:
        return [Unit(text, text, 0, len(text)) for text in texts]

    assert looks_like_page(units([*MENU, HEADLINE, *STORY]))
    assert not looks_like_page(units([HEADLINE, *STORY]))  # too few lines
    prose_only = [f"{paragraph} ({number})" for number in range(4) for paragraph in STORY]
    assert not looks_like_page(units(prose_only))  # many lines, no menu


def test_units_align_around_span_cuts_and_hard_wrapped_blocks() -> None:
    text = (
        "Headline here\n\nfirst line of a wrapped\nparagraph that goes on\n\n"
        "Ad: buy now\nLast one\n"
    )
    ad = text.index("Ad: buy now")
    cut = Removal("ad", "ui_cruft", "removed", ad, ad + len("Ad: buy now"), "Ad: buy now")
    article = Article(
        title="Headline here",
        paragraphs=("first line of a wrapped paragraph that goes on", "Last one"),
        adapter="generic",
        adapter_version=1,
        removals=(cut,),
    )
    units = align_units(text, article)
    assert units is not None
    assert [unit.text for unit in units] == ["Headline here", *article.paragraphs]
    wrapped = units[1]
    assert text[wrapped.start : wrapped.end] == "first line of a wrapped\nparagraph that goes on"
    rewritten = replace(article, paragraphs=("something an adapter step wrote", "Last one"))
    assert align_units(text, rewritten) is None


def test_find_story_leaves_an_article_it_cannot_align() -> None:
    article = process_text(_page(), ADAPTERS)
    moved = replace(article, paragraphs=("not in the text at all, " * 5,))
    assert find_story(_page(), moved) is moved


@pytest.mark.parametrize(
    ("row", "expected"),
    [([0.0, 9.0], ("words",)), ([5.0, 0.0], ("repeats",))],
    ids=["short-line", "repeated-line"],
)
def test_a_forest_says_which_features_pushed_towards_chrome(
    row: list[float], expected: tuple[str, ...]
) -> None:
    against = {"value": -2.0}
    story = {"value": 1.0}
    trees = (
        {"feature": 0, "threshold": 1.0, "left": against, "right": story},
        {"feature": 1, "threshold": 1.0, "left": against, "right": story},
    )
    forest = Forest(("words", "repeats"), 0.0, 1.0, trees)
    scored = forest.score(row)
    assert scored.reasons() == expected
    assert scored.probability == pytest.approx(1 / (1 + 2.718281828459045))


def test_an_html_pages_dump_is_left_to_its_own_main_content_stage() -> None:
    """Main content known (an HTML page's dump): the story stage does not run on it."""
    keys = frozenset(map(line_key, STORY))
    article = process_text(_page(), ADAPTERS, body_keys=keys)
    assert not any(removal.rule.startswith("outside-story") for removal in article.removals)
    assert WARNING not in article.warnings


def test_a_thread_of_dated_items_below_the_story_goes_as_repeated_items() -> None:
    thread = [
        line
        for number, name in enumerate(("Sam Okafor", "Lee Marsh", "Ana Ruiz"))
        for line in (f"{name} says", f"March {number + 5}, 2025 at 9:1{number} am", COMMENTS[0],
                     "Reply")
    ]  # fmt: skip
    lines = [*MENU, "", HEADLINE, ""]
    for paragraph in STORY:
        lines += [paragraph, ""]
    text = "\n".join([*lines, *thread]) + "\n"
    # A model that keeps every line: only the stage's own rules can drop the thread.
    model = line_model()
    keep = Forest(model.first.features, 5.0, 1.0, ())
    model = replace(model, first=keep, second=replace(keep, features=model.second.features))
    cleaned = GenericAdapter().clean(Document.from_text(text))
    article = find_story(text, cleaned, model)
    assert [paragraph for paragraph in article.paragraphs if paragraph in STORY] == STORY
    assert not set(article.paragraphs) & set(thread)
    rules = {removal.text: removal.rule for removal in article.removals}
    assert {rules[line] for line in thread} == {f"{RULE}:{REPEATED_ITEMS}"}


def test_a_run_of_dated_items_ends_the_story_only_below_enough_story() -> None:
    def units(texts: list[str]) -> list[Unit]:
        return [Unit(text, text, 0, len(text)) for text in texts]

    page = units([HEADLINE, *STORY, *COMMENTS])
    start = len(STORY) + 1
    assert items_end(page, list(range(len(page))), [start]) == start
    # Above 100 words of kept story it is a list of the story's own (events, a changelog).
    assert items_end(page, list(range(len(page))), [2]) is None
    assert items_end(page, [0, 1], [start]) is None


BOX = (
    "Dana Whitfield is a senior reporter at the Harbor Ledger covering transport. She has "
    "twelve years of experience writing about ferries, roads and the county budget."
)


def test_an_authors_box_reads_as_a_name_a_role_and_a_person() -> None:
    assert is_author_box(BOX)
    assert is_author_box("Sam is the marketing director at Example. His work spans retail.")
    # A thing, a band, a list of people, a name without a person's sentence.
    assert not is_author_box("This is the editor's pick of the week. She has chosen well.")
    assert not is_author_box("Golden Gulls is the solo project of a former bassist. He has toured.")
    assert not is_author_box("Lee is also our expert on boats. He has towed many of them.")
    assert not is_author_box("Ana Ruiz is a ferry engineer at the landing, which opened today.")


def test_an_authors_box_ends_the_story_at_its_end_and_goes_alone_elsewhere() -> None:
    # A model that keeps every line: only the stage's own rules can drop the box.
    model = line_model()
    keep = Forest(model.first.features, 5.0, 1.0, ())
    model = replace(model, first=keep, second=replace(keep, features=model.second.features))
    after = [
        "Dana also hosts the weekly Harbor Ledger podcast on local transport issues.",
        "Follow her reporting on the Harbor Ledger transport page for regular updates.",
    ]

    def story(paragraphs: list[str]) -> Article:
        text = "\n".join([*MENU, "", HEADLINE, "", *(f"{p}\n" for p in paragraphs)]) + "\n"
        return find_story(text, GenericAdapter().clean(Document.from_text(text)), model)

    ended = story([*STORY, BOX, *after])
    assert list(ended.paragraphs) == STORY
    rules = {removal.text: removal.rule for removal in ended.removals}
    assert {rules[line] for line in (BOX, *after)} == {f"{RULE}:{AUTHOR_BOX}"}
    # Above the story's end the box goes alone: every story paragraph after it stays. (What
    # is kept above the story depends on the title ranker, which a keep-everything model
    # leaves without its first-stage evidence: not this test's subject.)
    inside = story([STORY[0], BOX, *STORY[1:]])
    assert list(inside.paragraphs)[-len(STORY) :] == STORY
    assert {r.rule for r in inside.removals if r.text == BOX} == {f"{RULE}:{AUTHOR_BOX}"}
