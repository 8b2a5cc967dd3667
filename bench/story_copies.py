"""Copies of one story as syndication makes them, for the labelled set (bench/story_pairs.py).

Verbatim in another CMS's typography, trimmed to an excerpt, re-headlined, with another site's
cruft, with paragraphs moved or dropped, and a combination. Cruft is added to the cleaned body,
i.e. it stands for cruft the cleaner missed: the worst case for linking.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

SITES = (
    "The Daily Ledger",
    "Foreign Desk News",
    "American Wire News",
    "Conservative Action News",
    "Salon",
    "ScienceAlert",
    "Yahoo News",
    "MSN",
    "the Anchorage Daily News",
    "Missouri Independent",
)
NAMES = ("Jake Smith", "Maya Lopez", "Terry Slevin", "Duaa Eldeib", "Nathanael Johnson")
LONG_NOTICES = (
    "All content created by the Daily Caller News Foundation, an independent and nonpartisan "
    "newswire service, is available without charge to any legitimate news publisher that can "
    "provide a large audience. All republished articles must include our logo, our reporter's "
    "byline and their DCNF affiliation. For any questions about our guidelines or partnering "
    "with us, please contact licensing@dailycallernewsfoundation.org.",
    "KHN (Kaiser Health News) is a national newsroom that produces in-depth journalism about "
    "health issues. It is one of the main programs of KFF, a foundation that studies health "
    "policy and shares what it learns with the public.",
    "ProPublica is a Pulitzer Prize-winning investigative newsroom. Sign up for The Big Story "
    "newsletter to receive stories like this one in your inbox.",
    "Get Our Top Investigations Subscribe to the Big Story newsletter. Don't miss out on "
    "ProPublica's next investigation. This site is protected by reCAPTCHA and the Google "
    "Privacy Policy and Terms of Service apply.",
)


@dataclass(frozen=True, slots=True)
class CruftKit:
    """One site's cruft: lines it puts above, between and below a story's paragraphs."""

    top: tuple[str, ...]
    inline: tuple[str, ...]
    bottom: tuple[str, ...]


def paragraphs(body: str) -> list[str]:
    """Paragraphs of a body; a body of one or two paragraphs is split into sentences, so
    excerpts and reordering still have units to work on."""
    parts = [line.strip() for line in body.splitlines() if line.strip()]
    if len(parts) < 3:
        parts = [s for s in re.split(r"(?<=[.!?…])\s+", " ".join(parts)) if s]
    return parts


def join(parts: Iterable[str]) -> str:
    return "\n\n".join(parts)


def headline_from(text: str, rng: random.Random) -> str:
    """A plausible headline: a run of the text's words in title case."""
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", text)[:40] or ["News"]
    start = rng.randrange(max(1, len(words) - 6))
    return " ".join(
        word[:1].upper() + word[1:] for word in words[start : start + rng.randint(6, 11)]
    )


def cruft_kit(rng: random.Random, other_text: str, long_notice: bool = False) -> CruftKit:
    """A site's cruft, from the wordings in ../shared/syndication/CATALOGUE.md; `other_text`
    (another story) fills related-story rails, as on a real page."""
    site = rng.choice(SITES)
    name = rng.choice(NAMES)
    related = headline_from(other_text, rng)
    caption = (
        f"{name} speaks to reporters on {rng.choice(('Monday', 'Tuesday', 'Friday'))}. "
        f"(Photo by {rng.choice(NAMES).upper()}/AFP via Getty Images)"
    )
    top = [
        "Skip to main content",
        "Sign up for our newsletter",
        "Listen to this article",
        f"By: {name}, {site}",
        caption,
        f"{rng.randint(2, 99)}views",
        "Font Size:",
        "When you buy through links on our articles, Future and its syndication partners may "
        "earn a commission.",
        f"This article was originally published by {site}. Click here to read in full.",
    ]
    inline = [
        "Advertisement",
        "ADVERTISEMENT",
        "Advertisement:",
        f"(RELATED: {related})",
        f"© Provided by {site}",
        f"TRENDING: {related}",
        f"READ MORE: {related}",
        caption,
    ]
    bottom = [
        "Share this:\nClick to share on X (Opens in new window)X\n"
        "Click to share on Facebook (Opens in new window)Facebook\nLike Loading...",
        f"This article was originally published by {site} and is republished with permission.",
        "This article is republished from The Conversation under a Creative Commons license. "
        "Read the original article.",
        f"The post {related} appeared first on {site}.",
        "Leave a Comment\nYour email address will not be published. Required fields are marked *",
        f"Previous post {related}\nNext post {headline_from(other_text[::-1], rng)}",
        f"Originally published on {site}.",
        "Scroll to Top",
        "Republish This Story",
    ]
    if long_notice or rng.random() < 0.4:
        bottom = [rng.choice(LONG_NOTICES)]
    return CruftKit(
        tuple(rng.sample(top, rng.randint(1, 2))),
        tuple(rng.sample(inline, rng.randint(0, 3))),
        tuple(rng.sample(bottom, rng.randint(1, min(3, len(bottom))))),
    )


