"""`newsnorm stories` and `newsnorm story ID` on a warehouse holding a 3-copy story (the seed,
a re-headlined copy with a newsletter promo, an excerpt) and four unrelated articles."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest

from newsnorm.flows.cli import EXIT_ERROR, EXIT_OK, main
from newsnorm.flows.cli.story_output import write_story_text
from newsnorm.flows.engine.runner import execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.flows.stories.report import CopyReport, StoryReport, StoryReportError, resolve_story
from newsnorm.transforms.paragraph_diff import ParagraphDiff
from newsnorm.warehouse.lake import Warehouse, open_warehouse
from tests_support import SEED_TEXT, story_variants

REHEADLINED = "Blinken, Netanyahu Clash Over Rafah As Ceasefire Talks Stall"
SEED_TITLE = SEED_TEXT.splitlines()[0]


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The warehouse (built once: an ingest takes seconds) and the 3-copy story's id."""
    folder = tmp_path_factory.mktemp("stories")
    story_variants(folder / "in")
    warehouse = Warehouse.at(folder / "warehouse")
    execute_ingest([str(folder / "in")], IngestSettings(warehouse=warehouse, strict=True))
    with open_warehouse(warehouse, read_only=True) as connection:
        [(story_id,)] = connection.execute(
            "select story_id from stories where copies = 3"
        ).fetchall()
    return str(warehouse.root), str(story_id)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_stories_lists_the_copied_story_only(
    stored: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    root, story_id = stored
    code, out, _ = _run(capsys, "stories", "--warehouse", root)
    assert code == EXIT_OK
    assert out.startswith(f"{story_id}  3 copies, 3 crediting")
    assert "syndicators: Daily Caller News Foundation" in out
    assert out.count("copies") == 1  # the four single-copy stories are below --min-copies 2


def test_stories_json_rows_and_order(
    stored: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    root, story_id = stored
    code, out, _ = _run(
        capsys, "stories", "--warehouse", root, "--min-copies", "1", "--format", "json"
    )
    rows = json.loads(out)
    assert code == EXIT_OK
    assert [row["copies"] for row in rows] == [3, 1, 1, 1, 1]
    top = rows[0]
    assert top["story_id"] == story_id
    assert top["syndicators"] == ["Daily Caller News Foundation"]
    assert top["crediting_copies"] == 3
    assert top["original_reason"] == "earliest_ingested"
    assert top["original_title"] in (REHEADLINED, SEED_TITLE)
    assert set(top) == {
        "story_id", "copies", "sites", "syndicators", "crediting_copies", "first_seen",
        "original_title", "original_reason",
    }  # fmt: skip
    _, limited, _ = _run(capsys, "stories", "--warehouse", root, "--min-copies", "1",
                         "--limit", "2", "--format", "csv")  # fmt: skip
    assert len(list(csv.reader(io.StringIO(limited)))) == 1 + 2


def test_stories_with_too_few_copies_says_so(
    stored: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    root, _ = stored
    code, out, _ = _run(capsys, "stories", "--warehouse", root, "--min-copies", "4")
    assert code == EXIT_OK
    assert out == "no story has 4 or more copies (7 articles are linked to stories, in 5 stories)\n"
    code, out, err = _run(capsys, "stories", "--warehouse", root, "--min-copies", "4",
                          "--format", "json")  # fmt: skip
    assert json.loads(out) == []
    assert "no story has 4 or more copies" in err


def test_story_by_prefix_shows_headlines_paragraphs_and_cruft(
    stored: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    root, story_id = stored
    code, out, _ = _run(capsys, "story", story_id[:7].upper(), "--warehouse", root)
    assert code == EXIT_OK
    assert out.startswith(f"story {story_id}: 3 copies")
    blocks = {block.split("\n", 1)[0].split()[-1].rsplit("/", 1)[-1]: block
              for block in out.split("\n\n")[1:]}  # fmt: skip
    assert set(blocks) == {"seed.txt", "reheadlined.txt", "excerpt.txt"}
    # The original is one of the two headlines; the other copy shows its own.
    original = next(name for name, block in blocks.items() if block.startswith("[original]"))
    other = "seed.txt" if original == "reheadlined.txt" else "reheadlined.txt"
    other_title = SEED_TITLE if other == "seed.txt" else REHEADLINED
    assert f"headline differs: {other_title}" in blocks[other]
    assert "headline differs" not in blocks[original]
    assert "paragraphs: the same 8 as the original" in blocks[other]
    assert "4 of the original's missing, 0 added" in blocks["excerpt.txt"]
    assert "    - When asked about Netanyahu" in blocks["excerpt.txt"]
    report = json.loads(_run(capsys, "story", story_id, "--warehouse", root, "--format", "json")[1])
    [excerpt] = [copy for copy in report["copies"] if copy["source_uri"].endswith("excerpt.txt")]
    for paragraph in excerpt["missing_paragraphs"]:  # whole, however long
        assert f"\n    - {' '.join(paragraph.split())}\n" in blocks["excerpt.txt"] + "\n"
    assert "why: no URL, site or date says which copy is the source" in out
    for block in blocks.values():
        assert "font-size (ui_cruft, removed): Font Size:" in block
    assert "Sign up for our newsletter" in blocks["reheadlined.txt"]
    assert "Sign up for our newsletter" not in blocks["seed.txt"]


def test_story_json_is_one_object_with_full_texts(
    stored: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    root, story_id = stored
    code, out, _ = _run(capsys, "story", story_id, "--warehouse", root, "--format", "json")
    report = json.loads(out)
    assert code == EXIT_OK
    assert report["story_id"] == story_id
    assert report["original_paragraphs"] == 8
    copies = {Path(copy["source_uri"]).name: copy for copy in report["copies"]}
    assert report["copies"][0]["is_original"]
    assert report["copies"][0]["article_id"] == report["original_article_id"]
    excerpt = copies["excerpt.txt"]
    assert len(excerpt["missing_paragraphs"]) == 4
    assert excerpt["added_paragraphs"] == []
    assert excerpt["containment"] > 0.8
    assert excerpt["missing_paragraphs"][-1] in SEED_TEXT  # full text, not shortened
    assert {"rule": "font-size", "kind": "ui_cruft", "action": "removed", "text": "Font Size:"} in (
        copies["seed.txt"]["cruft"]
    )
    # A copy shows its headline exactly when it differs from the original's: the seed's and
    # the re-headlined copy's are both in the report, one as the original's.
    for copy in report["copies"]:
        same = copy["title"] == report["original_title"]
        assert copy["headline"] == (None if same else copy["title"])
    headlines = {copy["headline"] for copy in report["copies"]} - {None}
    assert headlines | {report["original_title"]} == {SEED_TITLE, REHEADLINED}


def test_story_table_has_one_row_per_copy(
    stored: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    root, story_id = stored
    code, out, _ = _run(capsys, "story", story_id[:8], "--warehouse", root, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == EXIT_OK
    assert len(rows) == 3
    by_file = {row["where"].rsplit("/", 1)[-1]: row for row in rows}
    assert by_file["excerpt.txt"]["missing_paragraphs"] == "4"
    assert by_file["seed.txt"]["missing_paragraphs"] == "0"


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("ffffffff", "no story id starts with ffffffff"),
        ("12345", "not a story id: give at least 6 hex digits"),
        ("zzzzzzzz", "not a story id"),
    ],
)
def test_unknown_story_is_an_error_without_traceback(
    stored: tuple[str, str], capsys: pytest.CaptureFixture[str], reference: str, message: str
) -> None:
    root, _ = stored
    code, out, err = _run(capsys, "story", reference, "--warehouse", root)
    assert code == EXIT_ERROR
    assert out == ""
    assert err.startswith("newsnorm story: ")
    assert message in err
    assert "Traceback" not in err


def test_an_ambiguous_prefix_names_its_candidates() -> None:
    connection = duckdb.connect()
    ids = ["abcdef01" + "0" * 24, "abcdef02" + "0" * 24, "abcdef02" + "0" * 24, "123456" + "0" * 26]
    connection.execute("create table copies (story_id varchar)")
    connection.executemany("insert into copies values (?)", [[story_id] for story_id in ids])
    with pytest.raises(StoryReportError, match="abcdef0 is ambiguous: it starts abcdef01"):
        resolve_story(connection, "abcdef0")
    assert resolve_story(connection, "ABCDEF02") == "abcdef02" + "0" * 24
    assert resolve_story(connection, "123456") == "123456" + "0" * 26


def test_without_a_warehouse_both_commands_fail_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (["stories"], ["story", "abcdef"]):
        code, _, err = _run(capsys, *argv, "--warehouse", str(tmp_path / "none"))
        assert code == EXIT_ERROR
        assert "newsnorm ingest" in err


def test_paragraphs_that_differ_late_are_shown_whole() -> None:
    shared = "Officials said the bridge would reopen after repairs that took most of the year, "
    diff = ParagraphDiff(missing=(shared + "at a cost of four million.",),
                         added=(shared + "at a cost of nine million.",), shared=3)  # fmt: skip
    copy = CopyReport("b" * 32, False, "example.org", None, "file:///b.txt", None, False, 0.8,
                      0.9, None, "Bridge", None, (), diff)  # fmt: skip
    report = StoryReport("a" * 32, "a" * 32, "syndicator_host", "Bridge", 4, (copy,))
    out = io.StringIO()
    write_story_text(report, out)
    text = out.getvalue()
    assert f"    - {shared}at a cost of four million.\n" in text
    assert f"    + {shared}at a cost of nine million.\n" in text
    assert "why: it runs on the own site of a syndicator the copies credit\n" in text
