"""What each part of the HTML title chooser wins on the tuning pages, and whether its
thresholds hold on sites it was not fitted on (issue #13).

The chooser (`transforms.html.titles.find_title`, `headline.visible_headline`) was written on
the tuning pages, so its tuning figure flatters it (wcxb title 0.903 tuning, 0.872 check).
This reads the tuning pages of wcxb and fundus with a gold title, runs the chooser as it is,
then once per variant: one part switched off (ABLATIONS), a rule tried and rejected
(REJECTED), or one threshold set to each value of its grid (THRESHOLDS). Per variant it
prints the hits on each set and the pages and sites (a wcxb page's host, a fundus page's
publisher) it helps and hurts against the chooser as it is. Per threshold, `--draws` times,
it splits the sites in halves, picks the value with the most hits on one half (ties to the
shipped value) and counts what that pick wins or loses against the shipped value on the
other half: a threshold fitted to its pages loses there.

Measured (411 wcxb, 123 fundus tuning pages; 20 draws): every part helps more tuning pages
than it hurts. The visible h1 (+67 / -24 pages), the news rule (+15 / -11) and the tagline
cut (+7) carry the figure; the kicker, the mended spelling, leading and trailing names and a
site name that is the headline help one or two pages each (6 wcxb pages together, about
0.015 of the figure: likely the pages they were written on, so the check part sees less of
them); the decorated and continued statements and the section cut change no tuning page.
Thresholds re-fitted on half the sites never beat the shipped ones on the other half (mean
-0.20 to 0 pages a draw). Rejected: a news h1 its OpenGraph title states over the JSON-LD
headline (wcxb +2 / -0, fundus tuning +5 / -4, yet fundus over all 258 pages fell from 0.837
to 0.822 in bench/extraction.py: it did not hold beyond the tuning pages), and the URL's
words voting for a stated title over the h1 (+7 / -6 at a margin of one word, +4 / -4 at
two).

Round htitle30 (bench/html_title_date_misses.py classes the misses; every rejected variant
also prints how often its net holds on both halves of the sites, 20 draws): stated titles
of two kinds agreeing on a text the h1 is not, over the h1 (+22 / -52: the gold follows the
h1 more often), of three kinds (+2 / -6); every part the stated titles append a site name
(+1 / -5); the stated spelling of the h1 (+1 / -5); a news page's h1 and OpenGraph title
outvoting a JSON-LD headline the <title> does not back (+4 / -2, wcxb +2 / -0; net at least
0 on both halves in 15 of 20 draws, above 0 on both in 5; the losses one publisher group's
pages whose gold is its JSON-LD). None holds on both halves; nothing shipped.

Usage: .venv/bin/python bench/html_title_rules.py [--draws 20] [--seed 13]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

from accuracy_sets import BENCHMARKS, benchmark_pages

# The chooser's own parts, private ones included: they are what is switched off.
from newsnorm.transforms.html import headline, titles
from newsnorm.transforms.html.facts import PageFacts, read_facts
from newsnorm.transforms.html.jsonld import text_values
from newsnorm.transforms.html.nodes import parse_page
from newsnorm.transforms.html.sitenames import site_keys

DATASETS = ("wcxb", "fundus")
Variant = tuple[str, ModuleType, str, object]


@dataclass(frozen=True, slots=True)
class Page:
    key: str
    site: str
    gold: str
    facts: PageFacts


def _shared_heading(facts: PageFacts) -> str | None:
    """Rejected: a news page's h1 that its social title states and its JSON-LD does not."""
    heading = titles._main_heading(facts)
    if not heading or facts.article is None or not titles._is_news(facts):
        return None
    keys = site_keys(facts)
    shown = headline.letters(heading)
    social = [v for k in ("og:title", "twitter:title") for v in facts.meta.get(k, ())]
    stated = text_values(facts.article.get("headline"))
    if not any(headline.letters(titles.strip_site_name(v, keys)) == shown for v in social):
        return None
    ld = {headline.letters(titles.strip_site_name(text, keys)) for text in stated}
    return None if shown in ld else heading


def _news_shared(chooser: Callable[[PageFacts], str | None]) -> Callable[..., str | None]:
    return lambda facts: _shared_heading(facts) or chooser(facts)


def _url_votes(margin: int) -> Callable[..., str | None]:
    """Rejected: a stated title whose words the URL holds `margin` more of than the h1's
    keeps the h1 out."""
    shown = headline.visible_headline

    def chooser(facts: PageFacts, stated: Any, keys: Any, names: Any) -> str | None:
        heading = shown(facts, stated, keys, names)
        url = headline._stems(headline._url_words(facts.url))
        own = headline._stems(heading or "")
        for title in stated:
            words = headline._stems(title)
            if heading and len((words - own) & url) - len((own - words) & url) >= margin:
                return None
        return heading

    return chooser


