"""The pure parts of bench/accuracy.py: its tuning/check split and its figure definitions, on
tiny invented inputs, and its labels file (no ../shared/ needed)."""

from __future__ import annotations

import hashlib
from types import SimpleNamespace

import pytest

from tests_support import bench_module

metrics = bench_module("accuracy_metrics")
sets = bench_module("accuracy_sets")


def test_the_split_is_fixed_by_the_page_name() -> None:
    # Pinned: changing the rule would move pages between parts after results were seen.
    assert metrics.part_of("wcxb", "0174") == "check"  # sha256 f4…
    assert metrics.part_of("wcxb", "0345") == "check"  # 99…
    assert metrics.part_of("wcxb", "0003") == "tuning"  # 7a…
    assert metrics.part_of("wcxb", "0000") == "tuning"  # 33…
    digest = hashlib.sha256(b"fundus/us/APNews_2023_04_28.html.gz").hexdigest()
    expected = "tuning" if digest[0] in "01234567" else "check"
    assert metrics.part_of("fundus", "us/APNews_2023_04_28.html.gz") == expected


def test_the_split_is_about_half_and_half_and_depends_on_the_dataset() -> None:
    parts = [metrics.part_of("wcxb", f"{number:04d}") for number in range(2000)]
    assert 0.45 < parts.count("tuning") / len(parts) < 0.55
    other = [metrics.part_of("fundus", f"{number:04d}") for number in range(2000)]
    assert parts != other


def test_notices_removed_counts_only_strings_present_in_the_input() -> None:
    source = (
        "Headline\nBy Jane Roe, Example Wire\nStory text here.\nThis story first ran on Example."
    )
    body = "Story text here.\nThis story first ran on Example."
    cruft = ["^By Jane Roe, Example Wire", "This story first ran on Example", "Absent notice"]
    count = metrics.notices_removed(source, body, cruft)
    assert (count.hits, count.total) == (1, 2)
    assert count.share == 0.5


def test_a_whole_line_label_does_not_match_inside_a_sentence() -> None:
    assert metrics.holds("Reuters\nText.", "^Reuters")
    assert not metrics.holds("Officials told Reuters on Monday.", "^Reuters")
    assert metrics.holds("Officials told Reuters on Monday.", "told reuters")
    # typography and spacing are folded away
    assert metrics.holds("It\u2019s  free \u2014 republish", "It's free - republish")


def test_sentences_kept_compares_words_not_punctuation() -> None:
    story = (
        "The council voted on Tuesday to close the old bridge. Short line.\n"
        "It reopens in May after the repairs end."
    )
    source = (
        "Menu\n"
        + story.replace("Tuesday", "Tuesday,")
        + "\nSubscribe now to our daily newsletter please."
    )
    reference = metrics.reference_sentences(story, source, cruft=())
    assert reference == [
        "The council voted on Tuesday to close the old bridge.",
        "It reopens in May after the repairs end.",
    ]
    body = "The council voted on Tuesday to close the old bridge!"
    kept = metrics.sentences_kept(reference, body)
    assert (kept.hits, kept.total) == (1, 2)


def test_reference_sentences_leave_out_labelled_notices_and_text_not_in_the_input() -> None:
    story = (
        "This article was originally published by Example News today.\n"
        "A sentence the dump never had in it."
    )
    source = "This article was originally published by Example News today."
    assert metrics.reference_sentences(story, source, ["originally published by Example"]) == []
    assert metrics.reference_sentences(story, source, []) == [story.splitlines()[0]]
    # a whole-line label ("^US", a section name) does not exclude sentences that say "us"
    assert metrics.reference_sentences(story, source, ["^US", "^Example"]) == [
        story.splitlines()[0]
    ]


def test_syndicator_named_takes_any_alias_and_ignores_a_leading_the() -> None:
    names = ("The Associated Press", "AP")
    assert metrics.syndicator_named("Associated Press", names)
    assert metrics.syndicator_named("ap", names)
    assert not metrics.syndicator_named("Reuters", names)
    assert not metrics.syndicator_named(None, names)
    assert not metrics.syndicator_named("", ("",))


