"""Plain WARC files whose records are laid out wrong (blank lines left out or counted in a
record's length, a damaged stretch before a record that quotes another), and gzipped WARC
files with empty or blank trailing members: every intact record is read, none invented."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest

from newsnorm.flows.engine.formats import expand
from newsnorm.flows.engine.sources import file_ref

SEPARATOR = b"\r\n\r\n"


def _record(name: str, body: bytes = b"", extra: int = 0, after: bytes = SEPARATOR) -> bytes:
    """One response record of an invented page, its Content-Length `extra` bytes too long."""
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>The Tollow Vale "
        + name.encode()
        + b" bulletin lists the week's road closures.</p>"
        + body
        + b"</body></html>"
    )
    header = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{name}>\r\n"
        f"WARC-Target-URI: https://tollow.example/{name}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http) + extra}\r\n\r\n"
    )
    return header.encode() + http + after


def _read(path: Path, data: bytes) -> list[tuple[str, str]]:
    """Each input of the file: its name after `#`, and ok or its reject code."""
    path.write_bytes(data)
    return [
        (raw.uri.split("#", 1)[1], raw.rejection.code if raw.rejection else "ok")
        for raw in expand(file_ref(str(path)), 10_000_000)
    ]


NAMES = [f"bulletin-{number}" for number in range(1, 6)]
ALL_READ = [(f"urn:uuid:{name}", "ok") for name in NAMES]


@pytest.mark.parametrize(
    "layout", ["one_length_counts_the_blank_lines", "every_length_does", "no_blank_lines"]
)
def test_a_record_right_after_the_last_ones_end_is_read(tmp_path: Path, layout: str) -> None:
    """A Content-Length that counts the four bytes of blank lines after its record, or a
    writer that leaves them out: the next record's `WARC/1.0` line was swallowed as an
    overrun, its header failed and the resync skipped it (every other record lost when
    each length counted the blank lines). It is the next record's first line."""
    if layout == "no_blank_lines":
        records = [_record(name, after=b"") for name in NAMES]
    else:
        extra = [4 if layout == "every_length_does" or index == 1 else 0 for index in range(5)]
        records = [_record(name, extra=more) for name, more in zip(NAMES, extra, strict=True)]
    assert _read(tmp_path / "bulletins.warc", b"".join(records)) == ALL_READ
    whole = _read(tmp_path / "bulletins.warc.gz", gzip.compress(b"".join(records)))
    assert whole == ALL_READ


@pytest.mark.parametrize("closing", [b"", b"\r\n\r\n"], ids=["empty", "blank_lines"])
def test_a_record_gzipped_warc_closing_with_an_empty_member_is_whole(
    tmp_path: Path, closing: bytes
) -> None:
    """A writer's closing gzip member that inflates to nothing read as a record cut short
    (`truncated`), though the same member between two records was skipped as clean. Cut
    inside an empty member, the file still says `truncated`."""
    members = b"".join(gzip.compress(_record(name)) for name in NAMES)
    last = gzip.compress(closing)
    assert _read(tmp_path / "closed.warc.gz", members + last) == ALL_READ
    if not closing:  # an empty member's deflate stream is its last bytes but 8
        cut = _read(tmp_path / "cut.warc.gz", members + last[:-10])
        assert cut[:-1] == ALL_READ
        assert cut[-1][1] == "truncated"


def test_the_resync_reads_no_record_an_article_quotes(tmp_path: Path) -> None:
    """The first record's length 50 bytes too long hides the second's header; the resync
    searched on from there and found a record the second article quotes at a line start,
    stored it as an article and lost the real one. It searches from the damaged record's
    start and takes only a header whose length ends where another record (or the file)
    does: the quoted one is text inside the second record."""
    quoted = b"\r\n" + _record("quoted-sample") + b"<p>The archive keeps records like it.</p>"
    data = _record("bulletin-1", extra=50) + _record("bulletin-2", quoted) + _record("bulletin-3")
    inputs = _read(tmp_path / "quoting.warc", data)
    assert ("urn:uuid:quoted-sample", "ok") not in inputs
    assert [name for name, code in inputs if code == "ok"] == [
        "urn:uuid:bulletin-2",
        "urn:uuid:bulletin-3",
    ]
    assert inputs[0] == ("urn:uuid:bulletin-1", "corrupt")


