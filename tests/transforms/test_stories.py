"""Story fingerprints: copies and excerpts link, different stories on one event do not."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from itertools import combinations, permutations
from typing import Any

from newsnorm.transforms.stories import (
    DEFAULT_SETTINGS,
    Similarity,
    assign_stories,
    band_keys,
    fingerprint,
    is_copy,
    shingles,
    similarity,
    verify_candidates,
)
from newsnorm.transforms.story_originals import ORIGINAL_REASONS, choose_original
from tests_support import copy_facts

STORY = (
    "Israeli Prime Minister Benjamin Netanyahu approved plans for a military operation in "
    "Rafah on Friday despite warnings from the Biden administration that an offensive "
    "would put more than a million civilians sheltering in the city at risk. "
    "Netanyahu said the plans would allow the Israel Defense Forces to evacuate civilians "
    "before troops move in, according to a statement from his office. "
    "The White House has repeatedly said it would not support a major ground operation "
    "without a credible plan to protect civilians, and officials said they had not yet "
    "seen one. Hamas still holds more than 100 hostages taken in the October 7 attack, "
    "according to Israeli officials, and negotiations over a ceasefire resumed in Qatar "
    "this week with mediators from Egypt and the United States in attendance."
)
SAME_EVENT = (
    "Benjamin Netanyahu on Friday signed off on an assault on Rafah, the southern Gaza city "
    "where more than a million displaced Palestinians have fled, brushing aside American "
    "objections. Aid groups warned of catastrophe. A spokesman for the United Nations said "
    "there was nowhere safe left to go, while the Pentagon urged restraint and Qatari "
    "mediators tried to revive stalled talks on a truce and the release of hostages held "
    "since the October 7 attack on southern Israel."
)


def test_a_verbatim_copy_with_other_typography_is_a_copy() -> None:
    copy = STORY.replace("'", "\u2019").upper()
    found = similarity(shingles(STORY), shingles(copy))
    assert found.containment == 1.0
    assert is_copy(found)


def test_an_excerpt_is_a_copy_of_the_whole() -> None:
    excerpt = STORY[: len(STORY) // 3]
    found = similarity(shingles(excerpt), shingles(STORY))
    assert found.jaccard < 0.5
    assert found.containment == 1.0
    assert is_copy(found)


def test_another_article_on_the_same_event_is_not_a_copy() -> None:
    found = similarity(shingles(STORY), shingles(SAME_EVENT))
    assert found.shared < 5
    assert not is_copy(found)


def test_a_short_note_never_gets_a_fingerprint() -> None:
    assert fingerprint(shingles("Updated at noon.")) is None
    assert fingerprint(shingles(STORY)) is not None


def test_fingerprints_are_stable_and_copies_share_bands() -> None:
    whole = fingerprint(shingles(STORY))
    again = fingerprint(frozenset(sorted(shingles(STORY), reverse=True)))
    copy = fingerprint(shingles(STORY + " Reporting by our own staff."))
    other = fingerprint(shingles(SAME_EVENT))
    assert whole is not None
    assert copy is not None
    assert other is not None
    assert whole == again
    assert len(whole.bands) == DEFAULT_SETTINGS.bands
    assert len(set(whole.bands) & set(copy.bands)) > DEFAULT_SETTINGS.bands // 2
    assert not set(whole.bands) & set(other.bands)


def test_band_keys_depend_on_the_band_position() -> None:
    assert band_keys((1, 2, 1, 2), 2)[0] != band_keys((1, 2, 1, 2), 2)[1]


def test_story_ids_do_not_depend_on_arrival_order() -> None:
    links = [("b", "c"), ("c", "a"), ("d", "e")]
    outcomes = set()
    for order in permutations("abcde"):
        stories: dict[str, str] = {}
        for article in order:
            touching = [
                link for link in links if article in link and set(link) <= {*stories, article}
            ]
            touched = {other for link in touching for other in link if other != article}
            members = {m: s for m, s in stories.items() if s in {stories[t] for t in touched}}
            stories.update(assign_stories(members, [article], touching))
        outcomes.add(tuple(sorted(stories.items())))
    assert outcomes == {(("a", "a"), ("b", "a"), ("c", "a"), ("d", "d"), ("e", "d"))}


def test_only_changed_assignments_are_returned() -> None:
    current = {"b": "b", "c": "b"}
    assert assign_stories(current, ["a"], [("a", "c")]) == {"a": "a", "b": "a", "c": "a"}
    assert assign_stories(current, ["z"], [("z", "c")]) == {"z": "b"}


def test_the_original_is_named_by_a_copys_original_url_first() -> None:
    copies = [
        copy_facts(
            "a",
            url="https://republisher.example/story",
            published_at=datetime(2024, 3, 1, tzinfo=UTC),
            original_url="http://www.source.example/2024/story/?utm=x",
        ),
        copy_facts(
            "b",
            url="https://source.example/2024/story",
            published_at=datetime(2024, 3, 9, tzinfo=UTC),
        ),
    ]
    assert choose_original(copies) == ("b", "original_url")


def test_the_syndicators_own_page_is_the_original() -> None:
    dcnf = "Daily Caller News Foundation"
    copies = [
        copy_facts(
            "a",
            url="https://foreigndesknews.com/x",
            syndicator=dcnf,
            published_at=datetime(2024, 3, 14, tzinfo=UTC),
        ),
        copy_facts(
            "b",
            url="https://cdn01.dailycaller.com/2024/03/15/x",
            syndicator=dcnf,
            published_at=datetime(2024, 3, 15, tzinfo=UTC),
        ),
    ]
    assert choose_original(copies) == ("b", "syndicator_host")
    tribune = copy_facts("t", url="https://www.texastribune.org/x", syndicator="The Texas Tribune")
    nineteenth = copy_facts("n", url="https://19thnews.org/x", syndicator="The 19th")
    assert choose_original([tribune]) == ("t", "syndicator_host")
    assert choose_original([nineteenth]) == ("n", "syndicator_host")


def test_without_evidence_the_earliest_publication_then_ingestion_wins() -> None:
    early, late = datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 2, 1, tzinfo=UTC)
    copies = [
        copy_facts("b", published_at=late),
        copy_facts("c", published_at=early),
        copy_facts("a"),
    ]
    assert choose_original(copies) == ("c", "earliest_published")
    undated = [copy_facts("b", ingested_at=late), copy_facts("c", ingested_at=early)]
    assert choose_original(undated) == ("c", "earliest_ingested")
    assert choose_original([copy_facts("b"), copy_facts("a")]) == ("a", "earliest_ingested")


def test_a_tie_goes_to_the_syndicators_own_site_whichever_copy_credits_it() -> None:
    # The syndicator's own page carries no notice (no `syndicator` of its own); the
    # republished copy, ingested first and dated the same, credits it.
    same_day = datetime(2024, 3, 15, tzinfo=UTC)
    republished = copy_facts(
        "a",
        url="https://foreigndesknews.com/x",
        syndicator="Daily Caller News Foundation",
        published_at=same_day,
        ingested_at=datetime(2024, 4, 1, tzinfo=UTC),
    )
    own = copy_facts(
        "b", url="https://dailycaller.com/x", published_at=same_day,
        ingested_at=datetime(2024, 4, 2, tzinfo=UTC),
    )  # fmt: skip
    assert choose_original([republished, own]) == ("b", "syndicator_host")
    undated = [
        copy_facts(c.article_id, url=c.url, syndicator=c.syndicator) for c in (republished, own)
    ]
    assert choose_original(undated) == ("b", "syndicator_host")


def test_the_site_a_notice_names_as_the_source_is_the_original() -> None:
    # Salon's copy says "This post originally appeared on Grist."; Grist's own page names
    # no syndicator; the site is known by its name, its host or both.
    salon = copy_facts("a", url="https://www.salon.com/x", site="Salon", original_publisher="Grist")
    for grist in (
        copy_facts("b", url="https://grist.org/x"),
        copy_facts("b", site="Grist"),
        copy_facts("b", site="grist.org"),
    ):
        assert choose_original([salon, grist]) == ("b", "named_publisher")
    elsewhere = copy_facts("b", url="https://example.com/x", site="Example News")
    assert choose_original([salon, elsewhere]) == ("a", "earliest_ingested")


def test_the_conversation_is_found_on_theconversation_com() -> None:
    republished = copy_facts("a", url="https://example.com/x", syndicator="The Conversation")
    own = copy_facts("b", url="https://theconversation.com/x")
    assert choose_original([republished, own]) == ("b", "syndicator_host")


def test_every_reason_is_said_in_words() -> None:
    copies = [copy_facts("a"), copy_facts("b", published_at=datetime(2024, 1, 1, tzinfo=UTC))]
    assert choose_original(copies)[1] in ORIGINAL_REASONS
    assert {"original_url", "named_publisher", "syndicator_host", "only_copy"} <= set(
        ORIGINAL_REASONS
    )


def _groups(stories: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article, story in stories.items():
        groups.setdefault(story, set()).add(article)
    return {frozenset(group) for group in groups.values()}


def _verifier(copies: set[tuple[str, str]], asked: list[tuple[str, str]]) -> Any:
    found = similarity(frozenset("abc"), frozenset("abc"))

    def verify(a: str, b: str) -> Similarity | None:
        asked.append((a, b))
        return found if (a, b) in copies else None

    return verify


def test_verifying_skips_pairs_already_in_one_story_once_they_have_spare_links() -> None:
    triangle = {("a", "b"), ("a", "c"), ("b", "c")}
    candidates = {("a", "b"): 0.9, ("a", "c"): 0.8, ("b", "c"): 0.7}
    asked: list[tuple[str, str]] = []
    links = verify_candidates(candidates, {}, _verifier(triangle, asked), spare_links=0)
    assert asked == [("a", "b"), ("a", "c")]  # most alike first; b-c joins nothing new
    assert [(a, b) for a, b, _ in links] == asked
    asked.clear()
    links = verify_candidates(candidates, {}, _verifier(triangle, asked), spare_links=2)
    assert asked == [("a", "b"), ("a", "c"), ("b", "c")]  # b and c had one link each


def test_verifying_asks_the_most_alike_first_and_ties_by_ids() -> None:
    """The links stored (and their order) follow the order pairs are asked in: estimate
    descending, then the pair's ids ascending, whatever order the candidates came in."""
    rng = random.Random(5)
    for _ in range(50):
        ids = [f"k{index:02d}" for index in range(12)]
        pairs = [pair for pair in combinations(ids, 2) if rng.random() < 0.4]
        rng.shuffle(pairs)
        candidates = {pair: rng.choice([0.5, 0.75, 1.0, -0.0, 0.0]) for pair in pairs}
        asked: list[tuple[str, str]] = []
        verify_candidates(candidates, {}, _verifier(set(), asked), spare_links=0)
        assert asked == [p for _, p in sorted((-e, p) for p, e in candidates.items())]


