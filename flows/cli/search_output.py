"""`newsnorm search` as text (one block per hit) or rows (table, csv, json)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from newsnorm.warehouse.search import SearchHit

SEARCH_COLUMNS = (
    "rank",
    "score",
    "title",
    "syndicator",
    "date",
    "site",
    "url",
    "snippet",
    "article_id",
    "source_uri",
    "story_id",
    "copies",
    "matching_copies",
)


def search_rows(hits: Sequence[SearchHit]) -> list[tuple[object, ...]]:
    """One row per hit (SEARCH_COLUMNS); `matching_copies` is null unless collapsed."""
    return [
        (rank, round(hit.score, 4), hit.title, hit.syndicator, hit.published, hit.site, hit.url,
         hit.snippet, hit.article_id, hit.source_uri, hit.story_id, hit.copies, hit.matching)
        for rank, hit in enumerate(hits, start=1)
    ]  # fmt: skip


def write_search_text(hits: Sequence[SearchHit], out: TextIO) -> None:
    """Each hit: title and score, where and when, a snippet, then its article id and input
    (for `newsnorm show` and `explain`) and, for a copied story, its copies."""
    for rank, hit in enumerate(hits, start=1):
        where = " · ".join(str(part) for part in (hit.syndicator, hit.published, hit.site) if part)
        out.write(f"{rank}. {hit.title or '(untitled)'}  [{hit.score:.2f}]\n")
        if where:
            out.write(f"   {where}\n")
        out.write(f"   {hit.snippet}\n")
        out.write(f"   {hit.article_id}  {hit.source_uri}\n")
        if hit.matching is not None and hit.copies > 1:
            out.write(
                f"   story {hit.story_id}: {hit.copies} copies, {hit.matching} matching "
                "(the best shown)\n"
            )
        elif hit.copies > 1:
            out.write(f"   one of {hit.copies} copies of story {hit.story_id}\n")
        out.write("\n")
