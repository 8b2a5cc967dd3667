"""How a gzip file ends: junk after its last whole member is left, as gunzip leaves it; a
member failing its checksum is `corrupt`; only a stream that ends early is `truncated`."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsnorm.flows.engine.formats import expand
from newsnorm.flows.engine.sources import file_ref

PAGE = (
    b"<html><head><title>Marrow Creek bridge reopens</title></head><body><p>Crews at "
    b"Marrow Creek finished the deck repairs two days early, the county said.</p></body></html>"
)
LINES = b"".join(
    json.dumps({"title": f"Marrow Creek note {n}", "text": f"Note {n} on the bridge."}).encode()
    + b"\n"
    for n in range(1, 4)
)
JUNK = b"copied with a stray tail, not gzip"


def _outcomes(path: Path, data: bytes) -> list[tuple[str, str]]:
    path.write_bytes(data)
    return [
        (
            raw.uri.rsplit("#", 1)[-1] if "#" in raw.uri else "",
            raw.rejection.code if raw.rejection else "ok",
        )
        for raw in expand(file_ref(str(path)), 10_000_000)
    ]


def _bad_checksum(data: bytes) -> bytes:
    """A member whose CRC-32 (its last 8 bytes but 4) does not match what it inflates to."""
    return data[:-8] + bytes([data[-8] ^ 0xFF]) + data[-7:]


@pytest.mark.parametrize("tail", [JUNK, b"\x1f" + JUNK, b"\n"], ids=["junk", "junk_1f", "newline"])
def test_junk_after_the_last_whole_member_is_left(tmp_path: Path, tail: bytes) -> None:
    """A whole, CRC-checked member then bytes that are no gzip: the page was rejected as
    `truncated … a document cut short`, the lines' file lost a fourth line as `truncated`.
    gunzip keeps what inflated and warns; so does the reader."""
    assert _outcomes(tmp_path / "page.html.gz", gzip.compress(PAGE) + tail) == [("", "ok")]
    lines = _outcomes(tmp_path / "notes.jsonl.gz", gzip.compress(LINES) + tail)
    assert lines == [(f"line={n}", "ok") for n in (1, 2, 3)]


def test_a_member_failing_its_checksum_is_corrupt_not_cut_short(tmp_path: Path) -> None:
    """A CRC-32 that does not match: the bytes are wrong, not missing, so fetching the
    rest would not help (main said `truncated`)."""
    page = _outcomes(tmp_path / "page.html.gz", _bad_checksum(gzip.compress(PAGE)))
    assert page == [("", "corrupt")]
    lines = _outcomes(tmp_path / "notes.jsonl.gz", _bad_checksum(gzip.compress(LINES)))
    assert lines[-1] == ("line=4", "corrupt")
    cut = _outcomes(tmp_path / "cut.html.gz", gzip.compress(PAGE)[:-12])
    assert cut == [("", "truncated")]


def test_junk_followed_by_another_member_is_no_clean_end(tmp_path: Path) -> None:
    """Junk between two members is not trailing: the lines of the member after it would be
    lost unsaid, so the junk is recorded where it stands."""
    data = gzip.compress(LINES) + JUNK + gzip.compress(LINES)
    lines = _outcomes(tmp_path / "notes.jsonl.gz", data)
    assert lines[:3] == [(f"line={n}", "ok") for n in (1, 2, 3)]
    assert lines[3:] == [("line=4", "corrupt")]
