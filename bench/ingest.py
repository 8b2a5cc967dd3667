"""Ingest benchmark: how fast newsnorm turns a folder of scraped articles into tables.

It generates a reproducible corpus (seeded `random.Random(42)`) of raw article text files
shaped like real inputs: about half Daily Caller News Foundation pages laid out like the
project seed (logo line, "Contributor" byline, "Font Size:" widget, an inline
"(RELATED: …)" promo, the republishing notice), the rest generic text dumps ("By" line,
"Font Size:" and "Advertisement" chrome). About 1% are junk (empty or binary files, to be
rejected) and about 1% are exact copies of another article under another name (to be
counted as duplicates). Every real document is distinct, so every article id is new.

It then ingests the corpus the way users do, through the `ingest-articles` Prefect flow
(or, with --no-prefect, through `flows.runner.execute_ingest` directly), and reports:

* Prefect's fixed start-up, estimated by a flow run over an empty folder before the real
  run (the first flow call in a process starts Prefect's ephemeral API server), next to
  the same empty run without Prefect, so the difference is what Prefect adds;
* the real run: counts, wall and CPU seconds, articles/s and MB/s;
* a rescan of the unchanged corpus (every input must come back "unchanged"): the cost of
  re-running an ingest over a folder that did not change, which scheduled runs pay;
* peak RSS of this process, of reaped child processes, and of live descendants (the
  Prefect server is a child process that is only stopped at exit, so RUSAGE_CHILDREN
  alone does not see it);
* a check through DuckDB that the `articles` table holds one row per ingested input.

Why: ingest cost decides how often a scheduled run can rescan the scrape folders and how
large a backfill one machine can take; Prefect's start-up is paid once per CLI call.

Usage, from the repository root:
    .venv/bin/python bench/ingest.py [--docs N] [--batch-size B] [--keep DIR] [--no-prefect]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flows.prefect_env import apply_prefect_defaults  # noqa: E402
from flows.runner import DEFAULT_BATCH_FILES, IngestSettings, execute_ingest  # noqa: E402
from warehouse.lake import Warehouse, open_warehouse  # noqa: E402

SEED = 42
DEFAULT_DOCS = 10_000
JUNK_SHARE = 0.01
DUPLICATE_SHARE = 0.01
DCNF_SHARE = 0.5
# Target sizes: log-normal around ~2.4 KB, clipped, so files average ~3 KB (0.5 to 8 KB).
SIZE_MU, SIZE_SIGMA, SIZE_MIN, SIZE_MAX = 7.78, 0.55, 500, 7_400
MB = 1_000_000
MIB = 1024 * 1024

Counts = dict[str, int | str]
IngestFn = Callable[[Path, Path], Counts]

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
    originals: list[Path] = field(default_factory=list)

    def add(self, path: Path, size: int) -> None:
        self.files += 1
        self.bytes += size
        self.largest = max(self.largest, size)


@dataclass(frozen=True, slots=True)
class Timed:
    """One ingest run: its counts, wall seconds and CPU seconds of this process."""

    counts: Counts
    seconds: float
    cpu_seconds: float


# --- corpus -----------------------------------------------------------------------------


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


def dcnf_article(rng: random.Random, index: int, target: int) -> str:
    """A page laid out like the project seed, ending with the DCNF republishing notice."""
    head = [headline(rng, index + 1), "", "", DCNF_LOGO, f"{_name(rng)} Contributor", "Font Size:"]
    body = paragraphs(rng, index, target - len(DCNF_NOTICE) - 120)
    promo = rng.randrange(len(body))
    body[promo] += f" (RELATED: {headline(rng, rng.randint(2, 99_999))})"
    return "\n".join(head) + "\n\n" + "\n\n".join([*body, DCNF_NOTICE]) + "\n"


def generic_article(rng: random.Random, index: int, target: int) -> str:
    """A text dump: headline, "By" line, sometimes a "Font Size:" widget and ad markers."""
    head = [headline(rng, index + 1), f"By {_name(rng)}"]
    if rng.random() < 0.4:
        head += ["", "Font Size:"]
    blocks: list[str] = []
    for text in paragraphs(rng, index, target - 80):
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


def generate_corpus(folder: Path, docs: int, rng: random.Random) -> Corpus:
    """Write `docs` inputs into `folder`; the counts say what an ingest should report."""
    folder.mkdir(parents=True)
    corpus = Corpus(folder)
    width = max(6, len(str(docs)))
    for index in range(docs):
        path = folder / f"{index:0{width}d}_{rng.getrandbits(64):016x}.txt"
        roll = rng.random()
        if roll < JUNK_SHARE:
            path.write_bytes(junk(rng))
            corpus.junk += 1
        elif roll < JUNK_SHARE + DUPLICATE_SHARE and corpus.originals:
            shutil.copyfile(rng.choice(corpus.originals), path)
            corpus.duplicates += 1
        else:
            _write_article(path, rng, index, corpus)
        corpus.add(path, path.stat().st_size)
    return corpus


def _write_article(path: Path, rng: random.Random, index: int, corpus: Corpus) -> None:
    target = int(min(max(rng.lognormvariate(SIZE_MU, SIZE_SIGMA), SIZE_MIN), SIZE_MAX))
    if rng.random() < DCNF_SHARE:
        text = dcnf_article(rng, index, target)
        corpus.dcnf += 1
    else:
        text = generic_article(rng, index, target)
        corpus.generic += 1
    path.write_text(text, encoding="utf-8")
    corpus.originals.append(path)


# --- ingest -----------------------------------------------------------------------------


def direct_ingest(batch_files: int) -> IngestFn:
    """Ingest with `execute_ingest` in this process, without Prefect."""

    def run(source: Path, warehouse: Path) -> Counts:
        settings = IngestSettings(warehouse=Warehouse.at(warehouse), batch_files=batch_files)
        return execute_ingest([str(source)], settings).as_dict()

    return run


def prefect_ingest(batch_files: int) -> IngestFn:
    """Ingest through the `ingest-articles` flow, as `newsnorm ingest` does."""
    from flows.ingest import ingest_articles

    def run(source: Path, warehouse: Path) -> Counts:
        return ingest_articles(
            sources=[str(source)], warehouse=str(warehouse), batch_files=batch_files
        )

    return run


def timed(ingest: IngestFn, source: Path, warehouse: Path) -> Timed:
    cpu_before = _cpu_seconds()
    start = time.perf_counter()
    counts = ingest(source, warehouse)
    return Timed(counts, time.perf_counter() - start, _cpu_seconds() - cpu_before)


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def count_articles(warehouse: Path) -> int:
    with open_warehouse(Warehouse.at(warehouse), read_only=True) as connection:
        row = connection.execute("select count(*) from articles").fetchone()
    assert row is not None
    return int(row[0])


# --- memory -----------------------------------------------------------------------------


def peak_rss_mib(who: int) -> float:
    """ru_maxrss of RUSAGE_SELF or RUSAGE_CHILDREN (KiB on Linux) in MiB."""
    return resource.getrusage(who).ru_maxrss / 1024


def live_descendants_peak_mib() -> float:
    """Sum of VmHWM (peak RSS) over live descendants, e.g. Prefect's ephemeral server."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    family = {os.getpid()}
    grown = True
    while grown:
        children = {pid for pid, parent in parents.items() if parent in family} - family
        family |= children
        grown = bool(children)
    return sum(_vm_hwm_kib(pid) for pid in family - {os.getpid()}) / 1024


