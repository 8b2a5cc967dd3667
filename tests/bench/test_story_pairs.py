"""Story linking end to end on golden raw files (process → shingles → band keys → is_copy),
and the labelled set's variant generators (bench/story_copies.py) on a golden body."""

from __future__ import annotations

import importlib
import random
import sys
from functools import cache
from types import ModuleType

import pytest

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.pipeline import process_input
from newsnorm.transforms.stories import fingerprint, is_copy, shingles, similarity
from tests_support import GOLDEN, ROOT

# Golden cases written as real stories are: an original DCNF page and its republication with
# other cruft (one story); another DCNF story on the same subject; and a DCNF and an AP story
# on one settlement, each written separately (different stories on one subject).
ORIGINAL = "dcnf/original_page_related_promo.txt"
REPUBLISHED = "dcnf/republished_caption_twice.txt"
SAME_SUBJECT = "dcnf/original_page_photo_credit.txt"
SETTLEMENT = "dcnf/original_page_no_byline.txt"
SETTLEMENT_WIRE = "ap/radio_site_date_artefact.txt"


def _bench_module(name: str) -> ModuleType:
    """bench/ is not a package: its scripts import each other as top-level modules."""
    if str(ROOT / "bench") not in sys.path:
        sys.path.append(str(ROOT / "bench"))
    return importlib.import_module(name)


story_copies = _bench_module("story_copies")
story_pairs = _bench_module("story_pairs")


@cache
def body(name: str) -> str:
    return process_input(
        (GOLDEN / name).read_bytes(), InputMeta(name), load_adapters()
    ).article.body


def linked(a: str, b: str) -> bool:
    """The warehouse's decision: the pair meets on a band key and verifies as a copy."""
    set_a, set_b = shingles(a), shingles(b)
    print_a, print_b = fingerprint(set_a), fingerprint(set_b)
    if print_a is None or print_b is None or set(print_a.bands).isdisjoint(print_b.bands):
        return False
    return is_copy(similarity(set_a, set_b))


def test_a_republication_with_other_cruft_is_linked() -> None:
    assert linked(body(ORIGINAL), body(REPUBLISHED))


@pytest.mark.parametrize(("a", "b"), [(SAME_SUBJECT, ORIGINAL), (SETTLEMENT, SETTLEMENT_WIRE)])
def test_different_stories_on_one_subject_are_not_linked(a: str, b: str) -> None:
    assert not linked(body(a), body(b))
    # and not because one side was too small to fingerprint
    assert fingerprint(shingles(body(a))) is not None
    assert fingerprint(shingles(body(b))) is not None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_generated_copy_of_a_golden_body_is_linked(seed: int) -> None:
    """Fixed seeds: the bench measures recall over hundreds of bodies; this pins that each
    kind of copy it generates (typography, excerpt, headline, cruft, reordering, a mix,
    two copies) is found on one golden body."""
    rng = random.Random(seed)
    made = list(story_copies.copies_of(body(ORIGINAL), rng, body(SETTLEMENT)))
    assert {kind for kind, _, _ in made} == set(story_pairs.COPY_KINDS) - {"natural"}
    for kind, a, b in made:
        assert a != b or kind == "verbatim"
        assert linked(a, b), kind


def test_variants_change_only_what_they_claim() -> None:
    original = body(ORIGINAL)
    parts = story_copies.paragraphs(original)
    rng = random.Random(0)
    for _ in range(20):
        kept = story_copies.paragraphs(story_copies.excerpt(original, rng, ""))
        kept = [part for part in kept if part in parts]
        assert kept == parts[: len(kept)]
        assert 1 <= len(kept) < len(parts)
        assert story_copies.reheadlined(original, rng, "").endswith(original)
        crufted = story_copies.paragraphs(story_copies.crufted(original, rng, original))
        assert all(any(part in line for line in crufted) for part in parts)
        moved = story_copies.paragraphs(story_copies.reordered(original, rng, ""))
        assert moved[0] == parts[0]
        assert set(moved) <= set(parts)


def test_one_site_cruft_on_two_briefs_does_not_link_them() -> None:
    """The hardest negative the bench makes: two short stories under one long notice."""
    rng = random.Random(0)
    kit = story_copies.cruft_kit(rng, body(SAME_SUBJECT), long_notice=True)
    a = story_copies.with_cruft(body(SAME_SUBJECT), kit, rng)
    b = story_copies.with_cruft(body(SETTLEMENT), kit, rng)
    assert similarity(shingles(a), shingles(b)).shared >= 20
    assert not linked(a, b)
