"""The per-document fast paths (issue #6 speed work) agree with the slow paths they replace.

Each fast path (rules pruned per document by their literal pre-tests, line rules per line
and anchored text rules per line start by the first character, every literal option of
a pattern tested, normalize_text and split_lines through str.split, one word count per body,
Article fields remembered across `replace`, the story stage's kept lines read from one
blanked copy of the text) is checked against the straightforward code on
golden lines, generated documents and random text. Examples are derandomized.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import fields, replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsnorm.transforms import literalscan, textcuts
from newsnorm.transforms.adapters.base import RuleAdapter
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.bylines import parse_byline
from newsnorm.transforms.clean import clean_text
from newsnorm.transforms.dump.units import _kept_lines, _kept_lines_cut, _merged
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.firstchar import ByFirstChar
from newsnorm.transforms.learned import LearnedRemoval
from newsnorm.transforms.literalgate import Gate
from newsnorm.transforms.literals import caseless_text
from newsnorm.transforms.picklestate import field_names
from newsnorm.transforms.pipeline import process_text
from newsnorm.transforms.records import (
    NOT_COLUMNS,
    Article,
    Document,
    Evidence,
    Removal,
    article_columns,
    plain,
    removal_columns,
)
from newsnorm.transforms.rules import Rule, Signal
from newsnorm.transforms.text import (
    _split_any,
    _split_lf,
    count_words,
    count_words_in,
    fold_for_matching,
    normalize_text,
    split_lines,
)
from tests_support import GOLDEN

ADAPTERS = [
    adapter for adapter in load_adapters(include_plugins=False) if isinstance(adapter, RuleAdapter)
]
RULES: list[Rule] = list(
    {
        rule.name + rule.pattern: rule
        for adapter in ADAPTERS
        for rule in (
            *adapter.rule_set.line_rules,
            *adapter.rule_set.span_rules,
            *adapter.rule_set.title_rules,
            *adapter.rule_set.text_rules,
        )
    }.values()
)
SIGNALS: list[Signal] = [signal for adapter in ADAPTERS for signal in adapter.signals]
# Every literal any pre-test looks for, to build texts that hold some of them and not others.
LITERALS = sorted(
    {
        text
        for pattern in (*RULES, *SIGNALS)
        for option in pattern.prefilter.options
        for text in option
    }
)
GOLDEN_TEXTS = [
    path.read_text(encoding="utf-8", errors="replace") for path in sorted(GOLDEN.rglob("*.txt"))
]
ODD = "\u00a0\u200b\u200c\u200d\u2060\ufeff\t\r\n\u2028\u2029\u2013\u2014\u2019\u201c\x0b\x85 "


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


pieces = st.one_of(
    st.sampled_from(LITERALS),
    st.sampled_from(LITERALS).map(str.upper),
    st.sampled_from(LITERALS).map(lambda text: text[1:]),  # a near miss
    st.text(alphabet=st.sampled_from("ab AB.,-'()/:\n" + ODD), max_size=6),
    st.text(max_size=4),
)
texts = st.lists(pieces, max_size=12).map("".join)


def _unpruned(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every rule admitted to every document: what cleaning gives without pre-tests."""
    monkeypatch.setattr(Rule, "may_occur", lambda *_args: True)
    monkeypatch.setattr(Gate, "admitted", lambda _gate, patterns, *_args: list(patterns))
    monkeypatch.setattr(ByFirstChar, "for_char", lambda rules, _char: rules.rules)
    monkeypatch.setattr(
        textcuts, "_at_line_starts", lambda compiled, folded: list(compiled.finditer(folded))
    )


@_settings(400)
@given(texts)
def test_prefilter_never_rejects_a_match(text: str) -> None:
    folded = fold_for_matching(text)
    caseless = caseless_text(folded)
    tested = literalscan.Tested()
    for pattern in (*RULES, *SIGNALS):
        if pattern.compiled.search(folded) is not None:
            assert pattern.prefilter.admits(folded, caseless, tested), pattern.name
            assert pattern.prefilter.admits(folded, caseless), pattern.name


def test_prefilter_agrees_on_golden_lines() -> None:
    checked = 0
    for raw in GOLDEN_TEXTS:
        folded = fold_for_matching(raw)
        caseless = caseless_text(folded)
        tested = literalscan.Tested()
        for rule in RULES:
            admitted = rule.may_occur(folded, caseless, tested)
            found = rule.compiled.search(folded) is not None
            assert admitted or not found, rule.name
            checked += found
    assert checked > 50


