"""Where the HTML path's authors come from on the tuning pages, and whether its precedence and
cleaning steps hold on sites they were not fitted on (issue #13).

The readers (`transforms.html.authors.find_authors`, `find_author_organizations` and the
visible readers of `html/bylines.py`) were written on the tuning pages, so their tuning
figure flatters them (wcxb authors 0.885 tuning, 0.780 check). This reads the tuning pages of
wcxb and fundus with gold authors and prints:

1. per source (JSON-LD, meta tags, rel=author, each visible reader, each guess, each credit
   source): on how many pages it names anyone, how often it alone equals the gold, and how
   often it disagrees with the chosen answer and is right (and the chosen answer wrong), or
   is wrong where the chosen answer is right;
2. per step (a source or cleaning step switched off, a rule tried and rejected): the pages
   and sites it helps and hurts against the code as it is, and a held-out estimate: over
   `--draws` random halves of the sites, the step is kept when it wins more pages than it
   loses on one half, and what that decision wins (or loses) on the other half is averaged;
   a step written for one site earns nothing there;
3. per threshold, as bench/html_title_rules.py does: the value fitted on one half of the
   sites against the shipped value on the other half.

Measured (443 pages: 323 wcxb, 120 fundus; 416 sites; 20 draws): metadata decides most
pages and is rarely overruled rightly. JSON-LD decides 155 pages (150 right), meta tags 74
(71); the visible readers 80 (author links 31/26 right, byline elements 29/24, 'By' lines
12/10, rel=author, labels and a bold signature 8/8), the guesses 11 (all right), the
organisation credits 106 (96); 16 pages get nobody. No metadata source disagreeing with the
answer is ever right where the answer is wrong; a visible reader so disagreeing is right on 0
to 2 pages, a credit source on 3 to 5. Precedence variants lose: a visible 'By' line over
metadata naming someone else +2 / -4 pages, a byline element over it +0 / -6, no visible
people where the metadata credits an organisation +3 / -11. Every step holds on the held-out
halves (byline elements +8.3 pages, visible credits +7.1, 'By' lines +5.3, the site-name
exclusion +4.2, the whole-body fallback and the date line +2.6, capitalised visible names
+2.0, house credits ('Staff') +1.9, the role tail cut +0.45, author links +0.35 (they
win 5 pages, lose 2), ...); those winning one site
only (rel=author completion, the bold signature, the teaser-card and reviewer checks, the
Twitter label, citation_author, the credit-like check) earn 0 there: 4 wcxb pages rest on
them, 6 more on words winning one site (bench/html_author_words.py). The one-word site name
exclusion wins and loses one MDR page each. Nine parts decide no page here (narrowing author
links, site accounts, rel=author as a visible reader, the lowercase-prose filter, byline
runs, the account, slug and job-title checks of organisations): untested by these pages, not
shown wrong. No threshold changes a page at any value of its grid but _MAX_LABELLED 40 and
_OPENING_PARAGRAPHS 1 or 2 (-1 each). So the tuning / check gap (0.885 / 0.780) is not in
parts fitted to tuning sites: without those 10 one-site wins wcxb tuning would read 0.854
(276 of 323); the rest is pages of kinds the tuning part does not show.

A page whose metadata names nobody takes the adapters' byline (`html/article.py`); the steps
change the metadata only, so the adapters' answer is read once a page, with the metadata's
authors switched off, and kept in `--text FILE` (a JSON object of page key to names; written
when the file is absent, a few minutes; without the option those pages get nobody).

Usage: .venv/bin/python bench/html_author_sources.py [--draws 20] [--seed 13] [--text FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from accuracy_pages import newsnorm_page
from accuracy_sets import BENCHMARKS, benchmark_pages
from accuracy_sets import Page as BenchPage
from html_title_rules import compare, held_out, site_of, switched

# The readers' own parts, private ones included: they are what is switched off.
from newsnorm.transforms import bylines as text_bylines
from newsnorm.transforms.bylines import split_names, unique_names
from newsnorm.transforms.html import authors, bylinecredits, bylines, metadata
from newsnorm.transforms.html.facts import PageFacts, read_facts
from newsnorm.transforms.html.nodes import parse_page

DATASETS = ("wcxb", "fundus")
Patch = tuple[ModuleType, str, object]


@dataclass(frozen=True, slots=True)
class Page:
    key: str
    site: str
    gold: list[str]
    facts: PageFacts
    text: tuple[str, ...]  # the adapters' byline, read where the metadata names nobody


def read_pages(text: dict[str, list[str]] | Path | None = None) -> list[Page]:
    """The tuning pages with gold authors; never a check page. `text`: the adapters'
    bylines, or the file holding them (written first where it is absent)."""
    found = [
        page
        for dataset in DATASETS
        for page in benchmark_pages(dataset)
        if page.part == "tuning" and page.gold.get("expected_authors") and page.html is not None
    ]
    bylines_read: dict[str, list[str]] = {}
    if isinstance(text, Path):
        if not text.exists():
            text.write_text(json.dumps(dict(map(_text_byline, found)), indent=0), "utf-8")
        bylines_read = json.loads(text.read_text(encoding="utf-8"))
    elif text:
        bylines_read = text
    return [
        Page(
            page.key,
            site_of(page.dataset, page.key, page.url),
            page.gold["expected_authors"],
            read_facts(parse_page(page.html or "")[0], page.url),
            tuple(bylines_read.get(page.key, ())),
        )
        for page in found
    ]


def _text_byline(page: BenchPage) -> tuple[str, list[str]]:
    """The pipeline's authors for the page with the metadata's switched off."""
    nobody = (metadata, "find_authors", lambda facts: ())
    no_credit = (metadata, "find_author_organizations", lambda facts, people: ())
    with _off(nobody, no_credit)():
        found = newsnorm_page(page)
    return page.key, list(found.get("authors") or [])


def answer(page: Page) -> tuple[str, ...]:
    """What the pipeline credits: the metadata's people and organisations, else the text's."""
    people = authors.find_authors(page.facts)
    found = (*people, *authors.find_author_organizations(page.facts, people))
    return found or page.text


def sources(page: Page) -> Iterator[tuple[str, list[str]]]:
    """Each source's names on its own, cleaned as `find_authors` cleans them."""
    facts = page.facts
    excluded = _excluder(facts)
    yield "json-ld", list(unique_names(authors._jsonld(facts), excluded))
    yield "meta tags", list(unique_names(authors._meta(facts), excluded))
    for read in bylines._READERS:
        with switched(bylines, "_READERS", (read,)):
            found = next(iter(bylines.visible_sources(facts)), [])
        yield f"visible {read.__name__.strip('_')}", list(unique_names(found, excluded))
    for read in bylines._GUESSES:
        with switched(bylines, "_GUESSES", (read,)):
            found = next(iter(bylines.guessed_sources(facts)), [])
        yield f"guess {read.__name__.strip('_')}", list(unique_names(found, excluded))
    yield "json-ld credits", [name for name, _ in authors._jsonld_credits(facts) or []]
    yield "meta credits", [name for name, _ in authors._meta_credits(facts)]
    yield "visible credits", bylinecredits.visible_credits(facts)
    yield "adapters' byline", list(page.text)


