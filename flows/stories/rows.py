"""The story tables' rows (schemas.tables) from what one linking chunk found."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import pyarrow as pa

from newsnorm.schemas.tables import STORY_FINGERPRINTS, STORY_LINKS, STORY_MEMBERS, STORY_ORIGINALS
from newsnorm.schemas.validate import to_table, version_of
from newsnorm.transforms.stories import Fingerprint, Similarity, StorySettings


def fingerprints_table(
    prints: dict[str, Fingerprint | None],
    settings: StorySettings,
    run_id: str,
    first_runs: Mapping[str, str] | None = None,
) -> pa.Table:
    """One row per article; an article fingerprinted again keeps the run that first
    linked it (`first_runs`)."""
    first_runs = first_runs or {}
    version = version_of(STORY_FINGERPRINTS)
    return to_table(
        [
            {
                "article_id": article_id,
                "settings": settings.version(),
                "shingle_count": found.shingle_count if found else 0,
                "minhash": list(found.minhash) if found else None,
                "bands": list(found.bands) if found else None,
                "run_id": first_runs.get(article_id, run_id),
                "schema_version": version,
            }
            for article_id, found in sorted(prints.items())
        ],
        STORY_FINGERPRINTS,
    )


def links_table(links: Sequence[tuple[str, str, Similarity]], run_id: str) -> pa.Table:
    version = version_of(STORY_LINKS)
    rows = []
    for a, b, found in links:
        rows.append(
            {
                "article_id": a,
                "linked_article_id": b,
                "shared_shingles": found.shared,
                "jaccard": found.jaccard,
                "containment": found.containment,
                "run_id": run_id,
                "schema_version": version,
            }
        )
    return to_table(rows, STORY_LINKS)


def members_table(changed: dict[str, str], run_id: str, now: datetime) -> pa.Table:
    version = version_of(STORY_MEMBERS)
    return to_table(
        [
            {
                "article_id": article_id,
                "story_id": story_id,
                "run_id": run_id,
                "assigned_at": now,
                "schema_version": version,
            }
            for article_id, story_id in sorted(changed.items())
        ],
        STORY_MEMBERS,
    )


def originals_table(
    originals: Sequence[tuple[str, str, str]], run_id: str, now: datetime
) -> pa.Table:
    version = version_of(STORY_ORIGINALS)
    return to_table(
        [
            {
                "story_id": story,
                "original_article_id": original,
                "reason": reason,
                "run_id": run_id,
                "chosen_at": now,
                "schema_version": version,
            }
            for story, original, reason in originals
        ],
        STORY_ORIGINALS,
    )
