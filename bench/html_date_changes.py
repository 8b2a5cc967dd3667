"""What a change to the HTML date readers does, page by page and on held-out halves of the
sites (issue #13): two per-page dumps of bench/accuracy.py's tuning part, before and after.

Prints each page whose date or date source changed (site, gold, before → after, with the
outcome: right / wrong / none where the gold has a date, invented / quiet where it has none),
then, over `--draws` random halves of the sites, what the change does on each half: right
dates gained and lost, wrong ones, inventions. A change without a fitted threshold is the same
rule on every half; the draws say whether its gains come from one corner of the sites.

Usage: .venv/bin/python bench/accuracy.py --set html --part tuning --dump BEFORE  (main)
       .venv/bin/python bench/accuracy.py --set html --part tuning --dump AFTER   (branch)
       .venv/bin/python bench/html_date_changes.py BEFORE/accuracy-html.jsonl \
           AFTER/accuracy-html.jsonl [--draws 20]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from html_date_sources import outcome

_COUNTED = ("right", "wrong", "invented")


def read(path: Path) -> dict[str, dict[str, Any]]:
    """The dump's pages by key."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {page["page"]: page for page in map(json.loads, lines)}


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(page, site, outcome before, outcome after) of each page whose date or source moved."""
    found = []
    for key, old in before.items():
        new = after[key]
        was, now = old["newsnorm"], new["newsnorm"]
        if (was["date"], was["date_source"]) == (now["date"], now["date_source"]):
            continue
        gold = old["gold"].get("date")
        site = urlsplit(old.get("url") or "").netloc
        first, then = outcome(gold, was["date"]), outcome(gold, now["date"])
        print(
            f"{key} {site} gold {gold}: {was['date']} ({was['date_source']}, {first}) -> "
            f"{now['date']} ({now['date_source']}, {then})"
        )
        found.append((key, site, first, then))
    return found


def halves(moved: list[tuple[str, str, str, str]], sites: list[str], draws: int) -> None:
    """Per draw, the change's effect on one random half of the sites: + and - per outcome."""
    print("| draw | right +/- | wrong +/- | invented +/- |")
    print("|---|---|---|---|")
    for draw in range(draws):
        shuffled = sites[:]
        random.Random(13 + draw).shuffle(shuffled)
        half = set(shuffled[: len(shuffled) // 2])
        gained: Counter[str] = Counter()
        lost: Counter[str] = Counter()
        for _, site, first, then in moved:
            if site in half and first != then:
                gained[then] += 1
                lost[first] += 1
        cells = " | ".join(f"+{gained[name]} / -{lost[name]}" for name in _COUNTED)
        print(f"| {draw} | {cells} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--draws", type=int, default=20)
    args = parser.parse_args()
    before, after = read(args.before), read(args.after)
    moved = changes(before, after)
    sites = sorted({urlsplit(page.get("url") or "").netloc for page in before.values()})
    print(f"{len(before)} pages, {len(sites)} sites, {len(moved)} changed")
    halves(moved, sites, args.draws)


if __name__ == "__main__":
    main()
