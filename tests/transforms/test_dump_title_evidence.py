"""The title ranker's evidence from around a candidate (transforms/dump/title_evidence.py)."""

from __future__ import annotations

import math

from newsnorm.transforms.dump.context import story_start
from newsnorm.transforms.dump.headline import (
    STORY_ABOVE_WORDS,
    TITLE_FEATURES,
    Candidate,
    choose,
    page_candidates,
    title_candidates,
)
from newsnorm.transforms.dump.model import line_model
from newsnorm.transforms.dump.title_evidence import (
    EVIDENCE_FEATURES,
    H1_ABOVE_WORDS,
    UNKNOWN_ECHO,
    evidence,
    names_title_part,
    prose_words,
    story_echo,
)
from newsnorm.transforms.dump.units import Unit
from tests_support import line_units

HEADLINE = "County opens a second ferry landing after a decade of delays"
LEAD = (
    "The county opened its second ferry landing on Tuesday morning, ending a decade of "
    "delays that had left commuters from the eastern shore waiting in long lines each day."
)


def _row(lines: list[str], index: int, start: int | None = None) -> dict[str, float]:
    units = line_units(lines)
    start = len(lines) - 1 if start is None else start
    row = evidence(units, index, units[index].text, start)
    return dict(zip(EVIDENCE_FEATURES, row, strict=True))


def test_a_byline_or_a_date_line_just_below_is_evidence_of_a_headline() -> None:
    assert _row(["Home", HEADLINE, "By Dana Whitfield", LEAD], 1)["byline_below"] == 1.0
    assert _row(["Home", HEADLINE, "Updated March 4, 2025", LEAD], 1)["byline_below"] == 1.0
    assert _row(["Home", HEADLINE, "Posted on 2025-03-04", LEAD], 1)["byline_below"] == 1.0
    assert _row(["Home", HEADLINE, LEAD], 1)["byline_below"] == 0.0
    # A byline further down belongs to what stands nearer to it.
    far = ["Home", HEADLINE, "Photo", "Share", "Print", "By Dana Whitfield", LEAD]
    assert _row(far, 1)["byline_below"] == 0.0
    # A sentence that mentions a publication is not a byline line.
    assert (
        _row(["Home", HEADLINE, LEAD + " It was published by the board."], 1)["byline_below"] == 0.0
    )


def test_the_pages_title_line_repeating_a_candidates_words_is_evidence() -> None:
    lines = [f"{HEADLINE} | Harbor Ledger", "Home", "News", HEADLINE, "Weather and tides", LEAD]
    assert _row(lines, 3)["title_line_share"] == 1.0
    assert _row(lines, 4)["title_line_share"] == 0.0
    # The first line itself has no first line to be repeated in.
    assert _row(lines, 0)["title_line_share"] == 0.0


def test_a_run_of_short_lines_above_is_counted() -> None:
    lines = ["Skip to content today", "Home", "News", "Sports", HEADLINE, LEAD]
    assert _row(lines, 4)["short_above"] > _row(["Sports", HEADLINE], 1)["short_above"] > 0.0
    assert _row([LEAD, HEADLINE], 1)["short_above"] == 0.0


def _rawline_units(raws: list[str]) -> list[Unit]:
    """Units kept as the shared rules keep them: the Markdown heading mark cut."""
    units, position = [], 0
    for raw in raws:
        kept = raw.strip().lstrip("#").strip()
        units.append(Unit(kept, raw, position, position + len(raw)))
        position += len(raw) + 1
    return units


def test_the_pages_first_top_level_markdown_heading_is_evidence() -> None:
    raws = ["# Harbor Ledger", "## Top stories", f"# {HEADLINE}", LEAD]
    units = _rawline_units(raws)
    first_h1 = EVIDENCE_FEATURES.index("first_h1")
    assert evidence(units, 0, units[0].text, 3)[first_h1] == 1.0
    # A later `# ` line is not the page's first, a `## ` line is no top-level heading.
    assert evidence(units, 2, units[2].text, 3)[first_h1] == 0.0
    assert evidence(units, 1, units[1].text, 3)[first_h1] == 0.0
    units = _rawline_units(["## Top stories", f"# {HEADLINE}", "By Dana Whitfield", LEAD])
    assert evidence(units, 1, units[1].text, 3)[first_h1] == 1.0
    # The kept text has no mark: only the input line tells.
    assert _row(["Top stories", HEADLINE, LEAD], 1)["first_h1"] == 0.0


