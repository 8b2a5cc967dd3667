"""trafilatura on the part of the page a cheap first pass picks (issue #15, twentieth round):
does a smaller tree make trafilatura cheaper at the same body F1?

The first pass is readability's best container (a line of 10+ words gives its words to its
block's parent and half of them to the parent's parent; the highest scored), widened by
`levels` ancestors so the headline and byline above the story come along; trafilatura reads a
copy of it alone.
Run as bench/own_main_apply.py runs the prototype: in `reader.main_lines`' place, timed
beside today's path and trafilatura.

Usage, from the repository root:
    .venv/bin/python bench/own_main_prune.py [--levels 1] [--dataset scrapinghub|fundus]
    .venv/bin/python bench/own_main_prune.py --wcxb 1 --wcxb 2 ...   (wcxb's tuning part)
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import BENCHMARKS
from lxml import html as lxml_html
from own_main_apply import TRAFILATURA_MAIN, print_results, timed_runs
from own_main_blocks import page_blocks

from newsnorm.transforms.html.nodes import parse_page, release
from newsnorm.transforms.html.reader import extraction_tree

_LONG = 10


class Pruner:
    """`reader.main_lines`' stand-in: trafilatura on the widened best container."""

    def __init__(self, levels: int) -> None:
        self.levels = levels
        self.fallbacks = 0

    def main_lines(self, tree: Any, url: str | None = None) -> list[str]:
        container = self.container(tree)
        if container is None:
            self.fallbacks += 1
            return TRAFILATURA_MAIN(tree, url)
        page = lxml_html.Element("html")  # trafilatura reads lxml.html's elements only
        body = lxml_html.Element("body")
        body.append(copy.deepcopy(container))
        page.append(body)
        return TRAFILATURA_MAIN(page, url)

    def container(self, tree: Any) -> Any:
        """The widened best container's element; None when it is the page's body or none."""
        best, top = None, 0.0
        for line in page_blocks(tree):
            words = len(line.text.split())
            parent = line.box.parent
            if words < _LONG or parent is None:
                continue
            # as readability scores: a paragraph's words to its parent, half to the next
            for candidate, share in ((parent, 1.0), (parent.parent, 0.5)):
                if candidate is not None:
                    candidate.score += words * share
                    if candidate.score > top:
                        best, top = candidate, candidate.score
        element = best.element if best is not None else None
        for _ in range(self.levels):
            if element is None or element.getparent() is None:
                break
            element = element.getparent()
        if element is None or element.tag in {"body", "html"}:
            return None
        return element


def on_wcxb(levels: list[int], limit: int | None) -> None:
    """Main text F1 (score.py's) and CPU ms a page of trafilatura on the whole tree and on
    each widening of the container, on wcxb's tuning pages, alternated page by page."""
    from own_main_content import counts, summary
    from own_main_data import tuning_pages

    runs: dict[str, Any] = {"whole tree": TRAFILATURA_MAIN}
    runs |= {f"levels {n}": Pruner(n).main_lines for n in levels}
    found: dict[str, list[tuple[float, float, float]]] = {name: [] for name in runs}
    seconds = dict.fromkeys(runs, 0.0)
    pages = tuning_pages()[:limit]
    for index, page in enumerate(pages):
        assert page.html is not None
        soup, root = parse_page(page.html)
        release(soup)
        tree = extraction_tree(root, page.html)
        for name in list(runs) if index % 2 else list(reversed(runs)):
            started = time.process_time()
            lines = runs[name](tree, page.url) if tree is not None else []
            seconds[name] += time.process_time() - started
            found[name].append(counts(_data(page), "\n".join(lines)))
    for name in runs:
        ms = 1000 * seconds[name] / len(pages)
        print(f"wcxb tuning, {name}: {summary(found[name])}; {ms:.1f} CPU ms a page")


def _data(page: Any) -> Any:
    """What own_main_content.counts reads of a page: its gold."""
    return SimpleNamespace(gold=page.gold)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=int, default=1)
    parser.add_argument("--dataset", choices=("scrapinghub", "fundus"), action="append")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--wcxb", type=int, action="append", help="levels, on wcxb tuning")
    args = parser.parse_args(argv)
    if args.wcxb:
        on_wcxb(args.wcxb, args.limit)
        return 0
    sys.path.insert(0, str(BENCHMARKS))
    from load import load  # type: ignore[import-not-found]

    pruner = Pruner(args.levels)
    for dataset in args.dataset or ["scrapinghub", "fundus"]:
        records = list(load(dataset, limit=args.limit))
        pruner.fallbacks = 0
        results = timed_runs(records, pruner)  # type: ignore[arg-type]
        print(f"{dataset}: whole page to trafilatura on {pruner.fallbacks} of {len(records)}")
        print_results(dataset, records, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