def _excluder(facts: PageFacts) -> Callable[[str], bool]:
    """`find_authors`'s exclusion of the site's names and accounts, captured from a call."""
    captured: list[Callable[[str], bool]] = []
    original = unique_names

    def spy(names: Any, excluded: Callable[[str], bool]) -> tuple[str, ...]:
        captured.append(excluded)
        return original(names, excluded)

    with switched(authors, "unique_names", spy), switched(bylines, "_READERS", ()):
        authors.find_authors(facts)
    return captured[0] if captured else (lambda name: False)


def source_table(pages: list[Page], exact: Callable[[Any, Any], bool]) -> None:
    """Per source: pages it names anyone on, alone equal to the gold, disagreeing with the
    answer and right (the answer wrong) or wrong (the answer right), and the pages it
    decides (the first source whose names the answer holds) with how many are right."""
    rows: dict[str, list[int]] = {}
    for page in pages:
        chosen = answer(page)
        right = exact(list(chosen), page.gold)
        own = _folded(chosen)
        decided = False
        for name, found in sources(page):
            row = rows.setdefault(name, [0] * 6)
            if not found:
                continue
            alone = exact(found, page.gold)
            differs = _folded(found) != own
            decides = not decided and _folded(found) <= own
            decided = decided or decides
            row[0] += 1
            row[1] += alone
            row[2] += differs and alone and not right
            row[3] += differs and right and not alone
            row[4] += decides
            row[5] += decides and right
    print(
        "| source | names anyone | alone = gold | differs, right (answer wrong) | differs, "
        "wrong (answer right) | decides | decides, right |\n" + "|---" * 7 + "|"
    )
    for name, counts in rows.items():
        print(f"| {name} | " + " | ".join(map(str, counts)) + " |")


