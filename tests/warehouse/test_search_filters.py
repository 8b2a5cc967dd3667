"""`newsnorm search` as analysts narrow it: site, syndicator, dates, phrases in quotes, one
hit per story; and the README's search examples, run as written."""

from __future__ import annotations

import json
import re
import shlex
from datetime import date
from pathlib import Path

import pytest

from newsnorm.flows.cli import EXIT_OK, EXIT_USAGE, main
from newsnorm.flows.engine.runner import execute_ingest
from newsnorm.flows.engine.settings import IngestSettings
from newsnorm.warehouse.lake import Warehouse
from newsnorm.warehouse.search import search
from newsnorm.warehouse.search_query import (
    MAX_PHRASE_WORDS,
    SearchFilters,
    SearchQueryError,
    parse_query,
)
from tests_support import ROOT, story_variants

FILLER = "Riders said the service had improved since the spring, and the operator promised more."
# (title, url, published_at, opening sentence)
FERRY_ROWS = [
    ("Harbor ferry adds night crossings", "https://www.salon.com/2024/05/01/ferry/",
     "2024-05-01T10:00:00Z", "The harbor ferry will run until midnight from June."),
    ("Fares rise on the island line", "https://news.example.org/fares",
     "2024-06-01T10:00:00Z", "Tickets for the ferry across the harbor cost a dollar more."),
    ("Crew shortage idles a boat", "https://example.com/crew",
     "2024-07-01T10:00:00Z", "A harbor ferry stayed at the dock for want of a licensed crew."),
    ("Undated note on the harbor ferry", "https://example.net/note",
     None, "The harbor ferry timetable was posted at the terminal without a date."),
]  # fmt: skip
FERRIES = [
    {"title": title, "url": url, "body": f"{opening} {FILLER}"}
    | ({"published_at": published} if published else {})
    for title, url, published, opening in FERRY_ROWS
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    """Four ferry stories on four sites and dates, and a DCNF story in three copies."""
    root = tmp_path_factory.mktemp("filters")
    story_variants(root / "in")
    lines = "".join(json.dumps(record) + "\n" for record in FERRIES)
    (root / "in" / "ferries.jsonl").write_text(lines, encoding="utf-8")
    warehouse = Warehouse.at(root / "warehouse")
    execute_ingest([str(root / "in")], IngestSettings(warehouse=warehouse, strict=True))
    return warehouse


def _titles(warehouse: Warehouse, query: str, **filters: object) -> list[str | None]:
    found = search(warehouse, query, 10, SearchFilters(**filters))  # type: ignore[arg-type]
    return sorted(hit.title or "" for hit in found.hits)


def test_quotes_make_a_phrase_the_rest_ranks_as_words() -> None:
    parsed = parse_query('"Harbor  ferry" night “U.S. policy')
    assert parsed.words == "Harbor ferry night U.S. policy"
    assert parsed.phrases == (("Harbor", "ferry"), ("U", "S", "policy"))


def test_a_phrase_must_appear_as_written(corpus: Warehouse) -> None:
    words = _titles(corpus, "harbor ferry")
    assert "Fares rise on the island line" in words  # "ferry across the harbor"
    phrase = _titles(corpus, '"harbor ferry"')
    assert phrase == sorted(
        ["Harbor ferry adds night crossings", "Crew shortage idles a boat",
         "Undated note on the harbor ferry"]
    )  # fmt: skip


@pytest.mark.parametrize(
    ("site", "expected"),
    [
        ("salon.com", ["Harbor ferry adds night crossings"]),
        ("https://www.salon.com/", ["Harbor ferry adds night crossings"]),
        ("example.org", ["Fares rise on the island line"]),  # a subdomain counts
        ("ample.org", []),  # but not a part of a label
        ("salon.com:443", ["Harbor ferry adds night crossings"]),  # a port is not the host's
        ("https://user@www.salon.com:8443?x=1", ["Harbor ferry adds night crossings"]),
        ("SALON.COM.#top", ["Harbor ferry adds night crossings"]),
    ],
)
def test_site_matches_the_host_or_its_subdomains(
    corpus: Warehouse, site: str, expected: list[str]
) -> None:
    assert _titles(corpus, "ferry", site=site) == expected


def test_dates_are_inclusive_and_leave_undated_articles_out(corpus: Warehouse) -> None:
    june = {"since": date(2024, 6, 1), "until": date(2024, 6, 1)}
    assert _titles(corpus, "ferry", **june) == ["Fares rise on the island line"]
    assert _titles(corpus, "ferry", since=date(2024, 6, 1)) == [
        "Crew shortage idles a boat",
        "Fares rise on the island line",
    ]
    assert "Undated note on the harbor ferry" not in _titles(
        corpus, "ferry", until=date(2030, 1, 1)
    )


def test_syndicator_is_a_part_of_its_name_any_case(corpus: Warehouse) -> None:
    assert len(_titles(corpus, "Rafah", syndicator="daily CALLER")) == 3
    assert _titles(corpus, "Rafah", syndicator="texas tribune") == []


def test_one_per_story_collapses_copies_and_counts_them(corpus: Warehouse) -> None:
    every = search(corpus, "Rafah", 10).hits
    assert len({hit.story_id for hit in every}) == 1
    assert [hit.copies for hit in every] == [3, 3, 3]
    [best] = search(corpus, "Rafah", 10, SearchFilters(one_per_story=True)).hits
    assert (best.article_id, best.copies, best.matching) == (every[0].article_id, 3, 3)
    ferries = search(corpus, "ferry", 10, SearchFilters(one_per_story=True)).hits
    assert [(hit.copies, hit.matching) for hit in ferries] == [(1, 1)] * 4


def test_cli_shows_article_id_source_and_story(
    corpus: Warehouse, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["search", "--warehouse", str(corpus.root), "--one-per-story", "Rafah"])
    out = capsys.readouterr().out
    [hit] = search(corpus, "Rafah", 1).hits
    assert code == EXIT_OK
    assert f"\n   {hit.article_id}  {hit.source_uri}\n" in out
    assert f"   story {hit.story_id}: 3 copies, 3 matching (the best shown)\n" in out
    code = main(["search", "--warehouse", str(corpus.root), "--site", "nowhere.test", "ferry"])
    assert capsys.readouterr().out == "no results for 'ferry' with these filters\n"


def test_a_bad_date_is_a_usage_error(corpus: Warehouse, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["search", "--warehouse", str(corpus.root), "--since", "May 2024", "ferry"])
    assert stopped.value.code == EXIT_USAGE
    assert "expected a date as YYYY-MM-DD" in capsys.readouterr().err


def _readme_search_examples() -> list[list[str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Search", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```\n(.*?)```", section, flags=re.DOTALL)
    assert block is not None
    return [shlex.split(line, comments=True) for line in block.group(1).splitlines()]


def test_the_readme_search_examples_run_and_find_something(
    corpus: Warehouse, capsys: pytest.CaptureFixture[str]
) -> None:
    examples = _readme_search_examples()
    options = {arg for argv in examples for arg in argv if arg.startswith("--")}
    assert {"--site", "--syndicator", "--since", "--until", "--one-per-story"} <= options
    assert any('"' in arg for argv in examples for arg in argv)  # a phrase
    for argv in examples:
        assert argv[:2] == ["newsnorm", "search"]
        assert main([*argv[1:], "--warehouse", str(corpus.root)]) == EXIT_OK, argv
        out = capsys.readouterr().out
        assert not out.startswith("no results"), argv


def test_a_phrase_too_long_to_search_is_refused_in_one_line(tmp_path: Path) -> None:
    # A bug hunt quoted 450 words of a story: RE2 refused the pattern with a traceback.
    passage = " ".join(["ferry"] * (MAX_PHRASE_WORDS + 250))
    with pytest.raises(SearchQueryError, match="at most 200 words; this one holds 450"):
        search(Warehouse.at(tmp_path / "wh"), f'"{passage}"')
