"""A reproducible corpus of raw article files shaped like real scraped inputs.

About half are Daily Caller News Foundation pages laid out like the project seed, the rest
generic text dumps; about 1% junk (to be rejected) and 1% exact copies (duplicates). Each
article carries its number in the headline and first paragraph, so article ids never collide.

Two shapes (`CORPORA`): `diverse`, where every article has its own sentences and articles
share almost nothing, and `dense`, where every article's body is a window of one source
text generated once per corpus, as when thousands of sites run one wire story or quote
one press release: most pairs of articles overlap, which is what stresses story linking.
A third, `recurring`, spreads diverse articles over site folders (each a learning scope)
whose articles carry lines of their site, as learning meets them on real captures.
"""

from __future__ import annotations

import itertools
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SEED = 42
DEFAULT_DOCS = 10_000
JUNK_SHARE = 0.01
DUPLICATE_SHARE = 0.01
DCNF_SHARE = 0.5
# Target sizes: log-normal around ~2.4 KB, clipped, so files average ~3 KB (0.5 to 8 KB).
SIZE_MU, SIZE_SIGMA, SIZE_MIN, SIZE_MAX = 7.78, 0.55, 500, 7_400


FIRST_NAMES = (
    "Jake", "Maria", "Daniel", "Aisha", "Robert", "Linda", "Carlos", "Emily", "Marcus",
    "Priya", "Thomas", "Grace", "Samuel", "Hannah", "Victor", "Olivia", "Patrick", "Nadia",
    "Kevin", "Rachel", "Anthony", "Megan", "Luis", "Sarah", "Vedant", "Julia",
)  # fmt: skip
LAST_NAMES = (
    "Smith", "Johnson", "Ramirez", "Patel", "O\u2019Brien", "Nguyen", "Walker", "Fischer",
    "Okafor", "McCarthy", "Delgado", "Kowalski", "Bennett", "Haddad", "Sullivan", "Moreno",
    "Lindqvist", "Carter", "Yamamoto", "Brooks", "Castillo", "Whitaker", "Adeyemi", "Price",
)  # fmt: skip
ROLES = (
    "Secretary of State", "Governor", "Senator", "Mayor", "Representative",
    "Attorney General", "Commissioner", "deputy spokesman", "state Treasurer",
)  # fmt: skip
PLACES = (
    "Tel Aviv", "Phoenix", "Des Moines", "the Rio Grande Valley", "northern Virginia",
    "Cleveland", "Sacramento", "the Florida Panhandle", "Brussels", "Kyiv", "Austin",
    "Milwaukee", "the Gulf Coast", "rural Pennsylvania", "Atlanta", "Denver", "Reno",
)  # fmt: skip
ORGS = (
    "the State Department", "the Department of Energy", "the Federal Reserve",
    "the city council", "the county board of supervisors", "the Environmental Protection Agency",
    "the Senate Finance Committee", "the state Supreme Court", "the Pentagon",
    "the Department of Education", "a coalition of governors", "the House Oversight Committee",
)  # fmt: skip
TOPICS = (
    "ceasefire deal", "budget proposal", "border security bill", "water rights compact",
    "school choice program", "energy efficiency mandate", "tariff package", "housing plan",
    "pension reform", "farm subsidy program", "broadband expansion", "election security measure",
    "transit levy", "drilling permit", "minimum wage increase", "hospital merger",
)  # fmt: skip
VERBS_PAST = (
    "approved", "rejected", "criticized", "delayed", "defended", "blocked", "endorsed",
    "challenged", "revised", "questioned", "scrapped", "expanded",
)  # fmt: skip
VERBS_HEADLINE = (
    "Slams", "Backs", "Blocks", "Defends", "Unveils", "Torches", "Rejects", "Pushes",
    "Questions", "Expands", "Rips", "Doubles Down On",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
ATTRIBUTIONS = (
    "according to a readout of the meeting", "according to The New York Times",
    "according to two officials who spoke to Axios", "according to court filings",
    "according to a statement from the agency", "according to budget documents",
    "according to local reports", "according to a person familiar with the talks",
)  # fmt: skip
QUOTES = (
    "It continues to be the case that we have not seen a credible plan",
    "This is not the deal the American people were promised",
    "We will keep working until the job is done",
    "Families cannot afford another year of delays",
    "The numbers simply do not add up",
    "Nobody in this building wants a shutdown",
)
CONSEQUENCES = (
    "would cost taxpayers an estimated ${money} million",
    "could affect roughly {people:,} residents",
    "drew criticism from both parties",
    "faces a vote later this month",
    "has stalled in committee since the spring",
    "was first proposed in {year}",
)
SENTENCES = (
    "{role} {name} met with officials in {place} on {weekday} to discuss the {topic} "
    "and disagreements over its next phase.",
    "The {topic} {consequence}, {attribution}.",
    "{Org} {verb} the {topic} on {weekday}, {attribution}.",
    "\u201c{quote},\u201d {name} told reporters in {place} on {weekday}.",
    "Critics say the {topic} {consequence}, while supporters argue it is long overdue.",
    "During the meeting, {last} discussed the {topic} with leaders from {place} and \u201cthe "
    "need to avoid further delays,\u201d {attribution}.",
    "{last} said the {topic} would move forward \u201cwith or without\u201d support from {org}.",
    "But {org} has yet to provide that plan, {attribution}.",
    "The {topic} passed by a {ayes}-{nays} vote after roughly {hours} hours of debate.",
    "Residents of {place} have waited since {year} for a decision on the {topic}.",
    "{name} didn\u2019t immediately respond to a request for comment.",
    "A spokesperson for {org} declined to comment on the {topic} when reached on {weekday}.",
)
HEADLINES = (
    "{Last} {Verb} {Topic} As {Place} Vote Looms In District {number}",
    "\u2018Would Be Unacceptable\u2019: {Last} {Verb} ${number} Million {Topic}",
    "{Org} {Verb} {Topic} Covering {number} Families In {Place}",
    "{number} Jobs At Stake As {Last} {Verb} {Topic}",
)
DCNF_LOGO = "Daily Caller News Foundation logo"
DCNF_NOTICE = (
    "All content created by the Daily Caller News Foundation, an independent and nonpartisan "
    "newswire service, is available without charge to any legitimate news publisher that can "
    "provide a large audience. All republished articles must include our logo, our reporter\u2019s "
    "byline and their DCNF affiliation. For any questions about our guidelines or partnering "
    "with us, please contact licensing@dailycallernewsfoundation.org."
)


@dataclass(slots=True)
class Corpus:
    """What was generated, and what a correct ingest must report for it."""

    folder: Path
    files: int = 0
    bytes: int = 0
    largest: int = 0
    dcnf: int = 0
    generic: int = 0
    junk: int = 0
    duplicates: int = 0

    def add(self, path: Path, size: int) -> None:
        self.files += 1
        self.bytes += size
        self.largest = max(self.largest, size)


def _title_case(text: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in text.split())


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def headline(rng: random.Random, number: int) -> str:
    """A Title Case headline; `number` makes it unique to its document."""
    return rng.choice(HEADLINES).format(
        Last=rng.choice(LAST_NAMES),
        Verb=rng.choice(VERBS_HEADLINE),
        Topic=_title_case(rng.choice(TOPICS)),
        Place=_title_case(rng.choice(PLACES)),
        Org=_title_case(rng.choice(ORGS)),
        number=f"{number:,}",
    )


# Words no template uses, Zipf-distributed like real text: every sentence carries some, so
# unrelated articles share few 5-word runs, as unrelated real stories do (with templates
# alone, 1 in 25 pairs of articles were near-duplicates, and story linking measured that).
_SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ba", "de", "fi", "go", "ha", "ju")
VOCABULARY = tuple(
    a + b + c + d
    for a in _SYLLABLES
    for b in _SYLLABLES
    for c in _SYLLABLES
    for d in ("", "n", "r", "s", "l", "t")
)
_CUMULATIVE = tuple(itertools.accumulate(1 / rank for rank in range(1, len(VOCABULARY) + 1)))


def _with_own_words(text: str, rng: random.Random) -> str:
    """`text` with a word of the vocabulary after every second or third word."""
    words = text.split(" ")
    out: list[str] = []
    gap = rng.randint(2, 3)
    for index, word in enumerate(words):
        out.append(word)
        if index % gap == gap - 1 and index < len(words) - 1:
            out.append(rng.choices(VOCABULARY, cum_weights=_CUMULATIVE)[0])
    return " ".join(out)


def sentence(rng: random.Random) -> str:
    consequence = rng.choice(CONSEQUENCES).format(
        money=rng.randint(2, 900),
        people=rng.randint(1_000, 2_000_000),
        year=rng.randint(1998, 2023),
    )
    org = rng.choice(ORGS)
    text = rng.choice(SENTENCES).format(
        role=rng.choice(ROLES),
        name=_name(rng),
        last=rng.choice(LAST_NAMES),
        place=rng.choice(PLACES),
        weekday=rng.choice(WEEKDAYS),
        topic=rng.choice(TOPICS),
        consequence=consequence,
        attribution=rng.choice(ATTRIBUTIONS),
        org=org,
        Org=org[:1].upper() + org[1:],
        verb=rng.choice(VERBS_PAST),
        quote=rng.choice(QUOTES),
        ayes=rng.randint(51, 300),
        nays=rng.randint(2, 50),
        hours=rng.randint(2, 14),
        year=rng.randint(1998, 2023),
    )
    text = _with_own_words(text, rng)
    return text[:1].upper() + text[1:]


def paragraphs(rng: random.Random, index: int, budget: int) -> list[str]:
    """Paragraphs of 1 to 4 sentences until `budget` characters; the first names `index`."""
    opening = (
        f"The {rng.choice(TOPICS)} covers {index + 1_000:,} households in "
        f"{rng.choice(PLACES)}, {rng.choice(ATTRIBUTIONS)}. {sentence(rng)}"
    )
    result = [opening]
    size = len(opening)
    while size < budget:
        text = " ".join(sentence(rng) for _ in range(rng.randint(1, 4)))
        result.append(text)
        size += len(text) + 2
    return result


def dcnf_article(rng: random.Random, index: int, target: int, body_fn: BodyFn = paragraphs) -> str:
    """A page laid out like the project seed, ending with the DCNF republishing notice."""
    head = [headline(rng, index + 1), "", "", DCNF_LOGO, f"{_name(rng)} Contributor", "Font Size:"]
    body = body_fn(rng, index, target - len(DCNF_NOTICE) - 120)
    promo = rng.randrange(len(body))
    body[promo] += f" (RELATED: {headline(rng, rng.randint(2, 99_999))})"
    return "\n".join(head) + "\n\n" + "\n\n".join([*body, DCNF_NOTICE]) + "\n"


def generic_article(
    rng: random.Random, index: int, target: int, body_fn: BodyFn = paragraphs
) -> str:
    """A text dump: headline, "By" line, sometimes a "Font Size:" widget and ad markers."""
    head = [headline(rng, index + 1), f"By {_name(rng)}"]
    if rng.random() < 0.4:
        head += ["", "Font Size:"]
    blocks: list[str] = []
    for text in body_fn(rng, index, target - 80):
        if blocks and rng.random() < 0.12:
            blocks.append("Advertisement")
        blocks.append(text)
    return "\n".join(head) + "\n\n" + "\n\n".join(blocks) + "\n"


def junk(rng: random.Random) -> bytes:
    """An input to reject: empty, or a few random bytes that include NULs."""
    if rng.random() < 0.5:
        return b""
    noise = bytearray(rng.randbytes(rng.randint(16, 256)))
    for _ in range(4):
        noise[rng.randrange(len(noise))] = 0
    return bytes(noise)


# The dense corpus's one source text: paragraphs of generated sentences (never an article's).
SOURCE_PARAGRAPHS = 40
# A dense article's window: this share of the source's paragraphs, at least two.
WINDOW_MIN, WINDOW_MAX = 0.15, 0.8

BodyFn = Callable[[random.Random, int, int], list[str]]


def source_text(rng: random.Random) -> list[str]:
    """The dense corpus's source: `SOURCE_PARAGRAPHS` paragraphs of 2 to 4 sentences."""
    return [
        " ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(SOURCE_PARAGRAPHS)
    ]


def window_of(source: list[str]) -> BodyFn:
    """Bodies that are a run of consecutive paragraphs of `source`, opened by a line naming
    the article's number (so its id is its own), of about the share of the source that the
    target size asks, between WINDOW_MIN and WINDOW_MAX of it."""

    def body(rng: random.Random, index: int, budget: int) -> list[str]:
        share = min(max(budget / sum(map(len, source)), WINDOW_MIN), WINDOW_MAX)
        length = max(2, round(share * len(source) * rng.uniform(0.7, 1.3)))
        length = min(length, len(source))
        start = rng.randrange(len(source) - length + 1)
        return [
            f"Update {index + 1_000:,} from {rng.choice(PLACES)}.",
            *source[start : start + length],
        ]

    return body


# The recurring corpus: its sites (one folder each: a text dump's learning scope), the share
# of a site's own lines in each of its articles, the share of articles carrying a line that
# exactly one other story of the site carries, and the share that copy the site's previous
# body with the site's lines drawn again (a copy in a story whose teacher lacks a line).
RECURRING_SITES = 20
SITE_LINE_SHARE = 0.6
PAIRED_SHARE = 0.1
NEAR_COPY_SHARE = 0.03


def recurring_lines(rng: random.Random) -> BodyFn:
    """Diverse bodies, each followed by some of its site's 3 to 5 lines (the site is the
    article's number modulo RECURRING_SITES, as `generate_corpus` files it) and sometimes
    by a line that two stories of the site carry."""
    site_lines = [[sentence(rng) for _ in range(rng.randint(3, 5))] for _ in range(RECURRING_SITES)]
    waiting: dict[int, str] = {}  # a paired line carried once so far, by site
    previous: dict[int, list[str]] = {}

    def body(rng: random.Random, index: int, budget: int) -> list[str]:
        site = index % RECURRING_SITES
        if site in previous and rng.random() < NEAR_COPY_SHARE:
            own = previous[site]
        else:
            own = previous[site] = paragraphs(rng, index, budget)
        result = [*own, *(line for line in site_lines[site] if rng.random() < SITE_LINE_SHARE)]
        if rng.random() < PAIRED_SHARE:
            paired = waiting.pop(site, None)
            if paired is None:
                paired = waiting[site] = sentence(rng)
            result.append(paired)
        return result

    return body


def generate_corpus(folder: Path, docs: int, rng: random.Random, shape: str = "diverse") -> Corpus:
    """Write `docs` inputs of `shape` (a key of CORPORA) into `folder` (the recurring
    shape: into its sites' folders); the counts say what an ingest should report."""
    body = CORPORA[shape](rng)
    folder.mkdir(parents=True)
    corpus = Corpus(folder)
    # The originals a duplicate copies, for generation only: a Corpus outlives it in the
    # bench's process, where 100,000 paths held ~36 MiB through the measured run.
    originals: list[Path] = []
    width = max(6, len(str(docs)))
    for index in range(docs):
        place = folder
        if shape == "recurring":
            place = folder / f"site{index % RECURRING_SITES:02d}"
            place.mkdir(exist_ok=True)
        path = place / f"{index:0{width}d}_{rng.getrandbits(64):016x}.txt"
        roll = rng.random()
        if roll < JUNK_SHARE:
            path.write_bytes(junk(rng))
            corpus.junk += 1
        elif roll < JUNK_SHARE + DUPLICATE_SHARE and originals:
            shutil.copyfile(rng.choice(originals), path)
            corpus.duplicates += 1
        else:
            _write_article(path, rng, index, corpus, body)
            originals.append(path)
        corpus.add(path, path.stat().st_size)
    return corpus


def _write_article(
    path: Path, rng: random.Random, index: int, corpus: Corpus, body: BodyFn
) -> None:
    target = int(min(max(rng.lognormvariate(SIZE_MU, SIZE_SIGMA), SIZE_MIN), SIZE_MAX))
    if rng.random() < DCNF_SHARE:
        text = dcnf_article(rng, index, target, body)
        corpus.dcnf += 1
    else:
        text = generic_article(rng, index, target, body)
        corpus.generic += 1
    path.write_text(text, encoding="utf-8")


# Each shape, given the corpus's generator, gives its body function.
CORPORA: dict[str, Callable[[random.Random], BodyFn]] = {
    "diverse": lambda rng: paragraphs,
    "dense": lambda rng: window_of(source_text(rng)),
    "recurring": recurring_lines,
}
