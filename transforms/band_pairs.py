"""A linking chunk's candidate pairs from the band-key rows it holds, in numpy: what the SQL
of `warehouse.story_links` (its `_SHARED` sample and ranking) finds, from arrays, and the
chunk's rows the band-key index records (`story_bands._RECORD`'s ranking), from the same sort.

Articles are given as codes that sort as their ids do, so "smallest id" is "smallest code".
On a dense chunk (1,000 articles, 64,000 keys, ~170,000 index rows, ~1 M joined rows) the
query cost ~0.24 s of CPU a chunk in DuckDB and this ~0.08: sorting integers, where DuckDB
hashed and aggregated strings.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def sampled_pairs(
    held: tuple[Any, Any], new: tuple[Any, Any], bucket: int, per_article: int
) -> tuple[Any, Any]:
    """Pairs (a, b), a < b, of a new article and another that share a band key among the
    `bucket` smallest codes holding it, and are among the `per_article` the new article
    shares most keys with (ties to the smaller code). `held` is (keys, codes) of the rows
    held before the chunk, `new` the chunk's own: rows are counted as a join counts them,
    a repeated row twice."""
    a, b, _ = sampled_and_recorded(held, new, bucket, per_article, 0)
    return a, b


def sampled_and_recorded(
    held: tuple[Any, Any], new: tuple[Any, Any], bucket: int, per_article: int, kept: int
) -> tuple[Any, Any, Any]:
    """`sampled_pairs`, and the positions in `new` of the rows that rank among their key's
    `kept` smallest codes, the held rows' and the new ones' together (what the band-key
    index records of a chunk): both from one sort of the rows, which DuckDB ranked again
    in the recording's window query. The sort is stable, so where a chunk's article already
    holds a row of a key (no flow links an article twice under one setting: a stale index
    only) the held row ranks first and a new copy at the cut is not recorded."""
    new_keys, new_codes = (np.asarray(part, np.int64) for part in new)
    keys = np.concatenate([np.asarray(held[0], np.int64), new_keys])
    codes = np.concatenate([np.asarray(held[1], np.int64), new_codes])
    span = int(codes.max()) + 1 if len(codes) else 1  # pairs are coded new * span + other
    order = np.lexsort((codes, keys))
    keys, codes = keys[order], codes[order]
    ranks = _ranks(keys)
    recorded = order[(ranks < kept) & (order >= len(order) - len(new_codes))]
    recorded = np.sort(recorded - (len(order) - len(new_codes)))
    kept_rows = ranks < bucket
    keys, codes = keys[kept_rows], codes[kept_rows]
    # Each new row meets every sampled row of its key.
    low = np.searchsorted(keys, new_keys, "left")
    met = np.searchsorted(keys, new_keys, "right") - low
    starts = np.cumsum(met) - met
    rows = np.arange(int(met.sum())) - np.repeat(starts - low, met)
    others, news = codes[rows], np.repeat(new_codes, met)
    apart = others != news
    pairs, shared = np.unique(news[apart] * span + others[apart], return_counts=True)
    news, others = pairs // span, pairs % span
    order = _by_shared(news, others, shared, span)
    news, others = news[order], others[order]
    best = _ranks(news) < per_article
    news, others = news[best], others[best]
    found = np.unique(np.minimum(news, others) * span + np.maximum(news, others))
    return found // span, found % span, recorded


def _by_shared(news: Any, others: Any, shared: Any, span: int) -> Any:
    """The order of pairs by new code, then most shared keys, then the other's code: one
    sort of a code made of the three where it fits in 63 bits (a lexsort of three keys cost
    ten times as much on a dense chunk), else the lexsort."""
    if not len(news):
        return np.zeros(0, np.int64)
    most = int(shared.max()) + 1
    if span * span * most >= 2**62:
        return np.lexsort((others, -shared, news))
    return np.argsort((news * most + (most - 1 - shared)) * span + others)


def _ranks(groups: Any) -> Any:
    """Each element's place (0, 1, ...) in its run of equal values of sorted `groups`."""
    if not len(groups):
        return np.zeros(0, np.int64)
    starts = np.flatnonzero(np.concatenate(([True], groups[1:] != groups[:-1])))
    return np.arange(len(groups)) - np.repeat(starts, np.diff(np.append(starts, len(groups))))
