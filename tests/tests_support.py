"""Small shared test data (the seed as text and bytes) and a watchdog for hostile inputs."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest

ROOT = Path(__file__).resolve().parent.parent
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
