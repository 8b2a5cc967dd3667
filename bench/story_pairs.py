"""The labelled set of article-body pairs that bench/stories.py measures story linking on.

Copies (label True) and different stories (label False), built reproducibly (seeded) from:
- the dev corpus (../shared/corpus/dev/): each raw file goes through the pipeline
  (`transforms.pipeline.process_input`, which reads pages as pages), so bodies are what the
  warehouse would fingerprint; its index.tsv names the near-duplicate groups (dcnf_3 and
  dcnf_4 are one story), which give the one real copy pair and keep those files apart in
  the negatives;
- the gold article bodies of ../shared/benchmarks/ (scrapinghub and fundus), from which
  copies are generated the way syndication makes them: verbatim in another CMS's
  typography, trimmed to an excerpt, re-headlined, with another site's cruft, with
  paragraphs moved or dropped, a combination, and two independent copies of one story.
  Cruft is added to the cleaned body, i.e. it stands for cruft the cleaner missed: the
  worst case for linking, and the one a threshold has to survive.

Negatives, hardest first:
- `same_event`: different stories about one event or one subject. (1) Every pair of
  benchmark or dev bodies that shares at least 5 word 5-grams (pages from one site sharing
  a boilerplate paragraph, two outlets quoting one statement: BBC and Fox News on the
  Taylor Swift dispute, Fox Business and Barron's on Home Depot's earnings, MSN and Forbes
  on the duvet-lung case); (2) the top pairs by Jaccard of their rare words (words in at
  most `RARE_DF` bodies: names, places, topic terms), same language; (3) dev pairs picked by
  hand from the index: the DCNF Israel/Gaza stories against each other and the Reuters
  Gaza story, and the DCNF and AP Boy Scouts settlement stories. Pages of one URL are one
  story (the Taz page crawled twice is a copy pair, `natural`), never a negative.
- `shared_cruft`: two different stories carrying the same site's cruft (one site kit,
  identical text, sometimes a long syndicator notice that alone is 25-60 words); half of
  them are two briefs (excerpts) under one long notice, where the notice is a large share
  of each body.
- `different`: random pairs of different stories in the same language.

A sample of each kind was read when this was written (`python bench/story_pairs.py --show
KIND` prints some); the top rare-word pairs are mostly one outlet's stories on one topic
or two outlets on one event, not copies.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from story_copies import copies_of, cruft_kit, excerpt, with_cruft

from newsnorm.transforms.stories import shingles, similarity, story_words

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BENCHMARKS = SHARED / "benchmarks"
CORPUS = SHARED / "corpus" / "dev"

SEED = 7
MIN_WORDS = 150  # shorter gold bodies are notes and teasers, not stories to syndicate
RARE_DF = 8
SAME_EVENT_TOP = 150
RARE_LANGUAGES = frozenset({"en", "de"})  # the pools large enough for rare words to mean a topic
COPY_KINDS = (
    "verbatim",
    "excerpt",
    "reheadlined",
    "cruft",
    "reordered",
    "combined",
    "two_copies",
    "natural",
)
NEGATIVE_KINDS = ("same_event", "shared_cruft", "different")
# Dev files that are different stories on one event or subject, chosen by reading index.tsv.
DEV_SAME_EVENT = (
    ("dcnf_1", "dcnf_3"),  # Netanyahu and the Oct. 7 attack / Netanyahu and the Rafah offensive
    ("dcnf_1", "dcnf_4"),
    ("dcnf_3", "dcnf_11"),  # Rafah offensive / Biden and Gaza casualty figures
    ("dcnf_1", "dcnf_11"),
    ("dcnf_3", "reuters_1"),  # DCNF and Reuters on the war in Gaza
    ("dcnf_11", "reuters_1"),
    ("dcnf_6", "ap_1"),  # Boy Scouts abuse settlements: DCNF 2022 ($2.7B), AP 2021 ($850M)
)


@dataclass(frozen=True, slots=True)
class Source:
    """One story's cleaned body; `group` is equal for bodies that are one story."""

    id: str
    group: str
    language: str
    body: str


@dataclass(frozen=True, slots=True)
class Pair:
    """Two bodies, whether they are one story, and how the pair was made."""

    a: str
    b: str
    copy: bool
    kind: str
    note: str


