"""Markdown a converter wrote into a saved page's lines is cut as recorded span removals."""

from __future__ import annotations

from newsnorm.transforms.adapters import BUILTIN
from newsnorm.transforms.adapters.registry import select_adapter
from newsnorm.transforms.dump.units import align_units
from newsnorm.transforms.pipeline import process_text
from newsnorm.transforms.records import Document

ADAPTERS = tuple(adapter() for adapter in BUILTIN)

TEXT = (
    "Harbor board votes on ferry fares\n\n"
    "The board voted on **Tuesday** to raise fares, _after a long debate_, according to "
    '[a report](https://example.org/report?id=3 "Report") from the [harbor office](/office).\n\n'
    "![A ferry at dawn](https://img.example.org/ferry.jpg)\n\n"
    "### What comes next\n\n"
    "Fares rise in May \\- officials said, and [more trips](https://example.org/a_(b)) follow.\n"
)


def test_markdown_links_images_bold_headings_and_escapes_read_as_text() -> None:
    article = process_text(TEXT, ADAPTERS)
    assert article.paragraphs == (
        "The board voted on Tuesday to raise fares, after a long debate, according to a report "
        "from the harbor office.",
        "What comes next",
        "Fares rise in May - officials said, and more trips follow.",
    )


def test_each_markdown_cut_is_a_removal_at_its_offsets() -> None:
    article = process_text(TEXT, ADAPTERS)
    cuts = [removal for removal in article.removals if removal.kind == "markup_residue"]
    assert {removal.rule for removal in cuts} == {
        "markdown-bold",
        "markdown-emphasis",
        "markdown-link-open",
        "markdown-link-target",
        "markdown-image",
        "markdown-heading",
        "markdown-escape",
    }
    for removal in cuts:
        assert TEXT[removal.start : removal.end] == removal.text


def test_brackets_that_are_not_links_stay() -> None:
    text = (
        "Harbor board votes on ferry fares\n\n"
        "The chair said the plan [to add boats] was sound, and that 2 * 3 boats was enough.\n"
    )
    article = process_text(text, ADAPTERS)
    assert article.paragraphs == (
        "The chair said the plan [to add boats] was sound, and that 2 * 3 boats was enough.",
    )


def test_lines_with_tight_cuts_still_align_to_units() -> None:
    """A link cut before a full stop leaves no space ('report.'): the story stage must still
    find the line in the input, or it would leave a Markdown page dump alone."""
    document = Document.from_text(TEXT)
    article = select_adapter(document, ADAPTERS).adapter.clean(document)
    units = align_units(TEXT, article)
    assert units is not None
    assert [unit.text for unit in units] == [article.title, *article.paragraphs]


def test_emphasis_marks_go_and_underscores_inside_words_stay() -> None:
    """html2text writes <em> as '_words_'; score.py's and a search's \\w+ read '_words' as
    another word. Underscores inside a name, a handle or an escape are text."""
    text = (
        "Harbor board votes on ferry fares\n\n"
        '_ _ The chair cited _The Harbor Ledger_, __twice__, _"ours"_ and '
        "[_Ann Lee_](https://example.org/lee), not the file_name, @_ferrywatch or a \\_b.\n\n"
        "___\n\n"
        "Its code calls _client . Send ( _options ) and reads graphics_<1|2>.\n"
    )
    article = process_text(text, ADAPTERS)
    # Two cuts side by side ("_" then "](…)") leave the space of the first.
    assert article.paragraphs == (
        'The chair cited The Harbor Ledger, twice, "ours" and Ann Lee , not the file_name, '
        "@_ferrywatch or a _b.",
        "___",
        "Its code calls _client . Send ( _options ) and reads graphics_<1|2>.",
    )
    marks = [r for r in article.removals if r.rule == "markdown-emphasis"]
    cut = [text[r.start : r.end] for r in marks]
    assert cut == ["_", "_", "_", "_", "__", "__", "_", "_", "_", "_"]