def _letters_by_kind(facts: PageFacts) -> dict[str, set[str]]:
    """The kinds of statement (json-ld, social, title) of each stated title's letters, site
    name cut."""
    keys = site_keys(facts)
    kinds: dict[str, set[str]] = {}
    for kind, title in titles._stated_by_kind(facts):
        cut = titles.strip_site_name(title, keys)
        if cut:
            kinds.setdefault(headline.letters(cut), set()).add(kind)
    return kinds


def _agreement_over_h1(need: int) -> Callable[..., str | None]:
    """Rejected (htitle30): stated titles of `need` kinds agreeing on a text the h1 is not
    keep the h1 out."""
    shown = headline.visible_headline

    def chooser(facts: PageFacts, stated: Any, keys: Any, names: Any) -> str | None:
        heading = shown(facts, stated, keys, names)
        agreed = {text for text, kinds in _letters_by_kind(facts).items() if len(kinds) >= need}
        own = {
            headline.letters(heading or ""),
            headline.letters(titles.without_tagline(heading or "")),
        }
        return None if heading and agreed and not agreed & own else heading

    return chooser


def _every_trailing_name(facts: PageFacts) -> frozenset[str]:
    """Rejected (htitle30): every part the stated titles append is a site name, shown as a
    heading or not."""
    stated = [title for _, title in titles._stated_by_kind(facts) if title]
    return headline.shown_headings(facts) | headline.trailing_names(stated)


def _stated_spelling(facts: PageFacts, stated: Any, keys: Any, names: Any) -> str | None:
    """Rejected (htitle30): a stated title with the h1's letters gives its spelling."""
    heading = headline.visible_headline(facts, stated, keys, names)
    shown = headline.letters(heading or "")
    return next((title for title in stated if headline.letters(title) == shown), heading)


def _outvoted_headline(facts: PageFacts) -> str | None:
    """Rejected (htitle30): a news page's h1 its social title states, where the JSON-LD
    headline says another and the <title> does not back that one (h1 and OpenGraph outvote
    the JSON-LD)."""
    heading = titles._main_heading(facts)
    if not heading or facts.article is None or not titles._is_news(facts):
        return None
    shown = headline.letters(heading)
    kinds = _letters_by_kind(facts)
    ld = {text for text, own in kinds.items() if "json-ld" in own}
    backed = "social" in kinds.get(shown, set()) and shown not in ld
    return heading if backed and not any("title" in kinds[text] for text in ld) else None


def _outvoted(chooser: Callable[[PageFacts], str | None]) -> Callable[..., str | None]:
    return lambda facts: _outvoted_headline(facts) or chooser(facts)


ABLATIONS: tuple[Variant, ...] = (
    ("no news rule", titles, "_is_news", lambda facts: False),
    ("no visible h1", titles, "visible_headline", lambda *args: None),
    ("no tagline cut", titles, "without_tagline", lambda title: title),
    ("no kicker", headline, "_kicker_ends", lambda heading, count: False),
    ("no mended spelling", headline, "_mended", lambda heading, stated: None),
    ("no decorated statement", titles, "_is_decorated", lambda title, other: False),
    ("no continued statement", titles, "_continues", lambda title, other: False),
    ("no leading names", titles, "leading_names", lambda stated: frozenset()),
    ("no trailing names", titles, "trailing_names", lambda stated: frozenset()),
    ("no headline site names", titles, "_without_headlines", lambda facts, found: facts),
    ("no section cut", titles, "_is_section", lambda text: False),
)
REJECTED: tuple[Variant, ...] = (
    ("news h1 the social title states", titles, "find_title", _news_shared(titles.find_title)),
    ("URL votes, margin 1", titles, "visible_headline", _url_votes(1)),
    ("URL votes, margin 2", titles, "visible_headline", _url_votes(2)),
    ("stated titles of 2 kinds over the h1", titles, "visible_headline", _agreement_over_h1(2)),
    ("stated titles of 3 kinds over the h1", titles, "visible_headline", _agreement_over_h1(3)),
    ("every trailing name a site name", titles, "shown_headings", _every_trailing_name),
    ("the stated spelling of the h1", titles, "visible_headline", _stated_spelling),
    (
        "news h1 and social title outvote JSON-LD",
        titles,
        "find_title",
        _outvoted(titles.find_title),
    ),
)
THRESHOLDS: tuple[tuple[ModuleType, str, tuple[float, ...]], ...] = (
    (headline, "_BACKED", (0.5, 0.6, 0.7, 0.8)),
    (headline, "_LONG_BACKED", (0.3, 0.4, 0.5)),
    (headline, "_MIN_LONG_BACKED_WORDS", (3, 4, 5)),
    (headline, "_MIN_BACKED_WORDS", (1, 2, 3)),
    (headline, "_MIN_KICKED", (0.3, 0.5, 0.7)),
    (titles, "_TAGLINE_WORDS", (2, 3, 4, 5, 6)),
    (titles, "_MIN_TAGGED_WORDS", (2, 3, 4)),
)


