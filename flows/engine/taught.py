"""The lines each new article will teach learning, kept from its batch until learning counts
them, so learning does not read them back from the warehouse.

Learning counts a teaching article's countable lines: its paragraphs and the learned lines cut
from it (`flows.engine.learning`). It read them by article id, a chunk of 5,000 at a time, and
each read decoded every stored article's paragraphs: the read grew with the warehouse (with
making the lines, ~40% of learning's CPU at 30,000 and 100,000 articles; docs/history/scale.md,
twelfth round). A batch that writes an article's row and its removals knows both already; the
worker that made the article made its lines too (flows/engine/workers.py), and the batch keeps
them here, by the stored id, in an anonymous temporary file (the parent keeps 20 bytes an
article); learning takes them for the teachers found here, reading only the others.

Only an article new to the warehouse whose removals the chunk writes is kept: its row and its
`boilerplate` rows are then the only ones under its id, so its lines are exactly what the
warehouse would give. The file is unlinked when made; a run killed before learning leaves
nothing, and the next run's learning reads those articles from the warehouse, as it always did.
"""

from __future__ import annotations

import logging
from array import array
from collections.abc import Iterable, Sequence
from contextvars import ContextVar

import numpy as np

from newsnorm.flows.engine.prebuilt import NotMadeAgain, Prebuilt, facts_of
from newsnorm.flows.engine.spill import SpillFile, record_key
from newsnorm.transforms.learned import RULE, countable_lines
from newsnorm.transforms.pipeline import Processed
from newsnorm.transforms.records import Article
from newsnorm.transforms.text import normalize_text

logger = logging.getLogger(__name__)

# Between a record's id and lines (an article holding it anywhere is not kept).
_SEP = "\x00"


def taught_lines(paragraphs: Iterable[str], cut: Iterable[str]) -> frozenset[str]:
    """The lines an article teaches: its countable paragraphs and the learned lines cut from
    it (`cut`: the removals' text, as the `boilerplate` table holds it)."""
    return countable_lines([*paragraphs, *(normalize_text(text) for text in cut)])


def article_lines(article: Article) -> frozenset[str] | None:
    """`taught_lines` of an article as a batch writes it: its paragraphs and the text of its
    learned-line removals, the rows learning would read back. None when they cannot be made
    here: learning then reads the article back, so a fault never costs the chunk."""
    try:
        cut = [removal.text for removal in article.removals if removal.rule == RULE]
        return taught_lines(article.paragraphs, cut)
    except Exception:
        return None


def _only_cut(article: Article, lines: frozenset[str]) -> frozenset[str]:
    """The lines of `lines` that are not among the article's paragraphs: learned lines cut."""
    if not any(removal.rule == RULE for removal in article.removals):
        return frozenset()
    return lines.difference(article.paragraphs)