def test_verifying_skips_members_of_a_stored_story_the_article_joined() -> None:
    current = {"s1": "s1", "s2": "s1", "s3": "s1"}  # stored: one story of three copies
    copies = {("n", "s1"), ("n", "s2"), ("n", "s3")}
    candidates = {("n", "s1"): 0.9, ("n", "s2"): 0.9, ("n", "s3"): 0.8}
    asked: list[tuple[str, str]] = []
    links = verify_candidates(candidates, current, _verifier(copies, asked), spare_links=0)
    assert asked == [("n", "s1")]
    changed = assign_stories(current, ["n"], [(a, b) for a, b, _ in links])
    assert changed == dict.fromkeys(["n", *current], "n")


def test_verifying_finds_the_stories_that_verifying_every_pair_finds() -> None:
    rng = random.Random(7)
    for _ in range(300):
        articles = [f"x{index:02d}" for index in range(rng.randint(2, 14))]
        pairs = [pair for pair in combinations(articles, 2) if rng.random() < 0.5]
        copies = {pair for pair in pairs if rng.random() < 0.6}
        stored = set(articles[: rng.randint(0, len(articles))])
        # Stored articles were linked by earlier runs; the new ones meet them and each other.
        current = assign_stories({}, sorted(stored), [p for p in copies if set(p) <= stored])
        candidates = {pair: rng.random() for pair in pairs if not set(pair) <= stored}
        asked: list[tuple[str, str]] = []
        links = verify_candidates(candidates, current, _verifier(copies, asked), 0)
        new = [article for article in articles if article not in stored]
        found = current | assign_stories(current, new, [(a, b) for a, b, _ in links])
        assert _groups(found) == _groups(assign_stories({}, articles, copies))
        assert set(asked) <= candidates.keys()


