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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


# --- copies of one body -------------------------------------------------------------------

SITES = (
    "The Daily Ledger",
    "Foreign Desk News",
    "American Wire News",
    "Conservative Action News",
    "Salon",
    "ScienceAlert",
    "Yahoo News",
    "MSN",
    "the Anchorage Daily News",
    "Missouri Independent",
)
NAMES = ("Jake Smith", "Maya Lopez", "Terry Slevin", "Duaa Eldeib", "Nathanael Johnson")
LONG_NOTICES = (
    "All content created by the Daily Caller News Foundation, an independent and nonpartisan "
    "newswire service, is available without charge to any legitimate news publisher that can "
    "provide a large audience. All republished articles must include our logo, our reporter's "
    "byline and their DCNF affiliation. For any questions about our guidelines or partnering "
    "with us, please contact licensing@dailycallernewsfoundation.org.",
    "KHN (Kaiser Health News) is a national newsroom that produces in-depth journalism about "
    "health issues. Together with Policy Analysis and Polling, KHN is one of the three major "
    "operating programs at KFF (Kaiser Family Foundation). KFF is an endowed nonprofit "
    "organization providing information on health issues to the nation.",
    "ProPublica is a Pulitzer Prize-winning investigative newsroom. Sign up for The Big Story "
    "newsletter to receive stories like this one in your inbox.",
    "Get Our Top Investigations Subscribe to the Big Story newsletter. Don't miss out on "
    "ProPublica's next investigation. This site is protected by reCAPTCHA and the Google "
    "Privacy Policy and Terms of Service apply.",
)


@dataclass(frozen=True, slots=True)
class CruftKit:
    """One site's cruft: lines it puts above, between and below a story's paragraphs."""

    top: tuple[str, ...]
    inline: tuple[str, ...]
    bottom: tuple[str, ...]


def paragraphs(body: str) -> list[str]:
    """Paragraphs of a body; a body of one or two paragraphs is split into sentences, so
    excerpts and reordering still have units to work on."""
    parts = [line.strip() for line in body.splitlines() if line.strip()]
    if len(parts) < 3:
        parts = [s for s in re.split(r"(?<=[.!?…])\s+", " ".join(parts)) if s]
    return parts


def join(parts: Iterable[str]) -> str:
    return "\n\n".join(parts)


def headline_from(text: str, rng: random.Random) -> str:
    """A plausible headline: a run of the text's words in title case."""
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", text)[:40] or ["News"]
    start = rng.randrange(max(1, len(words) - 6))
    return " ".join(
        word[:1].upper() + word[1:] for word in words[start : start + rng.randint(6, 11)]
    )


def cruft_kit(rng: random.Random, other_text: str, long_notice: bool = False) -> CruftKit:
    """A site's cruft, from the wordings in ../shared/syndication/CATALOGUE.md; `other_text`
    (another story) fills related-story rails, as on a real page."""
    site = rng.choice(SITES)
    name = rng.choice(NAMES)
    related = headline_from(other_text, rng)
    caption = (
        f"{name} speaks to reporters on {rng.choice(('Monday', 'Tuesday', 'Friday'))}. "
        f"(Photo by {rng.choice(NAMES).upper()}/AFP via Getty Images)"
    )
    top = [
        "Skip to main content",
        "Sign up for our newsletter",
        "Listen to this article",
        f"By: {name}, {site}",
        caption,
        f"{rng.randint(2, 99)}views",
        "Font Size:",
        "When you buy through links on our articles, Future and its syndication partners may "
        "earn a commission.",
        f"This article was originally published by {site}. Click here to read in full.",
    ]
    inline = [
        "Advertisement",
        "ADVERTISEMENT",
        "Advertisement:",
        f"(RELATED: {related})",
        f"© Provided by {site}",
        f"TRENDING: {related}",
        f"READ MORE: {related}",
        caption,
    ]
    bottom = [
        "Share this:\nClick to share on X (Opens in new window)X\n"
        "Click to share on Facebook (Opens in new window)Facebook\nLike Loading...",
        f"This article was originally published by {site} and is republished with permission.",
        "This article is republished from The Conversation under a Creative Commons license. "
        "Read the original article.",
        f"The post {related} appeared first on {site}.",
        "Leave a Comment\nYour email address will not be published. Required fields are marked *",
        f"Previous post {related}\nNext post {headline_from(other_text[::-1], rng)}",
        f"Originally published on {site}.",
        "Scroll to Top",
        "Republish This Story",
    ]
    if long_notice or rng.random() < 0.4:
        bottom = [rng.choice(LONG_NOTICES)]
    return CruftKit(
        tuple(rng.sample(top, rng.randint(1, 2))),
        tuple(rng.sample(inline, rng.randint(0, 3))),
        tuple(rng.sample(bottom, rng.randint(1, min(3, len(bottom))))),
    )


def with_cruft(body: str, kit: CruftKit, rng: random.Random) -> str:
    parts = paragraphs(body)
    for line in kit.inline:
        at = rng.randint(1, len(parts))
        if line.startswith("(RELATED") and at > 0:
            parts[at - 1] = f"{parts[at - 1]} {line}"  # DCNF glues it to a paragraph's end
        else:
            parts.insert(at, line)
    return join([*kit.top, *parts, *kit.bottom])


def verbatim(body: str, rng: random.Random, _other: str) -> str:
    """The same text as another CMS renders it: quotes, line breaks, spaces."""
    text = body
    if rng.random() < 0.5:
        text = text.replace("'", "\u2019").replace('"', "\u201c")
    if rng.random() < 0.5:
        text = re.sub(r"\n\s*\n", "\n", text)
    if rng.random() < 0.5:
        text = text.replace(" ", "\u00a0", rng.randint(1, 20))
    return text