def _folded(names: Any) -> frozenset[str]:
    return frozenset(name.casefold() for name in names)


def _off(*patches: Patch) -> Callable[[], ExitStack]:
    def enter() -> ExitStack:
        stack = ExitStack()
        for module, name, value in patches:
            stack.enter_context(switched(module, name, value))
        return stack

    return enter


def _without_reader(reader: str) -> Patch:
    kept = tuple(read for read in bylines._READERS if read.__name__ != reader)
    return (bylines, "_READERS", kept)


def _without_guess(reader: str) -> Patch:
    kept = tuple(read for read in bylines._GUESSES if read.__name__ != reader)
    return (bylines, "_GUESSES", kept)


_WORDS = authors._site_words
_NO_WORDS: frozenset[str] = frozenset()
STEPS: tuple[tuple[str, Callable[[], ExitStack]], ...] = (
    ("no rel=author completion of metadata", _off((authors, "_completes", lambda a, b: False))),
    ("no narrowing of author links", _off((authors, "_narrowed", lambda people, *a: people))),
    ("no site-name exclusion", _off((authors, "is_site_name", lambda name, keys: False))),
    ("no site-word exclusion", _off((authors, "_site_words", lambda f: (_NO_WORDS, _NO_WORDS)))),
    ("no one-word site names", _off((authors, "_site_words", lambda f: (_NO_WORDS, _WORDS(f)[1])))),
    ("no site accounts", _off((authors, "_site_words", lambda f: (_WORDS(f)[0], _NO_WORDS)))),
    *(
        (f"no visible {read.__name__.strip('_')}", _off(_without_reader(read.__name__)))
        for read in bylines._READERS
    ),
    *(
        (f"no guess {read.__name__.strip('_')}", _off(_without_guess(read.__name__)))
        for read in bylines._GUESSES
    ),
    ("no visible credits", _off((authors, "visible_credits", lambda facts: []))),
    ("no lowercase-prose filter", _off((bylines, "_in_prose", lambda facts, namer: namer))),
    ("no whole-body fallback", _off((bylines, "_MARKED", frozenset()))),
    ("no teaser-card check", _off((bylines, "in_teaser_card", lambda tag: False))),
    ("no reviewer-credit check", _off((bylines, "credits_review", lambda tag: False))),
    ("no byline runs", _off((bylines, "far_apart", lambda a, b: False))),
    ("no Twitter card label", _off((authors, "_TWITTER_LABEL", re.compile("(?!)")))),
    ("no citation_author", _off((authors, "_CITATION_KEYS", ()))),
    ("organisations: no handle check", _off((authors, "_HANDLE", re.compile("(?!)")))),
    ("organisations: no account check", _off((authors, "_account_of", lambda n, p: False))),
    ("organisations: no slug check", _off((authors, "_slug", lambda name: "\0" + name))),
    ("organisations: no credit-like check", _off((authors, "_credit_like", lambda n: True))),
    ("organisations: no job-title check", _off((authors, "_TITLE_OF", re.compile("(?!)")))),
    ("no role tail cut", _off((text_bylines, "TRAILING_ROLE", re.compile("(?!)")))),
    ("no house credits", _off((text_bylines, "HOUSE_CREDIT", re.compile("(?!)")))),
    (
        "visible names in any case",
        _off((bylines, "split_names", lambda text, strict: split_names(text))),
    ),
)
THRESHOLDS: tuple[tuple[ModuleType, str, tuple[float, ...]], ...] = (
    (authors, "_MAX_EXTRA", (1, 2, 3, 4, 6)),
    (authors, "_MIN_NARROWED", (2, 3, 4)),
    (authors, "_NARROWING_SOURCES", (1, 2, 3)),
    (authors, "_MIN_SITE_WORD", (3, 4, 5, 6)),
    (authors, "_MIN_WHOLE_WORD", (2, 3, 4, 5)),
    (authors, "_MAX_ACCOUNT_SUFFIX", (1, 2, 3, 4)),
    (bylines, "_MAX_OUTSIDE", (1, 2, 3, 4, 5)),
    (bylines, "_MAX_BYLINE", (100, 150, 200, 300)),
    (bylines, "_MAX_LABELLED", (40, 60, 80, 120)),
    (bylines, "_MAX_SIGNATURE", (40, 60, 80)),
    (bylines, "_OPENING_PARAGRAPHS", (1, 2, 3, 4)),
)