@pytest.mark.parametrize("raw", GOLDEN_TEXTS[:40], ids=lambda text: text[:30])
def test_pruned_rules_clean_as_all_rules(raw: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for text in (raw, raw.upper(), raw.replace("\n", "\r\n")):
        fast = [_cleaned(adapter, text) for adapter in ADAPTERS]
        with monkeypatch.context() as patch:
            _unpruned(patch)
            slow = [_cleaned(adapter, text) for adapter in ADAPTERS]
        assert fast == slow


@_settings(150)
@given(st.lists(st.one_of(st.sampled_from(LITERALS), texts), max_size=15).map("\n".join))
def test_pruned_rules_clean_random_text_as_all_rules(text: str) -> None:
    fast = [_cleaned(adapter, text) for adapter in ADAPTERS]
    with pytest.MonkeyPatch.context() as patch:
        _unpruned(patch)
        slow = [_cleaned(adapter, text) for adapter in ADAPTERS]
    assert fast == slow


def _cleaned(adapter: RuleAdapter, text: str) -> object:
    document = Document.from_text(text)
    return clean_text(document, adapter.rule_set)


_SPACE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")


@_settings(500)
@given(st.text(alphabet=st.sampled_from("ab\u00e9e\u0301\u212b\u00ad\x00" + ODD)) | st.text())
def test_normalize_text_as_the_regex(text: str) -> None:
    assert normalize_text(text) == _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def test_normalize_text_gives_a_normalized_line_back_unbuilt() -> None:
    """Most lines are normalized already: they come back as they are, not split and joined
    again; any whitespace but single inner spaces still takes the slow path."""
    for line in ("The ferry sails at nine.", "Caf\u00e9 owners met on Tuesday\u2019s vote.", ""):
        assert normalize_text(line) is line
    for line in (" The ferry", "The ferry ", "The  ferry", "The\tferry", "The\u00a0ferry"):
        assert normalize_text(line) == "The ferry"


@_settings(500)
@given(st.text(alphabet=st.sampled_from("ab \n\u00e9")))
def test_split_lines_lf_as_the_general_split(text: str) -> None:
    assert _split_lf(text) == _split_any(text) == split_lines(text)


@_settings(500)
@given(st.text(alphabet=st.sampled_from("ab \n\r\u2028\u2029\u00e9\u4e2d")))
def test_split_lines_takes_the_general_split_for_any_other_line_break(text: str) -> None:
    """The choice between the two splits is three substring tests: any CR, LINE or
    PARAGRAPH SEPARATOR sends the text to the general split."""
    assert split_lines(text) == _split_any(text)


def test_split_lines_of_one_text_share_its_lines_in_lists_of_their_own() -> None:
    """The rule engine and the story stage split one document: the second split reuses
    the first's lines, and each caller still gets a list it may change."""
    text = "Harbor news\n\nThe ferry sails at nine.\r\nTickets at the pier."
    first, second = split_lines(text), split_lines(text)
    assert first == second == _split_any(text)
    assert all(a is b for a, b in zip(first, second, strict=True))
    first.pop()
    assert len(split_lines(text)) == len(second) == 4


@_settings(500)
@given(st.lists(st.text(alphabet=st.sampled_from("ab1_.-'\u2019 \u4e2d\u3042\u00e9\n"))))
def test_count_words_in_as_the_sum(paragraphs: list[str]) -> None:
    assert count_words_in(tuple(paragraphs)) == sum(map(count_words, paragraphs))


_GREEDY_WORD = re.compile(r"\w+(?:['\u2019.-]\w+)*")


@_settings(500)
@given(st.text(alphabet=st.sampled_from("ab1_.-'\u2019 \u00e9\n\u00bd")))
def test_count_words_as_the_backtracking_pattern(text: str) -> None:
    """The word pattern is possessive (it never backtracks): the same words as without."""
    assert count_words(text) == len(_GREEDY_WORD.findall(text))


@_settings(800)
@given(
    st.text(
        alphabet=st.sampled_from(
            "aZ9_.-'\u2019,\u201c \t\n\u00a0\u2003\x1c\u200b\u00e9\u00bd\u0301"
        )
    )
)
def test_count_words_by_pieces_as_the_pattern_over_the_whole_text(text: str) -> None:
    """Words are counted per whitespace piece, the alphanumeric ones without the pattern:
    the same count as the pattern over the text, whatever the spaces, joiners, underscores,
    combining marks or zero-width characters around them."""
    assert count_words(text) == len(_GREEDY_WORD.findall(text))
    assert count_words_in((text, text)) == 2 * len(_GREEDY_WORD.findall(text))


@st.composite
def _cut_text(draw: st.DrawFn) -> tuple[str, list[Removal]]:
    """A text of words, odd spaces, combining marks and line ends, with cuts of it that
    overlap, touch, cross line ends or cover whole lines."""
    text = draw(st.text(alphabet=st.sampled_from("ab .,\u00e9e\u0301\u4e2d" + ODD), max_size=60))
    bounds = st.integers(0, len(text))
    removals = []
    for start, width in draw(st.lists(st.tuples(bounds, st.integers(1, 12)), max_size=6)):
        end = min(len(text), start + width)
        if start < end:
            removals.append(Removal("cut", "chrome", "removed", start, end, text[start:end]))
    return text, removals


@_settings(600)
@given(_cut_text())
def test_kept_lines_from_the_blanked_text_as_line_by_line(cut: tuple[str, list[Removal]]) -> None:
    text, removals = cut
    spans = _merged((removal.start, removal.end) for removal in removals)
    assert _kept_lines(text, removals) == _kept_lines_cut(text, spans)


def test_a_cut_of_no_width_still_parts_a_word() -> None:
    """Blanking cannot mark a cut of no width; cut line by line, it leaves a space."""
    removals = [Removal("cut", "chrome", "removed", 10, 10, "")]
    assert [kept for kept, _ in _kept_lines("Harbor\nferryboat", removals)] == [
        "Harbor",
        "fer ryboat",
    ]


def test_replace_keeps_derived_fields_and_lists_still_work() -> None:
    article = Article("Title", ("One two three.", "Four \u4e2d\u6587."), "generic", 1)
    again = replace(article, evidence=())
    assert (again.body, again.word_count, again.article_id) == (
        article.body,
        article.word_count,
        article.article_id,
    )
    assert article.word_count == 3 + 1 + 1
    changed = replace(article, paragraphs=("Five six.",))
    assert changed.word_count == 2
    assert changed.article_id != article.article_id
    listed = Article("Title", ["One two three."], "generic", 1)  # type: ignore[arg-type]
    assert listed.word_count == 3


def test_one_character_literals_pretest_the_markdown_rules() -> None:
    """The Markdown residue rules need only '**', '_', '#', '\\', '[' or '](': without a
    pre-test of their short texts they ran on every kept line of every document."""
    markdown = {rule.name: rule for rule in RULES if rule.name.startswith("markdown-")}
    assert len(markdown) == 7
    assert all(rule.prefilter.options for rule in markdown.values())
    plain = "Headline\nA sentence with *one* star, a (paren) and a 3-word list.\n"
    folded = fold_for_matching(plain)
    tested = literalscan.Tested()
    assert not any(
        rule.may_occur(folded, caseless_text(folded), tested) for rule in markdown.values()
    )
    assert markdown["markdown-bold"].may_occur("a **b** c", "a **b** c", literalscan.Tested())


def test_short_texts_are_tested_directly_not_scanned() -> None:
    """A one-character text is in nearly every document: in the scan's vocabulary it made
    every scan 2.5x slower and answered nothing. A two-character one stays in it."""
    heading = next(rule for rule in RULES if rule.name == "markdown-heading").prefilter
    assert heading.scanned == ()
    assert sorted(heading.unscanned) == [" ", "#"]
    bold = next(rule for rule in RULES if rule.name == "markdown-bold").prefilter
    assert bold.scanned == (("**",),)
    text = "Headline\n# A **bold** [link](https://example.com/) and a \\* star.\n"
    found, _version = literalscan.found_in(text, caseless=False)
    assert "https://" in found or "http" in found
    assert "**" in found
    assert all(len(found_text) >= 2 for found_text in found)


def test_short_options_only_where_no_longer_one_exists() -> None:
    """Beside a three-character text a one-character option rules out nothing more and
    costs a pass over the document."""
    rule = Rule("promo", "related_promo", r"\(RELATED: [^()]*\)")
    assert all(min(map(len, option)) >= 3 for option in rule.prefilter.options)
    assert rule.prefilter.options


@pytest.mark.parametrize("kind", [Article, Removal, LearnedRemoval, Evidence])
def test_field_names_are_the_fields_in_order(kind: type) -> None:
    assert field_names(kind) == tuple(item.name for item in fields(kind))


def test_rows_of_golden_articles_as_plain_fields() -> None:
    """The row builders' shortcuts (values taken as they are, names made once) give what
    `plain` over `fields()` gives."""
    compared = 0
    for text in GOLDEN_TEXTS:
        try:
            article = process_text(text, ADAPTERS)
        except DocumentRejected:
            continue
        columns = [item.name for item in fields(Article) if item.name not in NOT_COLUMNS]
        assert article_columns(article) == {name: plain(getattr(article, name)) for name in columns}
        for removal in article.removals:
            assert removal_columns(removal) == {
                item.name: getattr(removal, item.name) for item in fields(Removal)
            }
        compared += 1
    assert compared > 10


def test_a_negative_removal_offset_blanks_from_the_start_as_the_line_loop_does() -> None:
    """Offsets come from the engine and are never negative; were one, the blanked copy
    must not slice from the text's end."""
    removal = Removal("cut", "chrome", "removed", -2, 1, "")
    kept = _kept_lines("abcdef\nxyz", [removal])
    assert [text for text, _ in kept] == ["bcdef", "xyz"]


def test_a_byline_met_again_is_parsed_once() -> None:
    """A site's staff sign many stories: a byline seen before gives the same authors back
    without a second parse, strict and lenient apart."""
    byline = "By Tomasz Wreden and Ilse Marchetti"
    first = parse_byline(byline)
    assert [author.name for author in first] == ["Tomasz Wreden", "Ilse Marchetti"]
    assert parse_byline(byline) is first
    lenient = parse_byline("tomasz wreden", strict=False)
    assert [author.name for author in lenient] == ["tomasz wreden"]
    assert parse_byline("tomasz wreden") == ()
