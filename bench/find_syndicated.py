"""Find syndicated pages among the benchmark pages, mechanically, for bench/accuracy.py's labels.

Each page of ../shared/benchmarks (wcxb, scrapinghub, fundus) is turned into the text a scraper
saves (inscriptis, as bench/accuracy.py does), and every line is matched against the shapes a
syndicator's trace takes in real text (../shared/syndication/CATALOGUE.md): republication notices
("originally published by …", "appeared first on …"), agency bylines and datelines ("(AP) —",
"(Reuters) -", "Jan. 5—"), distribution and copyright lines of wire services, and the catalogue's
own wordings (bench/notice_wordings.txt). It prints one candidate row per page in the format of
bench/syndicated_labels.tsv, with the evidence on stderr; a person then keeps the rows whose
evidence is a real trace (not a sentence that merely mentions an agency), names the syndicator,
and trims each cruft string to the notice's own wording. The output is a proposal, never
written into the repository as is: the evidence lines can hold article text.

Usage, from the repository root:
    .venv/bin/python bench/find_syndicated.py [--dataset wcxb|scrapinghub|fundus] > /tmp/cands.tsv
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy_metrics import fold

BENCH = Path(__file__).resolve().parent
BENCHMARKS = BENCH.parent.parent / "shared" / "benchmarks"
WORDINGS = BENCH / "notice_wordings.txt"

_NAME = r"(?P<name>[A-Z][\w&'.-]*(?: (?:[A-Z][\w&'.-]*|of|and|for|the|de|&)){0,6})"
_AGENCIES = (
    r"(?P<name>AP|Associated Press|Reuters|AFP|Agence France-Presse|CNN|CNN Wire|Bloomberg"
    r"|UPI|dpa|DPA|AAP|PA|Xinhua|Kyodo|ANSA|EFE|Tribune News Service|The Center Square"
    r"|States Newsroom|Stacker|StatePoint|Creators|KFF Health News|Kaiser Health News)"
)
# Shapes of a syndicator's trace on one line of a text dump. Each names the syndicator in
# its `name` group where the line says it.
SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "originally",
        re.compile(
            r"\b(?:was |is |were )?(?:originally|first) (?:published|appeared|posted|ran|produced)"
            rf"(?: [\w ]{{0,20}})? (?:on|in|by|at|for|with) {_NAME}"
        ),
    ),
    ("republished", re.compile(rf"\brepublished (?:from|with permission (?:of|from)|by) {_NAME}")),
    ("appeared-first", re.compile(rf"\bappeared first on {_NAME}")),
    ("provided-by", re.compile(rf"^(?:Content |Story )?(?:Provided|Courtesy) (?:by|of) {_NAME}")),
    ("distributed-by", re.compile(rf"\b(?:[Dd]istributed|[Ss]yndicated) by {_NAME}")),
    ("produced-by", re.compile(rf"^This (?:story|article) (?:was|is) produced by {_NAME}")),
    ("part-of", re.compile(rf"\bis part of {_NAME}, a nonprofit")),
    ("agency-dateline", re.compile(rf"^[A-Z][\w .,'/-]{{1,40}} \({_AGENCIES}\) ?[\u2014\u2013-]")),
    ("agency-byline", re.compile(rf"^(?:By:? )?(?:[A-Z][\w.'-]+ ){{0,4}}(?:[|,] )?{_AGENCIES}$")),
    ("copyright-agency", re.compile(rf"(?:©|\(c\)|Copyright) ?\d{{4}},? {_AGENCIES}\b")),
    (
        "tca-dateline",
        re.compile(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? \d{1,2}—"),
    ),
    ("credit-tail", re.compile(r"^\(?(?:Reporting|Additional reporting) by [^;]{3,80}; ")),
)


@dataclass(frozen=True, slots=True)
class Trace:
    shape: str
    name: str
    line: str


def wordings() -> list[str]:
    lines = WORDINGS.read_text(encoding="utf-8").splitlines()
    return [fold(line) for line in lines if line.strip() and not line.startswith("#")]


def traces(dump: str, known: list[str]) -> Iterator[Trace]:
    """Every line of a dump that carries a syndicator's trace."""
    for raw in dump.splitlines():
        line = " ".join(raw.split())
        if not line or len(line) > 400:
            continue
        for shape, pattern in SHAPES:
            if match := pattern.search(line):
                name = match.groupdict().get("name") or ""
                yield Trace(shape, name, line)
        folded = fold(line)
        for wording in known:
            if wording in folded:
                yield Trace("catalogue", "", line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=("wcxb", "scrapinghub", "fundus"), action="append")
    args = parser.parse_args(argv)
    if not (BENCHMARKS / "load.py").is_file():
        print(f"skipped: no benchmarks at {BENCHMARKS}")
        return 0
    sys.path.insert(0, str(BENCHMARKS))
    from inscriptis import get_text
    from load import load  # type: ignore[import-not-found]

    known = wordings()
    for dataset in args.dataset or ["wcxb", "scrapinghub", "fundus"]:
        for record in load(dataset):
            found = list(traces(get_text(record["html"]), known))
            if not found:
                continue
            names = sorted({trace.name for trace in found if trace.name})
            print(f"{dataset}/{record['id']}\t{'|'.join(names)}\t\t")
            for trace in found:
                print(
                    f"  {dataset}/{record['id']} [{trace.shape}] {trace.line[:160]}",
                    file=sys.stderr,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