def test_the_pages_count_of_top_level_headings_and_a_candidates_order_among_them() -> None:
    # A blog's name as the first `# ` line, the post's title as the second.
    raws = ["# Harbor Ledger", "## Top stories", f"# {HEADLINE}", LEAD]
    units = _rawline_units(raws)
    lines, order = EVIDENCE_FEATURES.index("h1_lines"), EVIDENCE_FEATURES.index("h1_order")
    rows = [evidence(units, index, units[index].text, 3) for index in range(3)]
    assert [row[lines] for row in rows] == [math.log1p(2)] * 3
    assert [row[order] for row in rows] == [1.0, 0.0, 2.0]
    # A page without Markdown headings (another converter's dump) shows none.
    plain = _row(["Harbor Ledger", "Top stories", HEADLINE, LEAD], 2, 3)
    assert (plain["h1_lines"], plain["h1_order"], plain["first_h1"]) == (0.0, 0.0, 0.0)


def test_indentation_against_the_storys_first_line_is_evidence() -> None:
    raws = ["        Home", f"    {HEADLINE}", f"          {LEAD}"]
    units = [Unit(raw.strip(), raw, 0, 0) for raw in raws]
    indent = EVIDENCE_FEATURES.index("indent_vs_start")
    assert evidence(units, 1, units[1].text, 2)[indent] == -6.0
    assert evidence(units, 0, units[0].text, 2)[indent] == -2.0
    assert evidence([Unit("x", " " * 40 + "x", 0, 0), units[2]], 0, "x", 1)[indent] == 16.0


def test_candidate_rows_carry_the_evidence_in_the_shipped_models_order() -> None:
    lines = [f"{HEADLINE} | Harbor Ledger", "Home", "News", HEADLINE, "By Dana Whitfield",
             LEAD, LEAD]  # fmt: skip
    units = line_units(lines)
    rows = dict(title_candidates(units, [0.0, 0.0, 0.0, 0.2, 0.1, 0.9, 0.9], 5))
    row = rows[3]
    assert len(row) == len(TITLE_FEATURES)
    assert row[TITLE_FEATURES.index("byline_below")] == 1.0
    assert row[TITLE_FEATURES.index("title_line_share")] == 1.0
    assert line_model().title.features == TITLE_FEATURES


def test_the_best_scored_candidate_wins_unless_taking_it_drops_story() -> None:
    near = Candidate(5, [], 0)
    far_below_story = Candidate(9, [], STORY_ABOVE_WORDS + 1)
    assert choose([near, far_below_story], [0.2, 0.9]) == 5
    assert choose([near, far_below_story], [0.9, 0.2]) == 5
    # With every candidate below too much story, the one that drops least is taken.
    lower = Candidate(12, [], STORY_ABOVE_WORDS + 40)
    assert choose([lower, far_below_story], [0.9, 0.1]) == 9


def test_page_candidates_reach_above_the_first_prose_line_the_body_keeps() -> None:
    menu = [f"Section {n}" for n in range(40)]
    lines = [*menu, HEADLINE, LEAD, *(["Related: more ferry news from the county"] * 40), LEAD]
    units = line_units(lines)
    # The first stage doubts the lead (its densest block is the last line); the second
    # stage keeps it.
    first = [0.0] * len(lines)
    first[41], first[-1] = 0.3, 0.9
    second = [0.05] * len(lines)
    second[41] = second[-1] = 0.9
    found = page_candidates(units, first, second, 0.15)
    assert story_start(units, first) > 41 + 30
    assert 40 in [candidate.index for candidate in found]
    assert all(candidate.eligible for candidate in found if candidate.index <= 41)