def test_shingles_are_every_run_of_consecutive_words() -> None:
    """The runs built from shifted views are exactly the slices of `size` words."""
    words = STORY.lower().replace(",", "").replace(".", "").split()
    for size in (1, 2, 5, len(words) - 1, len(words)):
        text = " ".join(words)
        slices = {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}
        assert shingles(text, size) == slices, size
    assert shingles("One two", 5) == {"one two"}
    assert shingles("", 5) == frozenset()


def test_a_body_of_megabytes_is_compared_by_its_first_words_only() -> None:
    # A 10 MB text made 1.5 million runs of words when linked: ~400 MiB for one input.
    from newsnorm.transforms.stories import MAX_STORY_WORDS, shingles

    words = [f"w{n}" for n in range(MAX_STORY_WORDS * 3)]
    long_body = " ".join(words)
    runs = shingles(long_body)
    assert len(runs) == MAX_STORY_WORDS - 4  # the 5-word runs of its first words
    assert runs == shingles(" ".join(words[:MAX_STORY_WORDS]))
    short = " ".join(words[:900])
    assert len(shingles(short)) == 896  # under the bound, every run as before
    # A body of long words is cut at a space, never inside a word.
    wide = " ".join(["x" * 60] * (MAX_STORY_WORDS * 2))
    assert shingles(wide) == frozenset([" ".join(["x" * 60] * 5)])
    # The exact verification counts the same runs as the fingerprint.
    from newsnorm.transforms.overlap import shingle_hashes

    assert len(shingle_hashes(long_body)) == len(runs)