def with_cruft(body: str, kit: CruftKit, rng: random.Random) -> str:
    parts = paragraphs(body)
    for line in kit.inline:
        at = rng.randint(1, len(parts))
        if line.startswith("(RELATED") and at > 0:
            parts[at - 1] = f"{parts[at - 1]} {line}"  # DCNF glues it to a paragraph's end
        else:
            parts.insert(at, line)
    return join([*kit.top, *parts, *kit.bottom])


def verbatim(body: str, rng: random.Random, _other: str) -> str:
    """The same text as another CMS renders it: quotes, line breaks, spaces."""
    text = body
    if rng.random() < 0.5:
        text = text.replace("'", "\u2019").replace('"', "\u201c")
    if rng.random() < 0.5:
        text = re.sub(r"\n\s*\n", "\n", text)
    if rng.random() < 0.5:
        text = text.replace(" ", "\u00a0", rng.randint(1, 20))
    return text


def excerpt(body: str, rng: random.Random, _other: str) -> str:
    """The first 20%-60% of the paragraphs, sometimes with a read-more line."""
    parts = paragraphs(body)
    keep = max(1, round(len(parts) * rng.uniform(0.2, 0.6)))
    tail = [rng.choice(("View full article", "Read the full story", "Read more…"))]
    return join(parts[:keep] + (tail if rng.random() < 0.5 else []))


def reheadlined(body: str, rng: random.Random, other: str) -> str:
    """The body under a new headline line, sometimes with a dek."""
    lines = [headline_from(body, rng)]
    if rng.random() < 0.5:
        lines.append(f"{headline_from(body, rng)}, and what it means for {rng.choice(SITES)}")
    return join([*lines, body])


def crufted(body: str, rng: random.Random, other: str) -> str:
    return with_cruft(body, cruft_kit(rng, other), rng)


def reordered(body: str, rng: random.Random, _other: str) -> str:
    """Some paragraphs moved, some dropped (10%-40%), or both; the first stays first."""
    parts = paragraphs(body)
    mode = rng.choice(("move", "drop", "both"))
    if mode in {"drop", "both"} and len(parts) > 2:
        drop = set(
            rng.sample(range(1, len(parts)), round((len(parts) - 1) * rng.uniform(0.1, 0.4)))
        )
        parts = [part for i, part in enumerate(parts) if i not in drop]
    if mode in {"move", "both"} and len(parts) > 2:
        for _ in range(rng.randint(1, 3)):
            part = parts.pop(rng.randrange(1, len(parts)))
            parts.insert(rng.randrange(1, len(parts) + 1), part)
    return join(parts)


Variant = Callable[[str, random.Random, str], str]
VARIANTS: dict[str, Variant] = {
    "verbatim": verbatim,
    "excerpt": excerpt,
    "reheadlined": reheadlined,
    "cruft": crufted,
    "reordered": reordered,
}


def combined(body: str, rng: random.Random, other: str) -> str:
    """Two or three of excerpt / reorder / re-headline / cruft, in the order a republisher
    would apply them (cut, then dress)."""
    order = ("excerpt", "reordered", "reheadlined", "cruft")
    chosen = set(rng.sample(order, rng.randint(2, 3)))
    text = body
    for kind in order:
        if kind in chosen:
            text = VARIANTS[kind](text, rng, other)
    return text


VARIANTS["combined"] = combined


def copies_of(body: str, rng: random.Random, other: str) -> Iterator[tuple[str, str, str]]:
    """(kind, a, b) copy pairs of one body: the original against each kind of variant, and
    two independent copies against each other (what two republishers post)."""
    for kind, variant in VARIANTS.items():
        yield kind, body, variant(body, rng, other)
    first, second = rng.sample(list(VARIANTS.values()), 2)
    yield "two_copies", first(body, rng, other), second(body, rng, other)


# --- sources ------------------------------------------------------------------------------