def excerpt(body: str, rng: random.Random, _other: str) -> str:
    """The first 20%-60% of the paragraphs, sometimes with a read-more line."""
    parts = paragraphs(body)
    keep = max(1, round(len(parts) * rng.uniform(0.2, 0.6)))
    tail = [rng.choice(("View full article", "Read the full story", "Read more…"))]
    return join(parts[:keep] + (tail if rng.random() < 0.5 else []))


def reheadlined(body: str, rng: random.Random, other: str) -> str:
    """The body under a new headline line, sometimes with a dek."""
    lines = [headline_from(body, rng)]
    if rng.random() < 0.5:
        lines.append(f"{headline_from(body, rng)}, and what it means for {rng.choice(SITES)}")
    return join([*lines, body])


def crufted(body: str, rng: random.Random, other: str) -> str:
    return with_cruft(body, cruft_kit(rng, other), rng)


def reordered(body: str, rng: random.Random, _other: str) -> str:
    """Some paragraphs moved, some dropped (10%-40%), or both; the first stays first."""
    parts = paragraphs(body)
    mode = rng.choice(("move", "drop", "both"))
    if mode in {"drop", "both"} and len(parts) > 2:
        drop = set(
            rng.sample(range(1, len(parts)), round((len(parts) - 1) * rng.uniform(0.1, 0.4)))
        )
        parts = [part for i, part in enumerate(parts) if i not in drop]
    if mode in {"move", "both"} and len(parts) > 2:
        for _ in range(rng.randint(1, 3)):
            part = parts.pop(rng.randrange(1, len(parts)))
            parts.insert(rng.randrange(1, len(parts) + 1), part)
    return join(parts)


Variant = Callable[[str, random.Random, str], str]
VARIANTS: dict[str, Variant] = {
    "verbatim": verbatim,
    "excerpt": excerpt,
    "reheadlined": reheadlined,
    "cruft": crufted,
    "reordered": reordered,
}


def combined(body: str, rng: random.Random, other: str) -> str:
    """Two or three of excerpt / reorder / re-headline / cruft, in the order a republisher
    would apply them (cut, then dress)."""
    order = ("excerpt", "reordered", "reheadlined", "cruft")
    chosen = set(rng.sample(order, rng.randint(2, 3)))
    text = body
    for kind in order:
        if kind in chosen:
            text = VARIANTS[kind](text, rng, other)
    return text


VARIANTS["combined"] = combined


def copies_of(body: str, rng: random.Random, other: str) -> Iterator[tuple[str, str, str]]:
    """(kind, a, b) copy pairs of one body: the original against each kind of variant, and
    two independent copies against each other (what two republishers post)."""
    for kind, variant in VARIANTS.items():
        yield kind, body, variant(body, rng, other)
    first, second = rng.sample(list(VARIANTS.values()), 2)
    yield "two_copies", first(body, rng, other), second(body, rng, other)


# --- sources ------------------------------------------------------------------------------


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
    """Every pair of the labelled set, in a stable order."""
    rng = random.Random(seed)
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

    def different(a: Source, b: Source) -> bool:
        return a.group != b.group

    seen: set[tuple[str, str]] = set()

    def negative(a: Source, b: Source, kind: str, x: str, y: str, note: str) -> None:
        key = (min(a.id, b.id), max(a.id, b.id))
        if different(a, b) and (kind != "same_event" or key not in seen):
            seen.add(key)
            pairs.append(Pair(x, y, False, kind, f"{a.id} / {b.id}{note}"))

    ids = {source.id: source for source in sources}
    for x, y in DEV_SAME_EVENT:
        if f"dev:{x}" in ids and f"dev:{y}" in ids:
            a, b = ids[f"dev:{x}"], ids[f"dev:{y}"]
            negative(a, b, "same_event", a.body, b.body, " (dev, by hand)")
    shingle_sets = [shingles(source.body) for source in sources]
    for i, j in itertools.combinations(range(len(sources)), 2):
        shared = len(shingle_sets[i] & shingle_sets[j])
        if shared >= 5:
            a, b = sources[i], sources[j]
            negative(a, b, "same_event", a.body, b.body, f" ({shared} shared 5-grams)")
    rare = rare_words(sources)
    scored = []
    for i, j in itertools.combinations(range(len(sources)), 2):
        if sources[i].language == sources[j].language in RARE_LANGUAGES:
            union = len(rare[i] | rare[j]) or 1
            scored.append((len(rare[i] & rare[j]) / union, i, j))
    for score, i, j in sorted(scored, reverse=True)[:SAME_EVENT_TOP]:
        a, b = sources[i], sources[j]
        negative(a, b, "same_event", a.body, b.body, f" (rare-word Jaccard {score:.2f})")
    by_language: dict[str, list[Source]] = {}
    for source in sources:
        by_language.setdefault(source.language, []).append(source)
    pools = [pool for pool in by_language.values() if len(pool) > 1]
    weights = [len(pool) for pool in pools]
    for kind, count in (("shared_cruft", len(sources)), ("different", 2 * len(sources))):
        for _ in range(count):
            one, two = rng.sample(rng.choices(pools, weights)[0], 2)
            if kind == "different":
                negative(one, two, kind, one.body, two.body, "")
                continue
            # Half are two briefs (excerpts) under one long syndicator notice: the shared
            # cruft is then a large share of each body, the hardest case.
            brief = rng.random() < 0.5
            kit = cruft_kit(rng, rng.choice(sources).body, long_notice=brief)
            x, y = one.body, two.body
            if brief:
                x, y = excerpt(x, rng, ""), excerpt(y, rng, "")
            x, y = with_cruft(x, kit, rng), with_cruft(y, kit, rng)
            negative(one, two, kind, x, y, " (briefs)" if brief else "")
    return pairs


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