def story_key(url: str) -> str:
    """A page's URL without scheme, www., fragment or trailing slash: the dev corpus holds
    pages the benchmarks hold too (reuters_1, futurism_1), and one page is one story (the
    query stays: some sites name the article there)."""
    url = re.sub(r"^[a-z]+://(www\.)?", "", url.strip().lower())
    return url.split("#", 1)[0].rstrip("/")


def dev_sources(corpus: Path = CORPUS) -> list[Source]:
    """Dev-corpus bodies the pipeline accepts, grouped by the index's near-duplicate notes."""
    from newsnorm.transforms.adapters.registry import load_adapters
    from newsnorm.transforms.errors import DocumentRejected
    from newsnorm.transforms.inputs import InputMeta
    from newsnorm.transforms.pipeline import process_input

    group: dict[str, str] = {}
    for line in (corpus / "index.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        name, _, where = line.split("\t")[:3]
        name = name.rsplit(".", 1)[0]
        page = re.search(r"page URL (\S+?)\)", line)
        group[name] = story_key(page.group(1) if page else where)
        for other in re.findall(r"(?:[Nn]ear-dup group with|republication of) (\w+)", line):
            group[other] = group[name]
    adapters = load_adapters()
    sources = []
    for path in sorted(corpus.iterdir()):
        if path.suffix not in {".txt", ".html"}:
            continue
        try:
            body = process_input(path.read_bytes(), InputMeta(path.name), adapters).article.body
        except DocumentRejected:
            continue
        if len(story_words(body)) >= MIN_WORDS // 2:  # dev samples are ~2000-char cuts
            sources.append(Source(f"dev:{path.stem}", group.get(path.stem, path.stem), "en", body))
    return sources


def benchmark_sources(benchmarks: Path = BENCHMARKS) -> list[Source]:
    """Gold bodies of both benchmarks with at least MIN_WORDS words; one URL is one story."""
    sys.path.insert(0, str(benchmarks))
    try:
        from load import load  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(benchmarks))
    sources = []
    for dataset in ("scrapinghub", "fundus"):
        record: dict[str, Any]
        for record in load(dataset):
            body = record["expected_body"] or ""
            if len(story_words(body)) >= MIN_WORDS:
                url = story_key(record["url"] or record["id"])
                language = str(record["language"] or "?")
                sources.append(Source(f"{dataset}:{record['id']}", url, language, body))
    return sources


def rare_words(sources: list[Source]) -> list[frozenset[str]]:
    """Each body's words of 4+ letters found in at most RARE_DF bodies (names, places, topic
    terms): what two reports of one event share even when no sentence is shared."""
    sets = [
        frozenset(w for w in story_words(s.body) if len(w) >= 4 and w.isalpha()) for s in sources
    ]
    df = Counter(word for words in sets for word in words)
    return [frozenset(w for w in words if 1 < df[w] <= RARE_DF) for words in sets]


# --- the set ------------------------------------------------------------------------------


def labelled_pairs(sources: list[Source], seed: int = SEED) -> list[Pair]:
    """Every pair of the labelled set, in a stable order (one seeded generator, drawn from in
    the same order every time)."""
    rng = random.Random(seed)
    pairs = _copy_pairs(sources, rng)
    negatives = _Negatives(pairs)
    _same_event_pairs(sources, negatives)
    _sampled_negatives(sources, rng, negatives)
    return pairs


def _copy_pairs(sources: list[Source], rng: random.Random) -> list[Pair]:
    """Natural copies (one story's files), then generated copies of every body."""
    pairs: list[Pair] = []
    by_group: dict[str, list[Source]] = {}
    for source in sources:
        by_group.setdefault(source.group, []).append(source)
    for members in by_group.values():
        for first, second in itertools.combinations(members, 2):
            pairs.append(
                Pair(first.body, second.body, True, "natural", f"{first.id} ~ {second.id}")
            )
    for source in sources:
        other = rng.choice(sources).body
        for kind, text_a, text_b in copies_of(source.body, rng, other):
            pairs.append(Pair(text_a, text_b, True, kind, source.id))
    return pairs