def hits(pages: list[Page], exact: Callable[[Any, Any], bool]) -> dict[str, bool]:
    return {page.key: exact(list(answer(page)), page.gold) for page in pages}


def halves(sites: dict[str, str], rng: random.Random) -> tuple[set[str], list[str]]:
    """A random half of the sites, and the pages of the other half."""
    names = sorted(set(sites.values()))
    half = set(rng.sample(names, len(names) // 2))
    return half, [key for key in sites if sites[key] not in half]


def held_out_step(
    with_step: dict[str, bool], without: dict[str, bool], sites: dict[str, str], rng: random.Random
) -> int:
    """What keeping the step where it wins more than it loses on one half of the sites earns,
    against dropping it, on the other half."""
    half, other = halves(sites, rng)
    fitted = [key for key in sites if sites[key] in half]
    if sum(with_step[key] for key in fitted) <= sum(without[key] for key in fitted):
        return 0
    return sum(with_step[key] for key in other) - sum(without[key] for key in other)


def _mean(values: list[int]) -> str:
    return f"mean {sum(values) / len(values):+.2f} (from {min(values)} to {max(values)})"


def bench_parser(description: str) -> argparse.ArgumentParser:
    """The options every author bench takes: draws, seed, the adapters' bylines file."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--draws", type=int, default=20)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--text", type=Path, help="the adapters' bylines (JSON), read or written")
    return parser


def exact_authors() -> Callable[[Any, Any], bool]:
    """The benchmarks' own authors scorer (their `score` module, beside the pages)."""
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    import score  # type: ignore[import-not-found]

    return score.authors_exact  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    args = bench_parser(__doc__.splitlines()[0]).parse_args(argv)
    exact = exact_authors()
    pages = read_pages(args.text)
    sites = {page.key: page.site for page in pages}
    print(f"{len(pages)} tuning pages with gold authors, {len(set(sites.values()))} sites\n")
    source_table(pages, exact)
    base = hits(pages, exact)
    print("\n" + compare("as shipped", base, base, sites))
    rng = random.Random(args.seed)
    for name, enter in STEPS:
        with enter():
            without = hits(pages, exact)
        gains = [held_out_step(base, without, sites, rng) for _ in range(args.draws)]
        print(f"{compare(name, without, base, sites)}; held-out value of the step {_mean(gains)}")
    for module, attribute, grid in THRESHOLDS:
        shipped = getattr(module, attribute)
        results = {}
        for value in grid:
            with switched(module, attribute, value):
                results[value] = hits(pages, exact)
        totals = ", ".join(f"{value}: {sum(found.values())}" for value, found in results.items())
        gains = [held_out(results, shipped, sites, rng) for _ in range(args.draws)]
        print(f"{attribute} (shipped {shipped}): hits {totals}; held-out pages against the "
              f"shipped value, {_mean(gains)}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