def test_a_part_of_the_pages_title_line_cut_at_a_separator_names_the_headline() -> None:
    lines = [f"Harbor Ledger \u2013 {HEADLINE} | News", "Home", HEADLINE, "Harbor Ledger", LEAD]
    units = line_units(lines)
    assert names_title_part(units, 2, HEADLINE)
    # A part of fewer than three words is as often the site's name; the line itself is not
    # a candidate; only a whole part counts, not the share of its words.
    assert not names_title_part(units, 3, "Harbor Ledger")
    assert not names_title_part(units, 0, HEADLINE)
    assert not names_title_part(units, 2, HEADLINE.replace("second", "new"))
    # A first line without a separator (a logo, a menu) is no `<title>` line.
    assert not names_title_part(line_units([HEADLINE, "Home", HEADLINE, LEAD]), 2, HEADLINE)


def test_an_eligible_part_of_the_title_line_goes_before_the_rankers_choice() -> None:
    heading = Candidate(7, [], 0)
    named = Candidate(5, [], 0, named=True)
    assert choose([named, heading], [0.1, 0.9]) == 5
    # ... unless taking it would drop story above it.
    buried = Candidate(5, [], STORY_ABOVE_WORDS + 1, named=True)
    assert choose([buried, heading], [0.1, 0.9]) == 7


def test_the_pages_first_h1_line_is_a_candidate_wherever_it_stands() -> None:
    # A teaser read as prose puts the story's start above the headline, out of the window.
    teaser = "Subscribers read the morning briefing first, with every local story in one place."
    raws = ["Home", teaser, "Share", "Print", "Save", "Email", "Like", "Post",
            f"# {HEADLINE}", LEAD, f"# {HEADLINE} again", LEAD]  # fmt: skip
    units = _rawline_units(raws)
    found = [index for index, _ in title_candidates(units, [0.0] * len(raws), 1)]
    assert found == [0, 2, 3, 4, 5, 6, 8]  # the window (to start + 5), then the first `# `
    # A page without one, or with it inside the window, keeps the window alone.
    plain = line_units([raw.removeprefix("# ") for raw in raws])
    assert [i for i, _ in title_candidates(plain, [0.0] * len(raws), 1)] == [0, 2, 3, 4, 5, 6]
    assert [i for i, _ in title_candidates(units, [0.0] * len(raws), 3)] == [0, 2, 3, 4, 5, 6, 7, 8]


def test_the_pages_first_h1_line_may_stand_below_more_likely_story() -> None:
    # A teaser the stages take for story (22 words a line) stands above the `# ` headline.
    teaser = "Subscribers read the morning briefing first, with every local story and every "
    teaser += "council vote in one place before work."
    raws = ["Home", "News", *([teaser] * 5), f"# {HEADLINE}", HEADLINE, LEAD, LEAD]
    units = _rawline_units(raws)
    first = [0.0, 0.0, *([0.9] * 5), 0.1, 0.1, 0.9, 0.9]
    second = [0.0, 0.0, *([0.9] * 5), 0.1, 0.1, 0.9, 0.9]
    found = {c.index: c for c in page_candidates(units, first, second, 0.15)}
    assert found[7].lost > STORY_ABOVE_WORDS
    assert found[7].eligible
    assert not Candidate(8, [], found[7].lost).eligible  # another line would not be
    # ... up to H1_ABOVE_WORDS of it.
    deep = _rawline_units(["Home", "News", *([teaser] * 16), *raws[7:]])
    more = [0.0, 0.0, *([0.9] * 16), 0.1, 0.1, 0.9, 0.9]
    h1 = next(c for c in page_candidates(deep, more, more, 0.15) if c.index == 18)
    assert h1.lost > H1_ABOVE_WORDS
    assert not h1.eligible


