"""`newsnorm explain` on a whole-page text dump: each drop of the story stage in words, its
rule and deciding features beside (transforms/dump/reasons.py; round story35). Invented page."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsnorm.flows.cli import EXIT_OK, main

PAGE = [
    "Fenwick Gazette",
    "Home | Local | Schools | Sport | Weather | Contact",
    "Library extends its weekend opening hours from next month",
    "The town library will open on Sunday afternoons from next month, after a survey found "
    "that most readers wanted more time to visit at the weekend.",
    "The extra hours will be covered by two new part-time staff and a rota of volunteers who "
    "already help with the reading groups on weekday evenings.",
    "The head librarian said the children's section would run a story hour on the first "
    "Sunday of each month, starting with tales of the river and its boats.",
    "Readers who borrow books online can now collect them from a locker by the entrance, "
    "which will be open whenever the building is.",
    "The council will review the new hours after a year and publish the visitor figures.",
    "The library's cafe will also stay open later, serving soup and sandwiches until four.",
    "Parking at the library remains free on Sundays, and the bus from the station will stop "
    "outside the door every half hour until the building closes.",
]


def test_explain_tells_why_a_dump_line_was_dropped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "page.txt"
    dump.write_text("\n\n".join(PAGE) + "\n", encoding="utf-8")
    assert main(["explain", str(dump)]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"title       {PAGE[2]}\n" in out
    assert (
        "page chrome: above the story's headline [outside-story:above_headline] "
        f"(page_chrome, removed) '{PAGE[1]}'"
    ) in out
