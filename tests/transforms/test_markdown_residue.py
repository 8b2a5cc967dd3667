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
    "The board voted on **Tuesday** to raise fares, according to "
    '[a report](https://example.org/report?id=3 "Report") from the [harbor office](/office).\n\n'
    "![A ferry at dawn](https://img.example.org/ferry.jpg)\n\n"
    "### What comes next\n\n"
    "Fares rise in May \\- officials said, and [more trips](https://example.org/a_(b)) follow.\n"
)


def test_markdown_links_images_bold_headings_and_escapes_read_as_text() -> None:
    article = process_text(TEXT, ADAPTERS)
    assert article.paragraphs == (
        "The board voted on Tuesday to raise fares, according to a report from the harbor office.",
        "What comes next",
        "Fares rise in May - officials said, and more trips follow.",
    )


def test_each_markdown_cut_is_a_removal_at_its_offsets() -> None:
    article = process_text(TEXT, ADAPTERS)
    cuts = [removal for removal in article.removals if removal.kind == "markup_residue"]
    assert {removal.rule for removal in cuts} == {
        "markdown-bold",
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