def test_no_record_to_read_on_from_leaves_the_rest_as_one_input(tmp_path: Path) -> None:
    """Junk after the first record, then only a quoted header whose length runs past the
    file: no record is invented from it, the rest is one input saying why."""
    fake = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9000\r\n\r\n<p>cut</p>"
    data = _record("bulletin-1") + b"stray bytes\r\n" + fake
    inputs = _read(tmp_path / "junk.warc", data)
    assert inputs[0] == ("urn:uuid:bulletin-1", "ok")
    assert len(inputs) == 2
    assert inputs[1][1] in ("truncated", "corrupt")


@pytest.mark.parametrize("damage", ["opens_with_blank_lines", "junk_between_records"])
def test_a_warc_gzipped_whole_reads_like_a_plain_one(tmp_path: Path, damage: str) -> None:
    """`gzip crawl.warc` of a WARC opening with blank lines was `empty`; of one with junk
    between two records, every record after the first was lost as one `truncated` input
    at offset 0. Both read as the plain file does."""
    records = [_record(name) for name in NAMES]
    if damage == "opens_with_blank_lines":
        plain = b"\r\n\r\n" + b"".join(records)
    else:
        plain = records[0] + b"a stray line\r\n" + b"".join(records[1:])
    expected = _read(tmp_path / "plain.warc", plain)
    assert [item for item in expected if item[1] == "ok"] == ALL_READ
    assert _read(tmp_path / "whole.warc.gz", gzip.compress(plain)) == expected


def test_a_warc_gzipped_whole_and_damaged_everywhere_stops_searching(tmp_path: Path) -> None:
    # Review of fixwarc27: each search for the next record seeks back in the inflated
    # stream, which inflates it again from its start: a file damaged at every other record
    # took CPU in the square of its size. Past MAX_INFLATED_SEARCHES the rest is one input.
    from newsnorm.flows.engine.warcrecords import MAX_INFLATED_SEARCHES

    count = 2 * (MAX_INFLATED_SEARCHES + 20)
    data = b"".join(_record(f"bulletin-{n}", extra=10 if n % 2 else 0) for n in range(count))
    plain = _read(tmp_path / "crawl.warc", data)
    assert sum(code == "ok" for _, code in plain) == count // 2  # plain files search on
    rows = _read(tmp_path / "crawl.warc.gz", gzip.compress(data))
    assert sum(code == "ok" for _, code in rows) <= MAX_INFLATED_SEARCHES + 2
    assert rows[-1][0].startswith("offset=")
    assert rows[-1][1] == "truncated"


def _damaged(member: bytes) -> bytes:
    """A gzip member with ten bytes of its deflate stream overwritten (its CRC fails)."""
    broken = bytearray(member)
    broken[30:40] = b"\x00" * 10
    return bytes(broken)


