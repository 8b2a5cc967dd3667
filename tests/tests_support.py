"""Small shared test data (the seed as text and bytes) and a watchdog for hostile inputs."""

from __future__ import annotations

import io
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT / "seeds" / "000_352b49fc68c11569.txt"
SEED_BYTES = SEED.read_bytes()
SEED_TEXT = SEED_BYTES.decode("utf-8")


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