def _vm_hwm_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


# --- report -----------------------------------------------------------------------------


def _counts_line(counts: Counts) -> str:
    keys = ("seen", "ingested", "duplicate", "unchanged", "rejected", "batches")
    return "  ".join(f"{key} {counts[key]}" for key in keys)


def print_corpus(corpus: Corpus, seconds: float) -> None:
    expected_ingested = corpus.dcnf + corpus.generic
    print(f"corpus          {corpus.files:,} files, {corpus.bytes / MB:.2f} MB in {seconds:.1f} s")
    print(
        f"  sizes         avg {corpus.bytes / max(corpus.files, 1):,.0f} B, "
        f"largest {corpus.largest:,} B"
    )
    print(
        f"  shapes        {corpus.dcnf:,} dcnf, {corpus.generic:,} generic, "
        f"{corpus.junk:,} junk, {corpus.duplicates:,} duplicate copies"
    )
    print(
        f"  expected      ingested {expected_ingested}  duplicate {corpus.duplicates}  "
        f"rejected {corpus.junk}"
    )


def print_startup(import_s: float | None, flow: Timed | None, plain: Timed) -> None:
    if import_s is None or flow is None:
        print(f"start-up        n/a (--no-prefect); empty-folder run {plain.seconds:.2f} s")
        return
    print(f"start-up        import flows.ingest (loads Prefect) {import_s:.2f} s")
    print(
        f"  empty folder  flow run {flow.seconds:.2f} s (first flow call in this process: "
        f"starts the ephemeral API server), same run without Prefect {plain.seconds:.2f} s"
    )
    print(f"  estimate      Prefect fixed start-up ≈ {flow.seconds - plain.seconds:.2f} s")