def test_main_text_loss_separates_named_rules_from_silent_drops() -> None:
    reference = "one two three four five six seven eight nine ten"
    assert metrics.main_text_loss(reference, reference, []).lost == 0.0
    body = "one two three four five"  # 2 of the 7 four-grams
    silent = metrics.main_text_loss(reference, body, [])
    assert silent.lost == pytest.approx(5 / 7)
    assert silent.unexplained == pytest.approx(5 / 7)
    assert silent.holds_less
    assert silent.mostly_unexplained
    named = metrics.main_text_loss(reference, body, ["three four five six seven eight nine ten"])
    assert named.lost == pytest.approx(5 / 7)
    assert named.unexplained == 0.0
    assert not named.mostly_unexplained
    assert metrics.main_text_loss("", body, []).lost == 0.0


def test_main_text_loss_counts_four_grams_across_a_short_named_cut_as_named() -> None:
    reference = "one two three four five six seven eight nine ten"
    body = "one two three four\nseven eight nine ten"  # a 2-word line cut by a rule
    assert metrics.main_text_loss(reference, body, []).unexplained == pytest.approx(5 / 7)
    named = metrics.main_text_loss(reference, body, ["five six"])
    assert named.lost == pytest.approx(5 / 7)
    assert named.unexplained == 0.0
    # A cut elsewhere explains nothing here.
    assert metrics.main_text_loss(reference, body, ["six five"]).unexplained == pytest.approx(5 / 7)


def test_loss_by_rule_says_where_the_missing_text_went() -> None:
    reference = "one two three four five six seven eight nine ten"
    body = "one two three four"
    removals = [("photo-credit", "unrelated credit words"), ("outside-main", "four five six seven")]
    # missing: 6 four-grams; one is in the second removal, the other five in no removal
    assert metrics.loss_by_rule(reference, body, removals) == {"outside-main": 1, "not removed": 5}
    assert metrics.loss_by_rule(reference, reference, removals) == {}


def test_date_outcome() -> None:
    assert metrics.date_outcome(None, "2024-05-01") == "none"
    assert metrics.date_outcome("2024-05-01", "2024-05-01") == "right"
    assert metrics.date_outcome("2024-05-02", "2024-05-01") == "wrong"


def test_date_outcomes_count_dates_given_where_the_gold_has_none() -> None:
    report = bench_module("accuracy_report")
    score = SimpleNamespace(normalize_date=lambda value: value or None)
    golds = {"a": "2024-05-01", "b": "2024-05-01", "c": None, "d": None, "e": ""}
    pages = [sets.Page("wcxb", key, None, "tuning", gold={"expected_date": gold})
             for key, gold in golds.items()]  # fmt: skip
    given = {"a": "2024-05-01", "b": None, "c": "2023-01-02", "d": None, "e": "2023-01-03"}
    figures = report.date_outcomes(score, pages, {key: {"date": day} for key, day in given.items()})
    assert figures["no gold date: date given"] == metrics.Count(2, 3)
    assert figures["date given: none"] == metrics.Count(1, 2)
    assert figures["date given: right"] == metrics.Count(1, 2)


def test_first_line_host_and_body_lines() -> None:
    assert metrics.first_line("\n  \n* \n  Headline here \nBody") == "Headline here"
    assert metrics.host("https://www.example.com/a/b") == "example.com"
    assert metrics.host("github:owner/repo path") == ""
    text = "a\nb\nc\nd\ne"
    assert metrics.body_line_text(text, "2,4-") == "b\nd\ne"
    assert metrics.body_line_text(text, "1-2") == "a\nb"
    assert metrics.body_line_text(text, "-") == ""


def test_counts_add_up() -> None:
    total = metrics.Count(1, 2) + metrics.Count(3, 4)
    assert (total.hits, total.total) == (4, 6)
    assert metrics.Count(0, 0).share is None


def test_the_labels_hold_facts_not_article_text() -> None:
    labels = sets.load_labels()
    assert len(labels) >= 40
    for key, label in labels.items():
        dataset, _, page_id = key.partition("/")
        assert dataset in {"dev", *sets.DATASETS}, key
        assert page_id
        assert label.syndicator
        assert all(label.syndicator), key
        # Notice wordings, credits and labels are short; article sentences would be long.
        assert all(0 < len(item) <= 100 for item in label.cruft), key
        assert label.body_lines == "-" or dataset == "dev", key