class TaughtLines:
    """Each held article's lines by its stored id, in a temporary file until learning takes
    them. A file that cannot be written holds nothing more: learning reads those articles."""

    def __init__(self) -> None:
        self._spill = SpillFile(
            "newsnorm-taught-", "taught lines not kept for learning: it reads them"
        )
        self._keys = array("Q")
        self._offsets = array("Q")
        self._sizes = array("I")  # 4 bytes: a record is far under 4 GiB
        # Lines the workers made for the chunk being committed, by article id (its first
        # copy's), and those made for the chunk's later copies of one article.
        self._offered: dict[str, tuple[Article | Prebuilt, frozenset[str]]] = {}
        self._copies: dict[str, list[tuple[Article | Prebuilt, frozenset[str]]]] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def offer(self, made: Article | Prebuilt, lines: frozenset[str]) -> None:
        """The lines a worker made for an article (`article_lines`), or for the article a
        worker's result holds, so that `add` need not make them here; kept until the chunk's
        commit ends (`end_chunk`). Each of a chunk's copies of one article keeps its own
        offer: the copy a batch adds is not always the first (the first may be changed here,
        a learned line cut), and a copy whose offer was lost had its article read, made again
        when it crossed without its pickle (docs/history/scale.md, twenty-fifth round)."""
        if not self._spill.failed:
            article_id = made.facts.article_id if isinstance(made, Prebuilt) else made.article_id
            if article_id in self._offered:
                self._copies.setdefault(article_id, []).append((made, lines))
            else:
                self._offered[article_id] = (made, lines)

    def end_chunk(self) -> None:
        """Drop what was offered for articles not added (duplicates, or changed here)."""
        self._offered.clear()
        self._copies.clear()

    def add(self, article: Article) -> None:
        """Hold the lines of an article this chunk writes with its removals: those a worker
        offered for this very article (not one this process changed since), else made here."""
        if self._spill.failed:
            return
        lines = self._offer_of(article.article_id, article)
        if lines is None:
            lines = article_lines(article)
            if lines is None:
                return  # learning reads this article back
        self._hold(article.article_id, lines, _only_cut(article, lines))

    def add_result(self, result: Processed) -> None:
        """`add` of a result's article: a worker's result offered as it came, unchanged, is
        held with its offered lines without reading its pickled article (a worker cuts no
        learned line, so none is only cut, unless an adapter's rule bears their name). An
        article that crossed without its pickle and cannot be made again here is not held:
        learning reads it back, and the run goes on."""
        if self._spill.failed:
            return
        facts = facts_of(result)
        if isinstance(result, Prebuilt) and not facts.learned_rule:
            lines = self._offer_of(facts.article_id, result)
            if lines is not None:
                self._hold(facts.article_id, lines, frozenset())
                return
        try:
            article = result.article
        except NotMadeAgain as err:
            logger.warning("%s; learning reads it back", err)
            return
        self.add(article)

    def _offer_of(self, article_id: str, made: Article | Prebuilt) -> frozenset[str] | None:
        """The lines offered for this very object, taken; None if none was."""
        first = self._offered.get(article_id)
        if first is not None and first[0] is made:
            del self._offered[article_id]
            return first[1]
        copies = self._copies.get(article_id, [])
        for index, (offered, lines) in enumerate(copies):
            if offered is made:
                del copies[index]
                return lines
        return None

    def _hold(self, article_id: str, lines: frozenset[str], only: frozenset[str]) -> None:
        # Lines only cut from it (learning asks where their earlier stories are apart)
        # follow an empty line: a countable line is never empty.
        fields = (article_id, *lines.difference(only), *(("", *only) if only else ()))
        text = _SEP.join(fields)
        if text.count(_SEP) != len(fields) - 1:
            return  # a NUL in the id or a line: learning reads this article back
        record = text.encode("utf-8", "surrogatepass")
        self._keys.append(record_key(article_id))
        self._offsets.append(self._spill.append(record))
        self._sizes.append(len(record))
        if self._spill.failed:
            self.close()

    def take(
        self, article_ids: Sequence[str], cut: dict[str, frozenset[str]] | None = None
    ) -> dict[str, frozenset[str]]:
        """The lines held for those of these articles that are held; `cut`, if given, gets
        those a held article carries only as learned lines cut from it."""
        if not self._spill.flush():
            self.close()
            return {}
        if not article_ids:
            return {}
        keys = np.frombuffer(self._keys, np.uint64)
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        wanted = np.array([record_key(a) for a in article_ids], np.uint64)
        starts = np.searchsorted(ordered, wanted).tolist()
        found: dict[str, frozenset[str]] = {}
        for article_id, key, start in zip(article_ids, wanted.tolist(), starts, strict=True):
            while start < len(ordered) and int(ordered[start]) == key:
                position = int(order[start])
                start += 1
                stored_id, *lines = (
                    self._read(position).decode("utf-8", "surrogatepass").split(_SEP)
                )
                if stored_id == article_id:
                    found[article_id] = frozenset(lines).difference(("",))
                    if "" in lines and cut is not None:
                        cut[article_id] = frozenset(lines[lines.index("") + 1 :])
                    break
        return found

    def close(self) -> None:
        """Drop the file (learning is done, or the run is ending)."""
        self._spill.close()
        self._keys, self._offsets, self._sizes = array("Q"), array("Q"), array("I")

    def _read(self, position: int) -> bytes:
        return self._spill.read(self._offsets[position], self._sizes[position])


# Where batches run here, one after another, keep their new articles' lines for the run's
# learning (a task runner's batch in another process has none).
TAUGHT: ContextVar[TaughtLines | None] = ContextVar("taught", default=None)
