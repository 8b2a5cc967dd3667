"""bench/html_title_ranker.py's candidates: each stated title raw and with the site name cut,
the h1, and the hand chooser's pick flagged, so the ceiling and the ranker see what the hand
chooser sees."""

from __future__ import annotations

from newsnorm.transforms.html.facts import read_facts
from newsnorm.transforms.html.nodes import parse_page
from tests_support import bench_module

ranker = bench_module("html_title_ranker")

_PAGE = """<html><head><title>Storm Closes Harbour Road | Example Gazette</title>
<meta property="og:title" content="Storm Closes Harbour Road">
<meta property="og:site_name" content="Example Gazette"></head>
<body><h1>Example Gazette</h1><article><h1>Harbour road shut after storm</h1>
<p>Crews worked through the night.</p></article></body></html>"""


def test_candidates_carry_their_sources_variants_and_the_hand_pick() -> None:
    facts = read_facts(parse_page(_PAGE)[0], "https://example-gazette.test/storm")
    hand, found = ranker.candidates(facts)
    assert found["Storm Closes Harbour Road"] == {"og": ranker.RAW, "title": ranker.SITE_CUT}
    assert found["Harbour road shut after storm"]["h1-main"] == ranker.RAW
    assert found["Storm Closes Harbour Road | Example Gazette"] == {"title": ranker.RAW}
    rows = ranker.features(facts, hand, found)
    assert all(len(row) == len(ranker.FEATURES) for row in rows)
    picked = [text for text, row in zip(found, rows, strict=True) if row[8] == 1]
    assert ranker.FEATURES[8] == "hand pick"
    assert picked == [hand]
