"""bench/dump_precision_loss.py's classes on invented lines: the table's examples show a
line's shape, never its words, and a unit's shape class reads its text and its layout."""

from __future__ import annotations

from newsnorm.transforms.dump.units import Unit
from tests_support import bench_module


def test_examples_keep_a_lines_shape_and_drop_its_words() -> None:
    loss = bench_module("dump_precision_loss")
    assert loss.anonymised("Sign up for the FREE Harbor Ledger newsletter, 3 times a week!") == (
        "Xx x x x X Xx Xx x, 9 x …"
    )
    assert loss.anonymised("$4.99 at Ferry's") == "$9.9 x Xx'x"


def test_a_units_shape_reads_its_text_and_its_layout() -> None:
    loss = bench_module("dump_precision_loss")

    def shape(raw: str) -> str:
        text = raw.lstrip("*# ").strip()
        return str(loss.shape(Unit(text, raw, 0, len(raw))))

    assert shape("March 4, 2025") == "date line"
    assert shape("Photo: Dana Whitfield / Harbor Ledger") == "caption-like"
    assert shape("* Harbor board approves budget") == "list item"
    assert shape("Subscribe now") == "short line"
    assert shape("What the new landing means for eastern shore commuters") == "heading-like"
    assert shape("The county opened its second ferry landing on Tuesday morning.") == "sentence"
