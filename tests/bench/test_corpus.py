"""The ingest benchmark's corpora (bench/corpus.py): the diverse one's articles share no
paragraph, the dense one's are windows of one source text, as one wire story on many sites."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests_support import ROOT


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import corpus as module
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return module


def _paragraphs(folder: Path) -> list[list[str]]:
    """Each article's body paragraphs: blocks after the header, notice and ad markers out;
    exact copies of a file (the corpus's duplicates) once."""
    articles = []
    for data in sorted({path.read_bytes() for path in folder.iterdir()}):
        text = data.decode("utf-8", errors="replace")
        blocks = [block.strip() for block in text.split("\n\n")[1:] if block.strip()]
        blocks = [b for b in blocks if "Daily Caller News Foundation" not in b and "\n" not in b]
        blocks = [b for b in blocks if b not in ("Font Size:", "Advertisement")]
        if blocks:
            articles.append([b.split(" (RELATED: ")[0] for b in blocks])
    return articles


def test_dense_bodies_are_windows_of_one_source(corpus: ModuleType, tmp_path: Path) -> None:
    made = corpus.generate_corpus(tmp_path / "dense", 60, random.Random(5), "dense")
    source = corpus.source_text(random.Random(5))  # the corpus draws its source first
    assert made.dcnf + made.generic > 50
    for paragraphs in _paragraphs(tmp_path / "dense"):
        window = paragraphs[1:]  # the opening line names the article's number
        assert len(window) >= 2
        start = source.index(window[0])
        assert source[start : start + len(window)] == window


def test_diverse_articles_share_no_paragraph(corpus: ModuleType, tmp_path: Path) -> None:
    corpus.generate_corpus(tmp_path / "diverse", 60, random.Random(5))
    seen: set[str] = set()
    for paragraphs in _paragraphs(tmp_path / "diverse"):
        mine = set(paragraphs)
        assert not mine & seen
        seen |= mine


def test_recurring_sites_carry_lines_of_their_own(corpus: ModuleType, tmp_path: Path) -> None:
    corpus.generate_corpus(tmp_path / "recurring", 200, random.Random(5), "recurring")
    sites = sorted((tmp_path / "recurring").iterdir())
    assert len(sites) == corpus.RECURRING_SITES
    carriers: list[dict[str, int]] = []
    for site in sites:
        counts: dict[str, int] = {}
        for paragraphs in _paragraphs(site):
            for line in set(paragraphs):
                counts[line] = counts.get(line, 0) + 1
        carriers.append(counts)
    # Every site has lines most of its articles carry, and lines exactly two carry.
    assert all(max(counts.values()) >= 4 for counts in carriers)
    assert any(2 in counts.values() for counts in carriers)
    # A site's lines are its own.
    shared = [line for counts in carriers for line, n in counts.items() if n >= 3]
    assert len(shared) == len(set(shared))