def test_a_line_set_apart_by_blank_lines_is_evidence() -> None:
    # As inscriptis writes a page: a menu's items line by line, the headline a block of its
    # own (a blank line above and below), a cut share row leaving a gap like a blank line.
    raws = ["  Home", "  News", "", HEADLINE, "", "  By Dana Whitfield", "Share", LEAD]
    units, position = [], 0
    for line, raw in enumerate(raws):
        if raw:
            start = position + len(raw) - len(raw.lstrip())
            units.append(Unit(raw.strip(), raw, start, position + len(raw), line, line))
        position += len(raw) + 1
    del units[4]  # the share row, cut by an earlier rule
    above, below = EVIDENCE_FEATURES.index("space_above"), EVIDENCE_FEATURES.index("space_below")
    rows = [evidence(units, index, units[index].text, 4) for index in range(len(units))]
    assert [(row[above], row[below]) for row in rows] == [
        (0.0, 1.0), (1.0, 2.0), (2.0, 2.0), (2.0, 2.0), (2.0, 0.0)
    ]  # fmt: skip
    # Read in lines, not characters: a tab's indentation (8 columns, 1 character) is no
    # less than the next line.
    tabbed = [Unit("Home", "Home", 0, 4, 0, 0), Unit("News", "\tNews", 6, 10, 1, 1)]
    assert evidence(tabbed, 1, "News", 1)[above] == 1.0


def _echo(lines: list[str], first: list[float], index: int) -> tuple[float, float]:
    units = line_units(lines)
    story = prose_words(units, first, story_start(units, first))
    return story_echo(units, index, units[index].text, story)


def test_a_headline_is_said_again_by_the_story_a_label_or_a_tagline_is_not() -> None:
    second = (
        "Commuters on the eastern shore said the second landing cut their wait, and the "
        "county expects the ferry to carry more riders once the delays are forgotten."
    )
    lines = ["Harbor Ledger", "Blog", "Read the whole coast", HEADLINE, "Dana Whitfield",
             LEAD, second]  # fmt: skip
    first = [0.1, 0.1, 0.1, 0.2, 0.3, 0.9, 0.9]
    # All its content words ('opens': the lead says 'opened'), each said once or twice.
    share, repeats = _echo(lines, first, 3)
    assert share == 1.0
    assert 7 * math.log1p(1) <= repeats <= 7 * math.log1p(2)  # summed over its 7 words
    # A section label, a tagline and a site's name are not said again.
    assert _echo(lines, first, 1) == (0.0, 0.0)
    assert _echo(lines, first, 2) == (0.0, 0.0)
    # A line of no content word (function words and short ones) says nothing, nor does the
    # page's first line (get_text's `<title>`, which `title_line` weighs).
    assert _echo(["Home", "Your news", LEAD], [0.1, 0.1, 0.9], 1) == UNKNOWN_ECHO
    assert _echo(lines, first, 0) == UNKNOWN_ECHO


# A story that says its headline's words in other forms (review of dtitle24, finding 1).
FERRY = [
    "The county moved its ferry terminal on Tuesday morning, ending a decade of delays that "
    "had left commuters from the eastern shore waiting in long lines each day.",
    "Officials said moving the ferry terminal would cut the average crossing wait by about "
    "twenty minutes during the morning rush, and a third boat would join the route.",
]


def test_words_the_story_inflects_are_said_again() -> None:
    lines = ["Harbor Ledger", "Ferry Terminal News", "Terminals relocated after decades of "
             "waiting", "Relocating terminals ends waits", *FERRY]  # fmt: skip
    first = [0.1, 0.1, 0.2, 0.2, 0.9, 0.9]
    # 'terminals', 'decades', 'waiting' are said ('terminal', 'decade', 'waiting'); only
    # 'relocated' is not. Compared whole, 1 of 4 and 0 of 4: a label's 1.0 beat them.
    assert _echo(lines, first, 2)[0] == 3 / 4
    assert _echo(lines, first, 3)[0] == 3 / 4
    assert _echo(lines, first, 1)[0] == 1.0
    # Numbers and French function words name no story.
    assert _echo([*lines[:1], "Pour 2025 dans la", *FERRY], [0.1, 0.2, 0.9, 0.9], 1) == (
        UNKNOWN_ECHO
    )


