"""Whether the word lists of the HTML author readers hold on sites they were not fitted on
(issue #13): each word of each list taken out in turn, on the tuning pages of wcxb and fundus
with gold authors (bench/html_author_sources.py reads them).

Per word: the pages and sites it helps and hurts (taking it out loses or wins them). Per list,
over `--draws` random halves of the sites: the list fitted on one half (the words that win
more pages than they lose there, or that change nothing there) against the whole list on the
other half. A word serving one site is kept (it wins there, or changes nothing); a word that
hurts on sites it was not written for shows as a gain.

Measured (the pages of bench/html_author_sources.py, 20 draws): the lists are nearly idle on
the tuning pages, so they cannot have been fitted to them. Of the HTML readers' 106 words
(Twitter labels, byline and not-byline classes, picture credits, author paths, labels, 'By'
openings, 'stories by' cues, person icons) 93 change no page; those that do are the common
ones ('author' as a class +13 pages / 13 sites, 'by' +6 / 5 and 'written' +3 / 3 opening a
byline, '/authors/' +3 / 3) or win one site each ('interview', 'has', 'posted', 'mar',
'bi-person', 'all articles by'). One word loses as much as it wins: '/author/' (+2 / -2,
two sites each); fitted on half the sites the list loses 0.5 pages on the other half, so it
stays. The shared lists (bylinewords.py, read by the text path too) are idler still: of
ORGANISATION's 129 words 126 change no page ('team', 'times' win one site each; 'sponsored'
loses wcxb/0477, whose gold credits 'Sponsored by StackCommerce'), of INTERFACE's 29 all but
'bio' (one site), of HOUSE_CREDIT's 7 all but 'team' and 'editors' (one site each), of
ROLE_WORD's 102 every one, of PREFIX's 36 all but 'by' (+14 / 14 sites) and 'written' (+8 /
8). No list gains on the other half from dropping the words fitted away on one half.

Usage: .venv/bin/python bench/html_author_words.py [--draws 20] [--seed 13] [--text FILE]
    [--lists NAME,…] (module.ATTRIBUTE as listed in LISTS; all by default)
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from html_author_sources import Page, bench_parser, exact_authors, halves, hits, read_pages
from html_title_rules import compare, switched

from newsnorm.transforms import bylines as text_bylines
from newsnorm.transforms.html import authorcues, authors, bylines, bywords

# A plain word standing between two alternation marks or a group's bounds.
_WORD = re.compile(r"(?:(?<=[(|:])|^)(?P<word>[\w\\-]+?)(?P<tail>s\?|\?)?(?=[|)])")
LISTS: tuple[tuple[ModuleType, str], ...] = (
    (authors, "_TWITTER_LABEL"),
    (bylines, "_BYLINE_CLASS"),
    (bylines, "_NOT_BYLINE_CLASS"),
    (bylines, "_PICTURE_CREDIT"),
    (bylines, "_AUTHOR_PATH"),
    (bylines, "_LABEL"),
    (bywords, "_BY_OPENING"),
    (authorcues, "_STORIES_BY"),
    (authorcues, "_PERSON_ICON"),
    (text_bylines, "ORGANISATION"),
    (text_bylines, "INTERFACE"),
    (text_bylines, "HOUSE_CREDIT"),
    (text_bylines, "ROLE_WORD"),
    (text_bylines, "PREFIX"),
)


def words(pattern: re.Pattern[str]) -> Iterator[tuple[str, str]]:
    """Each plain word of the pattern and the pattern without it (that compiles)."""
    source = pattern.pattern
    for found in _WORD.finditer(source):
        start, end = found.span()
        if source[end] == "|":
            end += 1
        elif source[start - 1] == "|":
            start -= 1
        else:
            continue
        without = source[:start] + source[end:]
        try:
            re.compile(without, pattern.flags)
        except re.error:
            continue
        yield found["word"], without


@contextmanager
def patched(module: ModuleType, name: str, source: str) -> Iterator[None]:
    """`module.name` compiled from `source` inside the block; the class cache cleared."""
    old: re.Pattern[str] = getattr(module, name)
    with switched(module, name, re.compile(source, old.flags)):
        bylines._byline_class.cache_clear()
        try:
            yield
        finally:
            bylines._byline_class.cache_clear()


def _selected(names: str | None) -> list[tuple[ModuleType, str]]:
    if not names:
        return list(LISTS)
    wanted = set(names.split(","))
    return [(m, a) for m, a in LISTS if f"{m.__name__.rsplit('.', 1)[-1]}.{a}" in wanted]


def word_list(
    module: ModuleType,
    name: str,
    pages: list[Page],
    base: dict[str, bool],
    exact: Callable[[Any, Any], bool],
) -> dict[str, dict[str, bool]]:
    """Each word's hits with it taken out, printing the words that change any page."""
    sites = {page.key: page.site for page in pages}
    results: dict[str, dict[str, bool]] = {}
    for word, without in words(getattr(module, name)):
        # A word the list holds twice ('team' of 'Team' and of 'editorial team') counts twice.
        seen = sum(1 for key in results if key.split(" (")[0] == word)
        label = f"{word} ({seen + 1})" if seen else word
        with patched(module, name, without):
            results[label] = hits(pages, exact)
        if results[label] != base:
            print(f"  {compare('without ' + label, results[label], base, sites)}")
    return results


def held_out(
    results: dict[str, dict[str, bool]],
    base: dict[str, bool],
    sites: dict[str, str],
    rng: random.Random,
) -> int:
    """Pages the list fitted on one half of the sites (words winning there kept, idle words
    kept) wins against the whole list on the other half, each dropped word counted alone."""
    half, other = halves(sites, rng)
    fitted = [key for key in sites if sites[key] in half]
    gain = 0
    for found in results.values():
        lost = sum(base[key] for key in fitted) - sum(found[key] for key in fitted)
        changed = any(base[key] != found[key] for key in fitted)
        if changed and lost <= 0:
            gain += sum(found[key] for key in other) - sum(base[key] for key in other)
    return gain


def main(argv: list[str] | None = None) -> int:
    parser = bench_parser(__doc__.splitlines()[0])
    parser.add_argument("--lists", help="module.ATTRIBUTE,… (default: every list)")
    args = parser.parse_args(argv)
    exact = exact_authors()
    pages = read_pages(args.text)
    sites = {page.key: page.site for page in pages}
    base = hits(pages, exact)
    print(compare("as shipped", base, base, sites))
    rng = random.Random(args.seed)
    for module, name in _selected(args.lists):
        print(f"{module.__name__.rsplit('.', 1)[-1]}.{name}:", flush=True)
        results = word_list(module, name, pages, base, exact)
        idle = [word for word, found in results.items() if found == base]
        gains = [held_out(results, base, sites, rng) for _ in range(args.draws)]
        mean = sum(gains) / len(gains)
        print(f"  {len(results)} words, {len(idle)} change no page; fitted on half the sites, "
              f"mean {mean:+.2f} pages on the other half (from {min(gains)} to {max(gains)})",
              flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
