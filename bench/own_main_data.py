"""The wcxb tuning pages as an own main-content stage learns from them (bench/own_main_content.py).

Each page is parsed as newsnorm's HTML path parses it (`nodes.parse_page`, then
`reader.extraction_tree`), split into blocks with features (bench/own_main_blocks.py), and
each block labelled by the share of its word 4-grams in the gold body, as the line model's
trainer labels a dump's units (bench/line_model_pages.py `Gold`). trafilatura's main text on
the same tree and newsnorm's body (`process_input`) are kept beside them, for comparison.
Tuning part only: bench/accuracy_metrics.py's split.
"""

from __future__ import annotations

import gc
import multiprocessing
import pickle
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy_sets import Page, benchmark_pages
from line_model_pages import Gold
from own_main_blocks import features, page_blocks

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.html.nodes import parse_page, release
from newsnorm.transforms.html.reader import extraction_tree, main_lines
from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.pipeline import process_input


@dataclass
class PageData:
    """One page's blocks (texts, feature rows, gold shares), the other bodies, and the CPU
    seconds of the blocks' walk and features."""

    key: str
    site: str
    gold: dict[str, object]
    texts: list[str]
    rows: list[list[float]]
    shares: list[float]
    trafilatura: str
    newsnorm: str
    seconds: float


def read(page: Page, with_newsnorm: bool = True) -> PageData:
    assert page.html is not None
    assert page.html_bytes is not None
    gc.disable()
    soup, root = parse_page(page.html)
    try:
        tree = extraction_tree(root, page.html)
        started = time.process_time()
        lines = page_blocks(tree) if tree is not None else []
        rows = features(lines)
        seconds = time.process_time() - started
        main = main_lines(tree, page.url) if tree is not None else []
    finally:
        release(soup)
        gc.enable()
    gold = Gold(str(page.gold.get("expected_body") or ""))
    body = ""
    if with_newsnorm:
        try:
            meta = InputMeta(media_type="text/html", url=page.url)
            body = process_input(page.html_bytes, meta, _ADAPTERS).article.body
        except DocumentRejected:
            body = ""
    return PageData(
        page.key, urlsplit(page.url or "").hostname or page.key, page.gold,
        [line.text for line in lines], rows, [gold.share(line.text) for line in lines],
        "\n".join(main), body, seconds,
    )  # fmt: skip


_ADAPTERS = tuple(load_adapters())


def tuning_pages(dataset: str = "wcxb") -> list[Page]:
    """A benchmark's tuning part, pages with a gold body."""
    return [
        page
        for page in benchmark_pages(dataset)
        if page.part == "tuning" and page.gold.get("expected_body")
    ]


def load_or_read(cache: Path, dataset: str = "wcxb", jobs: int = 2) -> list[PageData]:
    """The dataset's tuning pages read, from `cache` (another set's: named after it) when
    it is there."""
    if dataset != "wcxb":
        cache = cache.with_name(f"{cache.stem}-{dataset}{cache.suffix}")
    if cache.is_file():
        with cache.open("rb") as handle:
            data: list[PageData] = pickle.load(handle)
            return data
    pages = tuning_pages(dataset)
    with multiprocessing.Pool(jobs) as pool:
        data = pool.map(read, pages, chunksize=4)
    with cache.open("wb") as handle:
        pickle.dump(data, handle)
    return data