@contextmanager
def switched(module: ModuleType, name: str, value: object) -> Iterator[None]:
    """`module.name` set to `value` inside the block, put back after it."""
    old = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, old)


def site_of(dataset: str, key: str, url: str | None) -> str:
    """A wcxb page's host without 'www.'; a fundus page's publisher ('de/FAZ_2023…' → FAZ)."""
    if dataset == "fundus":
        return key.rsplit("/", 1)[-1].split("_")[0]
    return urlsplit(url or "").netloc.removeprefix("www.")


def read_pages() -> list[Page]:
    """The tuning pages with a gold title; never a check page."""
    pages = []
    for dataset in DATASETS:
        for page in benchmark_pages(dataset):
            gold = page.gold.get("expected_title")
            if page.part != "tuning" or not gold or page.html is None:
                continue
            facts = read_facts(parse_page(page.html)[0], page.url)
            pages.append(Page(page.key, site_of(dataset, page.key, page.url), gold, facts))
    return pages


def hits(pages: list[Page], same: Callable[[str | None, str], bool]) -> dict[str, bool]:
    return {page.key: same(titles.find_title(page.facts), page.gold) for page in pages}


def compare(name: str, now: dict[str, bool], base: dict[str, bool], sites: dict[str, str]) -> str:
    """One line: hits per set, and the pages and sites helped and hurt against `base`."""
    helped = sorted(key for key, hit in now.items() if hit and not base[key])
    hurt = sorted(key for key, hit in now.items() if base[key] and not hit)
    per_set = ", ".join(
        f"{d} {sum(hit for key, hit in now.items() if key.startswith(d + '/'))}" for d in DATASETS
    )
    shown = []
    for sign, keys in (("+", helped), ("-", hurt)):
        places = len({sites[key] for key in keys})
        shown.append(f"{sign}{len(keys)} pages / {places} sites {' '.join(keys)}".rstrip())
    return f"{name}: {per_set}; " + "; ".join(shown)


def held_out(
    results: dict[float, dict[str, bool]], shipped: float, sites: dict[str, str], rng: random.Random
) -> int:
    """Pages the value fitted on a random half of the sites wins (or loses, negative) against
    the shipped value on the other half."""
    names = sorted(set(sites.values()))
    half = set(rng.sample(names, len(names) // 2))
    fitted = max(
        results,
        key=lambda value: (
            sum(hit for key, hit in results[value].items() if sites[key] in half),
            value == shipped,
        ),
    )
    other = [key for key in sites if sites[key] not in half]
    return sum(results[fitted][key] for key in other) - sum(results[shipped][key] for key in other)


def on_halves(
    now: dict[str, bool], base: dict[str, bool], sites: dict[str, str], draws: int, seed: int
) -> str:
    """How often a variant's net pages against `base` hold on both halves of the sites: a
    rule that generalizes gains (or at least loses nothing) on each half of a random split."""
    names = sorted(set(sites.values()))
    rng = random.Random(seed)
    held = gained = 0
    for _ in range(draws):
        half = set(rng.sample(names, len(names) // 2))
        nets = [0, 0]
        for key, hit in now.items():
            nets[sites[key] in half] += hit - base[key]
        held += min(nets) >= 0
        gained += min(nets) > 0
    return f"net >= 0 on both halves in {held} of {draws} draws, > 0 in {gained}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=20)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    import score  # type: ignore[import-not-found]

    pages = read_pages()
    sites = {page.key: page.site for page in pages}
    base = hits(pages, score.title_exact)
    print(compare("as shipped", base, base, sites))
    for name, module, attribute, value in (*ABLATIONS, *REJECTED):
        with switched(module, attribute, value):
            now = hits(pages, score.title_exact)
        print(compare(name, now, base, sites))
        if (name, module, attribute, value) in REJECTED:
            print(f"  {on_halves(now, base, sites, args.draws, args.seed)}")
    rng = random.Random(args.seed)
    for module, attribute, grid in THRESHOLDS:
        shipped = getattr(module, attribute)
        results = {}
        for value in grid:
            with switched(module, attribute, value):
                results[value] = hits(pages, score.title_exact)
        totals = ", ".join(f"{value}: {sum(found.values())}" for value, found in results.items())
        gains = [held_out(results, shipped, sites, rng) for _ in range(args.draws)]
        mean = sum(gains) / len(gains)
        print(
            f"{attribute} (shipped {shipped}): hits {totals}; held-out pages against the "
            f"shipped value, mean {mean:+.2f} (from {min(gains)} to {max(gains)})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
