"""Small shared test data (the seed as text and bytes), a watchdog for hostile inputs, and
the `newsnorm` command with a plain user's environment."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import random
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsnorm.flows.engine.reading import RawInput
from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.stories import CopyFacts

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT / "seeds" / "000_352b49fc68c11569.txt"
SEED_BYTES = SEED.read_bytes()
SEED_TEXT = SEED_BYTES.decode("utf-8")
# The installed command, as a user runs it.
NEWSNORM = str(Path(sys.executable).parent / "newsnorm")
BENCH = ROOT / "bench"


def bench_module(name: str) -> ModuleType:
    """A bench script as a module. bench/ is not a package: the script is loaded by path,
    registered under its own name and with bench/ on the path, so the bench's modules find
    each other as they do when run as scripts."""
    if name in sys.modules:
        return sys.modules[name]
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@contextmanager
def fresh_modules(prefix: str) -> Iterator[None]:
    """Import a test's plugin package afresh and leave none of its modules behind, so each
    test's own copy of a package of one name is the one imported."""

    def forget() -> None:
        for module in [name for name in sys.modules if name.startswith(prefix)]:
            del sys.modules[module]

    forget()
    try:
        yield
    finally:
        forget()


def terminal_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a user with no Prefect API and no newsnorm settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSNORM_"))}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")  # no profile names an API
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    return env | extra


class _Timeout(Exception):
    pass


@contextmanager
def watchdog(seconds: float, what: str) -> Iterator[None]:
    """Fail (never hang) when the block runs past `seconds`: a bound for catastrophic
    backtracking far above normal run time, not a speed test."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Timeout:
        pytest.fail(f"no result after {seconds:.0f} s (catastrophic backtracking?): {what}")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def write_warc(path: Path, records: list[tuple[str, str, bytes]], gzipped: bool = False) -> None:
    """Write a WARC of (type, content type, payload) records, as a crawler would."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        for index, (kind, content_type, payload) in enumerate(records):
            uri = f"https://news.example/story-{index}"
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            if kind == "response":
                record = writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(payload), http_headers=headers
                )
            else:
                record = writer.create_warc_record(uri, kind, payload=io.BytesIO(payload))
            writer.write_record(record)
            record.raw_stream.close()  # warcio spools the payload to a temporary file


# Golden cases of other stories, ingested beside the seed's variants.
STORY_OTHERS = ("ap", "calmatters", "propublica", "texas_tribune")


def story_variants(folder: Path) -> dict[str, Path]:
    """The seed, a re-headlined copy with another site's cruft, an excerpt, and unrelated
    articles from the golden cases, one file each."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = SEED.read_text(encoding="utf-8").splitlines()
    files = {"seed": folder / "seed.txt"}
    files["seed"].write_text("\n".join(lines) + "\n", encoding="utf-8")
    files["reheadlined"] = folder / "reheadlined.txt"
    files["reheadlined"].write_text(
        "\n".join(["Blinken, Netanyahu Clash Over Rafah As Ceasefire Talks Stall", *lines[1:]])
        + "\nSign up for our newsletter\n",
        encoding="utf-8",
    )
    body_lines = [i for i, line in enumerate(lines) if len(line) > 200]
    cut = body_lines[len(body_lines) // 2]
    files["excerpt"] = folder / "excerpt.txt"
    files["excerpt"].write_text("\n".join(lines[:cut]) + "\n", encoding="utf-8")
    for name in STORY_OTHERS:
        case = sorted((GOLDEN / name).glob("*.txt"))[0]
        files[name] = folder / f"{name}.txt"
        files[name].write_bytes(case.read_bytes())
    return files


def alive(pid: int) -> bool:
    """Running, not a zombie (an orphan is reaped by init, maybe not at once)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def line_units(lines: list[str]) -> list[Unit]:
    """Dump units of `lines` as a page joined with newlines would give them: each line one
    unit, its text stripped, its offsets in the joined page."""
    units, position = [], 0
    for line in lines:
        units.append(Unit(line.strip(), line, position, position + len(line)))
        position += len(line) + 1
    return units


def copy_facts(article_id: str, **kwargs: object) -> CopyFacts:
    """A story copy's facts for `choose_original`: nothing known but the given fields, ingested
    on 2024-05-01."""
    values: dict[str, object] = {
        "url": None,
        "site": None,
        "syndicator": None,
        "original_url": None,
        "published_at": None,
        "ingested_at": datetime(2024, 5, 1, tzinfo=UTC),
    }
    values.update(kwargs)
    return CopyFacts(article_id, **values)  # type: ignore[arg-type]