class _Negatives:
    """Adds negative pairs of two different stories; a same-event pair only once."""

    def __init__(self, pairs: list[Pair]) -> None:
        self.pairs = pairs
        self.seen: set[tuple[str, str]] = set()

    def add(self, a: Source, b: Source, kind: str, x: str, y: str, note: str) -> None:
        key = (min(a.id, b.id), max(a.id, b.id))
        if a.group != b.group and (kind != "same_event" or key not in self.seen):
            self.seen.add(key)
            self.pairs.append(Pair(x, y, False, kind, f"{a.id} / {b.id}{note}"))


def _same_event_pairs(sources: list[Source], negatives: _Negatives) -> None:
    """Dev pairs chosen by hand, pairs sharing 5-grams, and the top rare-word pairs."""
    ids = {source.id: source for source in sources}
    for x, y in DEV_SAME_EVENT:
        if f"dev:{x}" in ids and f"dev:{y}" in ids:
            a, b = ids[f"dev:{x}"], ids[f"dev:{y}"]
            negatives.add(a, b, "same_event", a.body, b.body, " (dev, by hand)")
    shingle_sets = [shingles(source.body) for source in sources]
    for i, j in itertools.combinations(range(len(sources)), 2):
        shared = len(shingle_sets[i] & shingle_sets[j])
        if shared >= 5:
            a, b = sources[i], sources[j]
            negatives.add(a, b, "same_event", a.body, b.body, f" ({shared} shared 5-grams)")
    rare = rare_words(sources)
    scored = []
    for i, j in itertools.combinations(range(len(sources)), 2):
        if sources[i].language == sources[j].language in RARE_LANGUAGES:
            union = len(rare[i] | rare[j]) or 1
            scored.append((len(rare[i] & rare[j]) / union, i, j))
    for score, i, j in sorted(scored, reverse=True)[:SAME_EVENT_TOP]:
        a, b = sources[i], sources[j]
        negatives.add(a, b, "same_event", a.body, b.body, f" (rare-word Jaccard {score:.2f})")


def _sampled_negatives(sources: list[Source], rng: random.Random, negatives: _Negatives) -> None:
    """Random pairs in one language: bare (`different`) or under one site's cruft."""
    by_language: dict[str, list[Source]] = {}
    for source in sources:
        by_language.setdefault(source.language, []).append(source)
    pools = [pool for pool in by_language.values() if len(pool) > 1]
    weights = [len(pool) for pool in pools]
    for kind, count in (("shared_cruft", len(sources)), ("different", 2 * len(sources))):
        for _ in range(count):
            one, two = rng.sample(rng.choices(pools, weights)[0], 2)
            if kind == "different":
                negatives.add(one, two, kind, one.body, two.body, "")
                continue
            # Half are two briefs (excerpts) under one long syndicator notice: the shared
            # cruft is then a large share of each body, the hardest case.
            brief = rng.random() < 0.5
            kit = cruft_kit(rng, rng.choice(sources).body, long_notice=brief)
            x, y = one.body, two.body
            if brief:
                x, y = excerpt(x, rng, ""), excerpt(y, rng, "")
            x, y = with_cruft(x, kit, rng), with_cruft(y, kit, rng)
            negatives.add(one, two, kind, x, y, " (briefs)" if brief else "")


def load_pairs(seed: int = SEED) -> list[Pair] | None:
    """The labelled set, or None when ../shared/ (corpus and benchmarks) is absent."""
    if not (CORPUS / "index.tsv").is_file() or not (BENCHMARKS / "load.py").is_file():
        return None
    return labelled_pairs(dev_sources() + benchmark_sources(), seed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--show", metavar="KIND", help="print a few pairs of this kind")
    parser.add_argument("--count", type=int, default=3)
    args = parser.parse_args()
    pairs = load_pairs()
    if pairs is None:
        print(f"skipped: no corpus/benchmarks under {SHARED} (it lives outside the repo)")
        return 0
    counts = Counter((pair.copy, pair.kind) for pair in pairs)
    for (copy, kind), count in sorted(
        counts.items(), key=lambda item: (not item[0][0], item[0][1])
    ):
        print(f"{'copy' if copy else 'not a copy':10} {kind:13} {count:5}")
    if args.show:
        chosen = [pair for pair in pairs if pair.kind == args.show]
        for pair in random.Random(0).sample(chosen, min(args.count, len(chosen))):
            found = similarity(shingles(pair.a), shingles(pair.b))
            print(f"\n===== {pair.kind} {pair.note} {found}")
            print(pair.a[:700], "\n----- vs -----\n", pair.b[:700], sep="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