def test_prose_in_a_script_without_spaces_is_not_measured() -> None:
    story = [
        "県は火曜日、東岸の住民が長年待ち望んでいた二つ目のフェリー乗り場を開設した。計画は十年前に提案されたが、工事が止まっていた。",
        "担当者によると、新しい乗り場により朝の混雑時の待ち時間は平均で約二十分短くなる見込みで、三隻目の船が航路に加わる予定だという。",
    ]  # fmt: skip
    lines = ["港新聞", "検索", "東岸に二つ目のフェリー乗り場が開設", *story]
    first = [0.1, 0.1, 0.2, 0.9, 0.9]
    units = line_units(lines)
    # Review of dtitle24, finding 2: the stages do not read such prose (the densest block
    # may be the menu), so its echo is unknown for every candidate, not 0 for all but the
    # first line (the refit took that line and kept the menu); `story.title_ranker`.
    assert prose_words(units, first, 3)[1] == frozenset()
    assert _echo(lines, first, 2) == UNKNOWN_ECHO
    assert _echo(lines, first, 1) == UNKNOWN_ECHO
    # A Latin paragraph with a few such words is prose.
    assert prose_words(line_units(["東岸", LEAD + " 東岸に二つ目"]), [0.1, 0.9], 1)[1] == {1}


def test_an_echo_not_measured_is_unknown_not_never_said() -> None:
    # No prose counted (all short lines): no candidate is said or unsaid.
    lines = ["Harbor Ledger", "Blog", HEADLINE, "Short lines only.", "Another short one."]
    assert _echo(lines, [0.1, 0.1, 0.2, 0.9, 0.9], 2) == UNKNOWN_ECHO
    assert _echo(lines, [0.1, 0.1, 0.2, 0.9, 0.9], 1) == UNKNOWN_ECHO
    # Nor is anything measured without the story's prose given.
    share = EVIDENCE_FEATURES.index("story_share")
    row = evidence(line_units([HEADLINE, LEAD]), 0, HEADLINE, 1)
    assert tuple(row[share : share + 2]) == UNKNOWN_ECHO


def test_a_paragraph_does_not_echo_itself() -> None:
    lines = ["Home", HEADLINE, LEAD, LEAD.replace("county", "city")]
    units = line_units(lines)
    story = prose_words(units, [0.1, 0.2, 0.9, 0.9], 2)
    # The lead's own words count once less: its words the other paragraph lacks are unsaid.
    share, _ = story_echo(units, 2, units[2].text, story)
    assert share < 1.0
    # Lines the first stage doubts, or short ones, are not the story's prose.
    assert prose_words(units, [0.9, 0.9, 0.2, 0.2], 1)[1] == {1}
    assert prose_words(units, [0.9, 0.2, 0.2, 0.2], 1)[0] == {}


def test_a_headline_above_the_storys_start_is_not_its_prose() -> None:
    # Review of dtitle24, finding 3: a headline of 8+ words in the densest block counted as
    # prose, and a label above it echoed its words (1.0 against its own 0.0).
    lines = ["Harbor Ledger", "Ferry Terminal", "County finally moves its ferry terminal "
             "after a decade of delays", "The ferry moved today and crowds cheered the new "
             "boat at the dock.", "Riders said the crossing was quick and calm."]  # fmt: skip
    first = [0.1, 0.2, 0.6, 0.9, 0.9]
    rows = dict(title_candidates(line_units(lines), first, 3))
    share = TITLE_FEATURES.index("story_share")
    assert rows[1][share] == 1 / 2  # 'ferry' said, 'terminal' not
    assert rows[2][share] == 2 / 7  # 'moves' ('moved'), 'ferry'


def test_candidate_rows_carry_the_storys_echo() -> None:
    lines = ["Harbor Ledger", "Blog", HEADLINE, "By Dana Whitfield", LEAD, LEAD]
    rows = dict(title_candidates(line_units(lines), [0.1, 0.1, 0.2, 0.1, 0.9, 0.9], 4))
    share = TITLE_FEATURES.index("story_share")
    assert rows[2][share] == 1.0
    assert rows[1][share] == 0.0
