"""A page dump reads the same whatever its line ends and trailing whitespace
(transforms/dump: units.py's line indices, title_evidence._space)."""

from __future__ import annotations

import pytest

from newsnorm.transforms.adapters import BUILTIN
from newsnorm.transforms.adapters.registry import select_adapter
from newsnorm.transforms.dump.context import context_features, story_start
from newsnorm.transforms.dump.features import unit_features
from newsnorm.transforms.dump.headline import TITLE_FEATURES, title_candidates
from newsnorm.transforms.dump.model import line_model
from newsnorm.transforms.dump.units import align_units
from newsnorm.transforms.pipeline import process_text
from newsnorm.transforms.records import Document

ADAPTERS = tuple(adapter() for adapter in BUILTIN)

HEADLINE = "Night ferry to the outer islands returns after a two-year pause"
PAGE = [
    "Skip to main content", "Tidewater Courier", "  Home", "  Local", "  Weather",
    "  Harbor", "  Schools", "  Letters", "", "",
    HEADLINE, "", "  By Marta Quill", "  June 9, 2026", "",
    "The night ferry to the outer islands sailed again on Monday, two years after the "
    "service was cut when the old boat failed its hull inspection and no charter was found.",
    "",
    "Islanders who work late shifts on the mainland had been sleeping in their cars or "
    "paying for rooms in town, and the council heard from dozens of them last winter.",
    "",
    "The new boat carries forty cars and two hundred passengers, and the harbor office "
    "said the crossing now takes fifty minutes instead of the old boat's hour and ten.",
    "Tickets for the late sailing cost the same as the daytime ones, the office added.",
    "",
    "More from Harbor", "  Pier repairs start in March", "  Dredging plan goes to a vote",
    "About", "Contact", "Privacy", "All rights reserved.",
]  # fmt: skip

VARIANTS = {
    "crlf": lambda lines: "\r\n".join(lines) + "\r\n",
    "cr": lambda lines: "\r".join(lines) + "\r",
    "trailing spaces": lambda lines: "\n".join(f"{line}   " for line in lines) + "\n",
    "trailing tabs": lambda lines: "\n".join(f"{line}\t" for line in lines) + "\n",
    "crlf and a space": lambda lines: "\r\n".join(f"{line} " for line in lines) + "\r\n",
}


def _read(text: str) -> dict[str, object]:
    """What the dump stage sees of a page and what it makes of it: the line model's rows
    (both stages), the title ranker's rows, the space around each candidate, the title and
    the body."""
    model = line_model()
    document = Document.from_text(text)
    article = select_adapter(document, ADAPTERS).adapter.clean(document)
    units = align_units(text, article)
    assert units is not None
    rows = unit_features(units, model.lexicon, model.phrases)
    first = [model.first.score(row).probability for row in rows]
    candidates = title_candidates(units, first, story_start(units, first))
    above, below = TITLE_FEATURES.index("space_above"), TITLE_FEATURES.index("space_below")
    out = process_text(text, ADAPTERS)
    return {
        "rows": rows,
        "context": context_features(units, rows, first),
        "candidates": candidates,
        "space": {units[i].text: (row[above], row[below]) for i, row in candidates},
        "title": out.title,
        "body": out.paragraphs,
    }


def test_a_headline_set_apart_by_blank_lines_reads_so_and_a_menu_does_not() -> None:
    plain = _read("\n".join(PAGE) + "\n")
    assert plain["title"] == HEADLINE
    space = plain["space"]
    assert isinstance(space, dict)
    assert space[HEADLINE] == (3.0, 2.0)  # two blank lines above, one below
    assert space["Schools"] == (1.0, 1.0)
    assert space["By Marta Quill"] == (2.0, 1.0)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_line_ends_and_trailing_whitespace_do_not_change_what_the_stage_reads(
    variant: str,
) -> None:
    plain = _read("\n".join(PAGE) + "\n")
    other = _read(VARIANTS[variant](PAGE))
    for key, value in plain.items():
        assert other[key] == value, key
