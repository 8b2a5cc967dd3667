"""The HTML path's author misses on the tuning pages, each classed by its shape and by the
source that gave the answer (issue #13), so a round starts from counts rather than pages.

Reads the tuning pages of wcxb and fundus with gold authors (bench/html_author_sources.py
reads them; never a check page) and prints, per miss: the gold, the answer, the source that
decided it (the first source whose names the answer holds, as `source_table` counts) and
its shape:

- nobody: the answer names no one;
- extra / missing: the answer holds the gold's names and more, or some of them only;
- other form: as many names, each the gold's in another form (one holding the other:
  'Lance Ryan' for 'Lance Ryan (Content Manager)');
- wrong: another person or organisation;

with what the gold shows of its own conventions: a gold name written nowhere in the page's
text or markup, a gold name that is a job title or a degree ('Dietitian', 'M.D. FACLM': a
byline split on its commas). Then the counts by shape and by deciding source.

Measured on main d76843d (the round of docs/html.md): 37 wcxb misses of 323 pages with
gold authors, 9 fundus misses of 120.

Usage: .venv/bin/python bench/html_author_misses.py [--text FILE]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from html_author_sources import Page, answer, bench_parser, exact_authors, read_pages, sources

from newsnorm.transforms.bylines import is_role
from newsnorm.transforms.bylinewords import ROLE_WORD

# Degrees and certifications a byline sets after a comma ('Jane Doe, M.D. FACLM').
_DEGREE = frozenset({"md", "m.d", "phd", "ph.d", "rd", "rdn", "ld", "ms", "mba", "faclm", "e-ryt"})


def shape(found: Iterable[str], gold: Iterable[str]) -> str:
    """How an answer differs from the gold, compared as the scorer folds names."""
    ours, theirs = _folded(found), _folded(gold)
    if not ours:
        return "nobody"
    if ours > theirs:
        return "extra"
    if ours < theirs:
        return "missing"
    if len(ours) == len(theirs) and all(
        any(a in b or b in a for b in theirs) for a in ours
    ):  # fmt: skip
        return "other form"
    return "wrong"


def gold_notes(page: Page, html: str) -> list[str]:
    """The gold's own conventions this miss shows."""
    notes = []
    text = html.casefold()
    if any(name.casefold() not in text for name in page.gold):
        notes.append("a gold name nowhere in the page")
    if any(_is_title(name) for name in page.gold):
        notes.append("a job title or degree as a gold name")
    return notes


def deciding_source(page: Page, found: tuple[str, ...]) -> str:
    own = _folded(found)
    for name, names in sources(page):
        if names and _folded(names) <= own:
            return name
    return "none"


def _is_title(name: str) -> bool:
    words = {word.strip(".,").casefold() for word in name.split()}
    return is_role(name) or bool(ROLE_WORD.search(name)) or bool(words & _DEGREE)


def _folded(names: Iterable[str]) -> frozenset[str]:
    return frozenset(" ".join(name.casefold().split()).strip(" ,.;:|-") for name in names)


def main(argv: list[str] | None = None) -> int:
    args = bench_parser(__doc__.splitlines()[0]).parse_args(argv)
    exact = exact_authors()
    pages = read_pages(args.text)
    html = _page_html({page.key for page in pages})
    shapes: Counter[str] = Counter()
    deciders: Counter[str] = Counter()
    notes: Counter[str] = Counter()
    for page in pages:
        found = answer(page)
        if exact(list(found), page.gold):
            continue
        kind, decider = shape(found, page.gold), deciding_source(page, found)
        noted = gold_notes(page, html.get(page.key, ""))
        shapes[kind] += 1
        deciders[decider] += 1
        notes.update(noted)
        print(f"{page.key}: {kind}, by {decider}; gold {page.gold}, ours {list(found)}"
              + (f" ({'; '.join(noted)})" if noted else ""))  # fmt: skip
    print(f"\nmisses by shape: {dict(shapes)}\nby deciding source: {dict(deciders)}")
    print(f"gold conventions: {dict(notes)}")
    return 0


def _page_html(keys: set[str]) -> dict[str, str]:
    from accuracy_sets import benchmark_pages
    from html_author_sources import DATASETS

    return {
        page.key: page.html or ""
        for dataset in DATASETS
        for page in benchmark_pages(dataset)
        if page.key in keys and page.part == "tuning"
    }


if __name__ == "__main__":
    raise SystemExit(main())