def print_run(corpus: Corpus, real: Timed, rescan: Timed) -> None:
    done = int(real.counts["ingested"]) + int(real.counts["duplicate"])
    expected = (corpus.dcnf + corpus.generic, corpus.duplicates, corpus.junk)
    actual = (real.counts["ingested"], real.counts["duplicate"], real.counts["rejected"])
    print(f"real run        {_counts_line(real.counts)}")
    print(f"  vs expected   {'matches the generator' if actual == expected else 'DIFFERS'}")
    print(f"  wall          {real.seconds:.2f} s (cpu in this process {real.cpu_seconds:.2f} s)")
    print(
        f"  throughput    {done / real.seconds:,.1f} articles/s, "
        f"{corpus.bytes / MB / real.seconds:.2f} MB/s"
    )
    print(f"rescan          {_counts_line(rescan.counts)}")
    print(f"  wall          {rescan.seconds:.2f} s (rescan of unchanged corpus)")


def print_memory(after_generation_mib: float) -> None:
    print(
        f"peak RSS        self {peak_rss_mib(resource.RUSAGE_SELF):.1f} MiB "
        f"(after generating the corpus {after_generation_mib:.1f} MiB)"
    )
    print(f"  children      reaped {peak_rss_mib(resource.RUSAGE_CHILDREN):.1f} MiB")
    print(
        f"  live          descendants {live_descendants_peak_mib():.1f} MiB "
        "(VmHWM; Prefect's ephemeral server runs until exit)"
    )


def check_articles(warehouse: Path, ingested: int) -> bool:
    rows = count_articles(warehouse)
    if rows == ingested:
        print(f"check           OK: articles has {rows:,} rows = {ingested:,} ingested inputs")
        return True
    print(f"check           MISMATCH: articles has {rows:,} rows, {ingested:,} inputs ingested")
    return False


# --- main -------------------------------------------------------------------------------


def _positive(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value}")
    return number


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=_positive, default=DEFAULT_DOCS, help="inputs to generate")
    parser.add_argument(
        "--batch-size", type=_positive, default=DEFAULT_BATCH_FILES, help="inputs per batch"
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="generate into DIR (must be empty or new) and keep corpus and warehouses, "
        "e.g. bench/out",
    )
    parser.add_argument("--no-prefect", action="store_true", help="call execute_ingest directly")
    return parser.parse_args(argv)


@contextmanager
def workspace(keep: Path | None) -> Iterator[Path]:
    """A scratch folder: a temporary one, or `keep` when it is empty (it is kept)."""
    if keep is None:
        with tempfile.TemporaryDirectory(prefix="newsnorm-bench-") as scratch:
            yield Path(scratch)
        return
    keep.mkdir(parents=True, exist_ok=True)
    if any(keep.iterdir()):
        raise SystemExit(f"bench: --keep {keep} is not empty; give a new or empty folder")
    yield keep.resolve()


def measure_startup(
    root: Path, batch_files: int, use_prefect: bool
) -> tuple[IngestFn, float | None, Timed | None, Timed]:
    """Empty-folder runs: without Prefect, then (unless disabled) the first flow call."""
    empty = root / "empty"
    empty.mkdir()
    plain = timed(direct_ingest(batch_files), empty, root / "warehouse-empty-direct")
    if not use_prefect:
        return direct_ingest(batch_files), None, None, plain
    apply_prefect_defaults()
    start = time.perf_counter()
    ingest = prefect_ingest(batch_files)
    import_s = time.perf_counter() - start
    flow = timed(ingest, empty, root / "warehouse-empty-flow")
    return ingest, import_s, flow, plain


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    mode = "direct execute_ingest (--no-prefect)" if args.no_prefect else "Prefect flow"
    with workspace(args.keep) as root:
        start = time.perf_counter()
        corpus = generate_corpus(root / "corpus", args.docs, random.Random(SEED))
        generated_s = time.perf_counter() - start
        after_generation_mib = peak_rss_mib(resource.RUSAGE_SELF)
        ingest, import_s, flow, plain = measure_startup(root, args.batch_size, not args.no_prefect)
        warehouse = root / "warehouse"
        real = timed(ingest, corpus.folder, warehouse)
        rescan = timed(ingest, corpus.folder, warehouse)
        print(f"\n== newsnorm ingest benchmark: {mode}, batch size {args.batch_size} ==")
        print_corpus(corpus, generated_s)
        print_startup(import_s, flow, plain)
        print_run(corpus, real, rescan)
        print_memory(after_generation_mib)
        ingested = int(real.counts["ingested"]) + int(rescan.counts["ingested"])
        ok = check_articles(warehouse, ingested)
        if args.keep is not None:
            print(f"kept            {root}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
