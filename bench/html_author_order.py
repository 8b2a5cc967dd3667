"""Whether the HTML path's precedence of author sources holds on sites it was not fitted on
(issue #13): every order of the seven sources that name people (JSON-LD, meta tags and the
visible readers of `html/bylines.py`), on the tuning pages of bench/html_author_sources.py.

A page's answer under an order is simulated: the first source in it naming anyone, with the
organisations the answer credits beside them; a page no such source names keeps its answer.
Over `--draws` random halves of the sites, the order with the most hits on one half (ties to
the shipped one) is scored against the shipped order on the other half.

Measured (443 pages, 416 sites, 5,040 orders, 20 draws): the simulation gives the shipped
order 395 hits (the code, which also completes and narrows, 397); the best order on all pages
gains one page (author links, rel=author and 'By' lines before the metadata), and the order
fitted on one half loses 0.55 pages on the other half (from -2 to 0): metadata first holds.

Usage: .venv/bin/python bench/html_author_order.py [--draws 20] [--seed 13] [--text FILE]
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from typing import Any

from html_author_sources import (
    Page,
    answer,
    bench_parser,
    exact_authors,
    halves,
    read_pages,
    sources,
)

PEOPLE = (
    "json-ld",
    "meta tags",
    "visible rel_author",
    "visible author_links",
    "visible byline_elements",
    "visible by_lines",
    "visible labelled",
)
Order = tuple[str, ...]


def source_hits(page: Page, exact: Callable[[Any, Any], bool]) -> tuple[dict[str, bool], bool]:
    """Whether each people source naming anyone would be right as the answer (with the
    answer's organisations), and whether the answer is."""
    chosen = list(answer(page))
    found = {name: names for name, names in sources(page) if name in PEOPLE and names}
    people = {name.casefold() for names in found.values() for name in names}
    credits = [name for name in chosen if name.casefold() not in people]
    hits = {name: exact(names + credits, page.gold) for name, names in found.items()}
    return hits, exact(chosen, page.gold)


def simulated(order: Order, hits: dict[str, bool], right: bool) -> bool:
    return next((hits[name] for name in order if name in hits), right)


def held_out(
    results: dict[Order, list[bool]], keys: list[str], sites: dict[str, str], rng: random.Random
) -> int:
    """Pages the order fitted on one half of the sites wins (or loses) on the other half."""
    half, other = halves(sites, rng)
    fitted = [index for index, key in enumerate(keys) if sites[key] in half]
    outside = set(other)
    held = [index for index, key in enumerate(keys) if key in outside]

    def on(order: Order, indices: list[int]) -> int:
        return sum(results[order][index] for index in indices)

    best = max(results, key=lambda order: (on(order, fitted), order == PEOPLE))
    return on(best, held) - on(PEOPLE, held)


def main(argv: list[str] | None = None) -> int:
    args = bench_parser(__doc__.splitlines()[0]).parse_args(argv)
    exact = exact_authors()
    pages = read_pages(args.text)
    keys = [page.key for page in pages]
    sites = {page.key: page.site for page in pages}
    read = [source_hits(page, exact) for page in pages]
    results = {
        order: [simulated(order, hits, right) for hits, right in read]
        for order in itertools.permutations(PEOPLE)
    }
    best = max(results, key=lambda order: (sum(results[order]), order == PEOPLE))
    print(f"shipped order: {sum(results[PEOPLE])} hits simulated, {sum(r for _, r in read)} as run")
    print(f"best order on all pages: {sum(results[best])} hits, {' > '.join(best)}")
    rng = random.Random(args.seed)
    gains = [held_out(results, keys, sites, rng) for _ in range(args.draws)]
    print(
        f"order fitted on half the sites, against the shipped one on the other half: mean "
        f"{sum(gains) / len(gains):+.2f} pages (from {min(gains)} to {max(gains)})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
