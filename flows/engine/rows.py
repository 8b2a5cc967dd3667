"""Build table rows (plain dicts matching `schemas.tables`) from pipeline results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from newsnorm.flows.engine.reading import RawInput
from newsnorm.schemas.tables import ARTICLES, BOILERPLATE, INPUTS
from newsnorm.schemas.validate import version_of
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.learned import LearnedRemoval
from newsnorm.transforms.pipeline import PIPELINE_VERSION
from newsnorm.transforms.records import Article, article_columns, removal_columns

Row = dict[str, object]
# Read from the schemas' metadata once: every row of a run carries them.
_ARTICLES_VERSION = version_of(ARTICLES)
_BOILERPLATE_VERSION = version_of(BOILERPLATE)
_INPUTS_VERSION = version_of(INPUTS)


@dataclass(frozen=True, slots=True)
class RunStamp:
    """What every row written by one run shares; `sources` and `settings` (JSON) are what
    the run was given, recorded on its `runs` row."""

    run_id: str
    at: datetime
    sources: tuple[str, ...] = ()
    settings: str | None = None


def article_row(article: Article, raw: RawInput, stamp: RunStamp) -> Row:
    """The article's columns (`records.article_columns`) and where and when it was stored."""
    assert raw.sha256 is not None
    return {
        **article_columns(article),
        "source_uri": raw.uri,
        "input_sha256": raw.sha256,
        "run_id": stamp.run_id,
        "ingested_at": stamp.at,
        "schema_version": _ARTICLES_VERSION,
        "pipeline_version": PIPELINE_VERSION,
    }


def boilerplate_rows(article: Article, raw: RawInput, stamp: RunStamp) -> list[Row]:
    version = _BOILERPLATE_VERSION
    return [
        {
            "article_id": article.article_id,
            "input_sha256": raw.sha256,
            **removal_columns(removal),
            # Why a learned line was cut; a named rule's removal says so by its name.
            "evidence": removal.evidence if isinstance(removal, LearnedRemoval) else None,
            "adapter": article.adapter,
            "adapter_version": article.adapter_version,
            "run_id": stamp.run_id,
            "schema_version": version,
        }
        for removal in article.removals
    ]


class Identified(Protocol):
    """What an input's row names of its article (an `Article`, or a worker's facts of one)."""

    @property
    def article_id(self) -> str: ...

    @property
    def adapter(self) -> str: ...

    @property
    def url(self) -> str | None: ...

    @property
    def site(self) -> str | None: ...

    @property
    def published_at(self) -> datetime | None: ...


def input_row(
    raw: RawInput,
    stamp: RunStamp,
    status: str,
    *,
    article: Identified | None = None,
    encoding: str | None = None,
    rejection: DocumentRejected | None = None,
    reading: str | None = None,
) -> Row:
    """An input's row; `reading` is the key of the reading settings it was read with. An
    input that made or duplicated an article records where that copy ran (its placement)."""
    return {
        "input_uri": raw.uri,
        "input_sha256": raw.sha256,
        "size_bytes": raw.size,
        "status": status,
        "reason_code": rejection.code if rejection else None,
        "reason": str(rejection) if rejection else None,
        "article_id": article.article_id if article else None,
        "encoding": encoding,
        "adapter": article.adapter if article else (rejection.adapter if rejection else None),
        "run_id": stamp.run_id,
        "first_seen_at": stamp.at,
        "schema_version": _INPUTS_VERSION,
        "reading_settings": reading,
        "url": article.url if article else None,
        "site": article.site if article else None,
        "published_at": article.published_at if article else None,
    }
