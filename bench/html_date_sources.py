"""Which source decided each tuning page's HTML date, and how often each is right, wrong or
dates an undated page, on the sites it was fitted on and on the others (issue #13).

`transforms/html/pagedate.choose_date` takes the first date it has, in order of trust. A
source that is wrong, or dates pages the gold leaves undated, more often than it is right
when it decides is a candidate for giving no date: a none is a miss for date exact, like a
wrong date, but not a made-up one. This reads the per-page dump of bench/accuracy.py (the
tuning part only) and prints, per deciding source (`published_at_source`, and
'+date_modified' / '+date_guessed' where the reader warned so): pages right, wrong, none,
dated where the gold has no date ('invented'), and quiet; then a held-out estimate: over
`--draws` random halves of the sites, a source is dropped when it is wrong or invents more
often than right on one half, and what dropping it does on the other half is summed (right
dates lost, wrong ones turned into none, inventions removed).

Measured on wcxb's tuning part (411 pages, 402 sites, 20 draws, seed 13), once the markup's
modified date alone was no longer taken (it had been right on 0 pages, wrong on 1 and dated 8
undated ones): an update shown under the headline when nothing else dates the page is right
on 7, wrong on 8 and invents on 2; dropped in 12 draws, it lost 51 right pages on the other
halves for 43 wrong and 10 invented: about even, and a loss for date exact, so it stays.
Every other source is right far more often than not (JSON-LD 124 / 11 / 7, the meta tags
95 / 4 / 1 together, the text 18 / 2 / 5, <time> 14 / 3 / 2, htmldate 11 / 0 / 5).

Usage: .venv/bin/python bench/accuracy.py --set html --part tuning --dump DIR
       .venv/bin/python bench/html_date_sources.py DIR/accuracy-html.jsonl [--draws 20]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

_OUTCOMES = ("right", "wrong", "none", "invented", "quiet")
_WARNED = ("date_modified", "date_guessed")


def outcome(gold: str | None, given: str | None) -> str:
    """A page's date against the gold's: right / wrong / none where the gold has one,
    invented / quiet where it has none."""
    if gold:
        return "right" if given == gold else "wrong" if given else "none"
    return "invented" if given else "quiet"


def source_of(prediction: dict[str, Any]) -> str:
    """The deciding source, with the date warning that says how ('headline+date_modified')."""
    source = prediction.get("date_source") or "-"
    warned = [name for name in _WARNED if name in (prediction.get("warnings") or ())]
    return "+".join([source, *warned])


def read_rows(path: Path) -> list[tuple[str, str, str]]:
    """(site, source, outcome) of each page of the dump."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        prediction = page.get("newsnorm") or {}
        site = urlsplit(page.get("url") or "").netloc
        result = outcome(page["gold"].get("date"), prediction.get("date"))
        rows.append((site, source_of(prediction), result))
    return rows


def held_out(rows: list[tuple[str, str, str]], draws: int, seed: int) -> dict[str, Counter[str]]:
    """Per source: in how many draws one half of the sites would drop it, and what that
    decision does on the other half."""
    sites = sorted({site for site, _, _ in rows})
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for draw in range(draws):
        shuffled = sites[:]
        random.Random(seed + draw).shuffle(shuffled)
        fitted = set(shuffled[: len(shuffled) // 2])
        seen: dict[str, Counter[str]] = defaultdict(Counter)
        for site, source, result in rows:
            if site in fitted:
                seen[source][result] += 1
        for source, counts in seen.items():
            if source == "-" or counts["wrong"] + counts["invented"] <= counts["right"]:
                continue
            found[source]["dropped"] += 1
            for site, other, result in rows:
                if other == source and site not in fitted:
                    found[source][result] += 1
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump", type=Path, help="bench/accuracy.py's accuracy-html.jsonl")
    parser.add_argument("--draws", type=int, default=20)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    rows = read_rows(args.dump)
    totals: dict[str, Counter[str]] = defaultdict(Counter)
    for _, source, result in rows:
        totals[source][result] += 1
    dropped = held_out(rows, args.draws, args.seed)
    print(f"{len(rows)} pages, {len({site for site, _, _ in rows})} sites, {args.draws} draws")
    print("| source | " + " | ".join(_OUTCOMES) + " | dropped | held out: right lost / "
          "wrong to none / invented removed |")  # fmt: skip
    print("|---" * (len(_OUTCOMES) + 3) + "|")
    for source in sorted(totals):
        counts, out = totals[source], dropped.get(source, Counter())
        cells = " | ".join(str(counts[name]) for name in _OUTCOMES)
        lost = f"{out['right']} / {out['wrong']} / {out['invented']}"
        print(f"| {source} | {cells} | {out['dropped']} | {lost} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
