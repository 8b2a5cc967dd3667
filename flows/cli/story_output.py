"""`newsnorm stories` and `newsnorm story ID` as text, a table of copies, or JSON."""

from __future__ import annotations

from datetime import datetime
from typing import TextIO

from newsnorm.flows.cli.row_output import to_jsonable
from newsnorm.flows.stories.report import StoryList, StoryReport
from newsnorm.transforms.paragraph_diff import ParagraphDiff, shorten
from newsnorm.transforms.story_originals import ORIGINAL_REASONS
from newsnorm.warehouse.story_reads import STORY_COLUMNS

# Cut pieces are shown shortened; paragraphs a copy lacks or adds are shown whole, since two
# versions of one paragraph often differ only past any cut-off.
EXCERPT_CHARS = 80
# Paragraphs shown per copy in text; the counts and `--format json` have them all.
SHOWN_PARAGRAPHS = 5
COPY_COLUMNS = (
    "article_id",
    "is_original",
    "where",
    "credits_syndicator",
    "similarity",
    "containment",
    "published_at",
    "headline",
    "cruft",
    "missing_paragraphs",
    "added_paragraphs",
    "also_ran",
)


def copy_rows(report: StoryReport) -> list[tuple[object, ...]]:
    """One summary row per copy (COPY_COLUMNS): the side-by-side view as a table."""
    return [
        (
            copy.article_id,
            copy.is_original,
            copy.where,
            copy.credits_syndicator,
            copy.similarity,
            copy.containment,
            copy.published_at,
            copy.headline,
            len(copy.cruft),
            len(copy.paragraphs.missing),
            len(copy.paragraphs.added),
            len(copy.also_ran),
        )
        for copy in report.copies
    ]


def report_json(report: StoryReport) -> dict[str, object]:
    """The whole report, full texts included: for scripts, not for reading."""
    return {
        "story_id": report.story_id,
        "original_article_id": report.original_article_id,
        "original_reason": report.original_reason,
        "original_title": report.original_title,
        "original_paragraphs": report.original_paragraphs,
        "copies": [
            {
                "article_id": copy.article_id,
                "is_original": copy.is_original,
                "site": copy.site,
                "url": copy.url,
                "source_uri": copy.source_uri,
                "syndicator": copy.syndicator,
                "credits_syndicator": copy.credits_syndicator,
                "similarity": copy.similarity,
                "containment": copy.containment,
                "published_at": to_jsonable(copy.published_at),
                "title": copy.title,
                "headline": copy.headline,
                "cruft": [
                    {"rule": c.rule, "kind": c.kind, "action": c.action, "text": c.text}
                    for c in copy.cruft
                ],
                "shared_paragraphs": copy.paragraphs.shared,
                "missing_paragraphs": list(copy.paragraphs.missing),
                "added_paragraphs": list(copy.paragraphs.added),
                "also_ran": [
                    {
                        "site": place.site,
                        "url": place.url,
                        "input_uri": place.input_uri,
                        "published_at": to_jsonable(place.published_at),
                    }
                    for place in copy.also_ran
                ],
            }
            for copy in report.copies
        ],
    }


def write_story_list_text(stories: StoryList, out: TextIO) -> None:
    """One block per story: the counts on the first line, then the original's title."""
    for row in stories.rows:
        story = dict(zip(STORY_COLUMNS, row, strict=True))
        syndicators = ", ".join(story["syndicators"] or []) or "none named"
        sites = f" on {story['sites']} sites" if story["sites"] else ""  # text dumps: no site
        out.write(
            f"{story['story_id']}  {story['copies']} copies{sites}, "
            f"{story['crediting_copies']} crediting; first seen {_when(story['first_seen'])}\n"
            f"   {story['original_title'] or '(untitled)'}\n"
            f"   syndicators: {syndicators}; original chosen by {story['original_reason']}\n\n"
        )


def write_story_text(report: StoryReport, out: TextIO) -> None:
    """The story's original, then each copy: where it ran and what it changed."""
    why = ORIGINAL_REASONS.get(report.original_reason)
    articles = len(report.copies)
    copies = f"{report.placements} copies" + (
        f" ({articles} distinct text{'s' if articles > 1 else ''})"
        if report.placements != articles
        else ""
    )
    if report.original_reason == "only_copy" and report.placements > 1:
        why = "one text ran verbatim everywhere: shown where its first input ran, then the others"
    out.write(
        f"story {report.story_id}: {copies}; original "
        f"{report.original_article_id[:12]} (chosen by {report.original_reason})\n"
        + (f"why: {why}\n" if why else "")
        + f"headline: {report.original_title or '(untitled)'}\n"
        f"paragraphs: {report.original_paragraphs}\n"
    )
    if not any(copy.is_original for copy in report.copies):
        out.write("(the original is no longer a current article; compared against it anyway)\n")
    for number, copy in enumerate(report.copies, start=1):
        label = "original" if copy.is_original else f"copy {number}"
        out.write(f"\n[{label}] {copy.article_id[:12]}  {copy.where}\n")
        similarity = "—" if copy.similarity is None else f"{copy.similarity:.3f}"
        containment = "—" if copy.containment is None else f"{copy.containment:.3f}"
        credit = (
            f"yes ({copy.syndicator})"
            if copy.syndicator
            else ("yes" if copy.credits_syndicator else "no")
        )
        facts = [f"site {copy.site}"] if copy.site else []
        facts += [
            f"published {_when(copy.published_at)}",
            f"credits syndicator {credit}",
            f"similarity {similarity}",
            f"containment {containment}",
        ]
        out.write("  " + " · ".join(facts) + "\n")
        for place in copy.also_ran:
            site = f" · site {place.site}" if place.site else ""
            out.write(
                f"  also ran identical: {place.where}{site}"
                f" · published {_when(place.published_at)}\n"
            )
        if copy.headline is not None:
            out.write(f"  headline differs: {copy.headline}\n")
        if not copy.is_original:
            _write_paragraphs(copy.paragraphs, out)
        if copy.cruft:
            out.write(f"  cruft cut ({len(copy.cruft)}):\n")
            for piece in copy.cruft:
                out.write(
                    f"    {piece.rule} ({piece.kind}, {piece.action}): "
                    f"{shorten(piece.text, EXCERPT_CHARS)}\n"
                )
        else:
            out.write("  cruft cut: none\n")


def _write_paragraphs(diff: ParagraphDiff, out: TextIO) -> None:
    if diff.identical:
        out.write(f"  paragraphs: the same {diff.shared} as the original\n")
        return
    out.write(
        f"  paragraphs: {diff.shared} shared, {len(diff.missing)} of the original's missing, "
        f"{len(diff.added)} added\n"
    )
    for sign, paragraphs in (("-", diff.missing), ("+", diff.added)):
        for paragraph in paragraphs[:SHOWN_PARAGRAPHS]:
            out.write(f"    {sign} {' '.join(paragraph.split())}\n")
        if len(paragraphs) > SHOWN_PARAGRAPHS:
            out.write(f"    {sign} … {len(paragraphs) - SHOWN_PARAGRAPHS} more\n")


def _when(value: object) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M %Z").strip()
    return "—" if value is None else str(value)