@pytest.mark.parametrize(
    ("damage", "stretches"),
    [
        ("junk_between_members", ["offset=494"]),
        ("junk_after_the_first_member", ["offset=247"]),
        ("a_member_that_is_no_record", ["offset=494"]),
        ("a_damaged_member", ["offset=247"]),
        ("two_damaged_members_in_a_row", ["offset=247"]),
        ("the_first_member_damaged", ["offset=0"]),
        ("junk_twice", ["offset=247"]),
    ],
)
def test_a_warc_gzipped_record_by_record_reads_on_past_damage(
    tmp_path: Path, damage: str, stretches: list[str]
) -> None:
    """Crawlers write `.warc.gz` one gzip member a record. Junk between two members, or a
    member whose bytes are wrong, left every record after it lost as one `truncated`
    input (junk after the first record read the file as gzipped whole, to the same end).
    Each damaged stretch is one `corrupt` input where it starts; every whole record after
    it is read, and none is invented from a member that holds no record."""
    members = [gzip.compress(_record(name)) for name in NAMES]
    if damage == "junk_between_members":
        data = b"".join(members[:2]) + b"stray bytes\r\n" + b"".join(members[2:])
    elif damage == "junk_after_the_first_member":
        data = members[0] + b"stray bytes\r\n" + b"".join(members[1:])
    elif damage == "a_member_that_is_no_record":
        data = b"".join(members[:2]) + gzip.compress(b"a note\n") + b"".join(members[2:])
    elif damage == "junk_twice":
        data = members[0] + b"XX" + members[1] + b"YYYY" + b"".join(members[2:])
    else:
        first = 0 if damage == "the_first_member_damaged" else 1
        count = 2 if damage == "two_damaged_members_in_a_row" else 1
        kept = [*members]
        for index in range(first, first + count):
            kept[index] = _damaged(members[index])
        data = b"".join(kept)
    inputs = _read(tmp_path / "crawl.warc.gz", data)
    assert [name for name, code in inputs if code != "ok"] == stretches
    assert {code for name, code in inputs if code != "ok"} == {"corrupt"}
    # Between two stretches of junk, a member is taken only when another member (or the
    # file's end) follows it: one a damaged record quotes is followed by that record's bytes.
    lost = {"a_damaged_member": [1], "two_damaged_members_in_a_row": [1, 2], "junk_twice": [1]}
    lost = lost.get(damage, [])
    lost = [0] if damage == "the_first_member_damaged" else lost
    read = [(name, code) for name, code in inputs if code == "ok"]
    assert read == [item for index, item in enumerate(ALL_READ) if index not in lost]


def test_no_record_is_read_from_a_gzipped_warc_a_damaged_record_quotes(tmp_path: Path) -> None:
    """Review: a record whose payload is a `.warc.gz` download holds gzip members stored
    as they are inside its deflate stream; with that record damaged, the search read on
    from the quoted member and stored its record as an article."""
    rng = random.Random(3)
    quoted = gzip.compress(_record("quoted-sample"), mtime=0)
    body = rng.randbytes(30_000).hex().encode() + quoted + rng.randbytes(30_000).hex().encode()
    members = [gzip.compress(_record(name, body if index == 1 else b""), mtime=0)
               for index, name in enumerate(NAMES)]  # fmt: skip
    broken = bytearray(members[1])
    broken[12] ^= 0xFF
    inputs = _read(tmp_path / "quoting.warc.gz", members[0] + bytes(broken) + b"".join(members[2:]))
    assert ("urn:uuid:quoted-sample", "ok") not in inputs
    assert [code for _, code in inputs if code != "ok"] == ["corrupt"]
    assert [name for name, code in inputs if code == "ok"] == [
        f"urn:uuid:{name}" for name in NAMES if name != "bulletin-2"
    ]


def test_a_first_record_of_any_size_then_junk_is_no_warc_gzipped_whole(tmp_path: Path) -> None:
    """Review: junk right after a first record inflating past 64 KiB still read the file
    as gzipped whole, and every record after it was lost."""
    rng = random.Random(7)
    first = gzip.compress(_record("bulletin-1", rng.randbytes(50_000).hex().encode()), mtime=0)
    rest = b"".join(gzip.compress(_record(name), mtime=0) for name in NAMES[1:])
    inputs = _read(tmp_path / "big-first.warc.gz", first + b"stray bytes" + rest)
    assert [name for name, code in inputs if code == "ok"] == [name for name, _ in ALL_READ]
    assert inputs[1] == (f"offset={len(first)}", "corrupt")