def golden_inputs(uri: Callable[[int], str], blobs: list[bytes] | None = None) -> list[RawInput]:
    """Every golden text case (or `blobs`) as an input, the n-th named `uri(n)`."""
    if blobs is None:
        blobs = [path.read_bytes() for path in sorted(GOLDEN.rglob("*.txt"))]
    return [
        RawInput(uri(n), hashlib.sha256(blob).hexdigest(), len(blob), blob)
        for n, blob in enumerate(blobs)
    ]


def write_site_stories(
    folder: Path, names: range, plug: str | None, words: tuple[str, ...]
) -> None:
    """Different invented stories of one site, each ending with `plug` if given (a line a
    site repeats, for learning to find)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(names.start)
    for n in names:
        body = [" ".join(rng.choice(words) for _ in range(30)).capitalize() + "." for _ in range(3)]
        lines = [f"Story {n} on the {rng.choice(words)}", *body, *([plug] if plug else [])]
        (folder / f"story{n:03d}.txt").write_text("\n\n".join(lines))


@contextmanager
def sigterm_left_to_the_command() -> Iterator[None]:
    """For the block, a SIGTERM this process sends itself fails the test, unless the command
    under test installed its own handler (without one, the signal killed pytest)."""

    def unhandled(signum: int, frame: FrameType | None) -> None:
        raise AssertionError("SIGTERM reached the test: the command installed no handler")

    previous = signal.signal(signal.SIGTERM, unhandled)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def sending_sigterm(step: Callable[..., Any], *, after: bool = False) -> Callable[..., Any]:
    """`step`, with a SIGTERM sent to this process before it runs (or after: `after`)."""

    def signalled(*args: Any) -> Any:
        if not after:
            os.kill(os.getpid(), signal.SIGTERM)
        result = step(*args)
        if after:
            os.kill(os.getpid(), signal.SIGTERM)
        return result

    return signalled


# Invented: one wire story that three sites run verbatim under their own <title>, nav,
# footer, canonical URL and date (docs/stories.md, "Identical copies on several sites").
WIRE_SITES = (
    ("www.alpha.example", "Alpha Daily", "2026-03-02T08:00:00Z"),
    ("www.beta.example", "Beta Courier", "2026-03-02T10:00:00Z"),
    ("gamma.example", "Gamma Times", "2026-03-03T09:00:00Z"),
)
WIRE_HEADLINE = "Harbour board closes the old ferry pier for repairs"
WIRE_PARAGRAPHS = (
    "The harbour board of Lindqvist Bay voted on Tuesday to close the old ferry pier for "
    "eighteen months while engineers replace its rotten pilings and widen the loading ramp.",
    "Commuters who use the morning crossing will be moved to a temporary landing two streets "
    "north, where the board has promised covered seating and a shuttle every ten minutes.",
    "Board chair Ottilie Varga said the decision had been postponed three times because of "
    "funding disputes with the regional transport office, which agreed last week to pay half.",
    "Shop owners near the pier said they feared losing foot traffic during the works, and "
    "several asked the board to publish a timetable so that deliveries could be planned.",
    "The board expects to award the construction contract in the spring, and engineers said "
    "the new pier should carry twice the load of the old one and last at least sixty years.",
)


def wire_page(host: str, name: str, date: str) -> str:
    """The wire story as `host` (site `name`) runs it: same <h1> and <p>s, its own chrome."""
    paragraphs = "\n".join(f"<p>{paragraph}</p>" for paragraph in WIRE_PARAGRAPHS)
    return (
        f"<!doctype html><html><head><title>Ferry pier to close | {name}</title>\n"
        f'<link rel="canonical" href="https://{host}/news/ferry-pier-closure">\n'
        f'<meta property="og:site_name" content="{name}">\n'
        f'<meta property="article:published_time" content="{date}">\n'
        f'</head><body><nav><a href="/">Home</a> <a href="/local">Local</a> {name} menu</nav>\n'
        f"<article><h1>{WIRE_HEADLINE}</h1>\n{paragraphs}\n</article>\n"
        f"<footer>Copyright {name}. All rights reserved.</footer></body></html>\n"
    )


def write_wire_copies(folder: Path, sites: tuple[tuple[str, str, str], ...] = WIRE_SITES) -> None:
    """One page per site, named by its host."""
    folder.mkdir(parents=True, exist_ok=True)
    for host, name, date in sites:
        (folder / f"{host}.html").write_text(wire_page(host, name, date), encoding="utf-8")
