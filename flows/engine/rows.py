"""Build table rows (plain dicts matching `schemas.tables`) from pipeline results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from newsnorm.flows.engine.reading import RawInput
from newsnorm.schemas.tables import ARTICLES, BOILERPLATE, INPUTS
from newsnorm.schemas.validate import version_of
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.records import Article

Row = dict[str, object]


@dataclass(frozen=True, slots=True)
class RunStamp:
    """What every row written by one run shares."""

    run_id: str
    at: datetime


def article_row(article: Article, raw: RawInput, stamp: RunStamp) -> Row:
    assert raw.sha256 is not None
    return {
        "article_id": article.article_id,
        "title": article.title,
        "authors": list(article.authors),
        "byline": article.byline,
        "published_at": article.published_at,
        "syndicator": article.syndicator,
        "license": article.license,
        "adapter": article.adapter,
        "adapter_version": article.adapter_version,
        "body": article.body,
        "paragraphs": list(article.paragraphs),
        "related": [{"title": item.title, "url": item.url} for item in article.related],
        "word_count": article.word_count,
        "source_uri": raw.uri,
        "input_sha256": raw.sha256,
        "run_id": stamp.run_id,
        "ingested_at": stamp.at,
        "schema_version": version_of(ARTICLES),
        **provenance_fields(article),
        **page_fields(article),
    }


def page_fields(article: Article) -> Row:
    """The page columns (schema 3, author_organizations since 4): where the article was
    found, what it says of its date, which organisations it credits."""
    return {
        "url": article.url,
        "site": article.site,
        "language": article.language,
        "published_at_source": article.published_at_source,
        "published_on": article.published_on,
        "author_organizations": list(article.author_organizations),
    }


def provenance_fields(article: Article) -> Row:
    """The schema-2 provenance columns, as plain data (also what golden files show)."""
    return {
        "author_affiliations": [
            {"name": author.name, "affiliation": author.affiliation}
            for author in article.affiliations
        ],
        "original_publisher": article.original_publisher,
        "original_url": article.original_url,
        "co_publishers": list(article.co_publishers),
        "dateline": (
            {"place": article.dateline.place, "agency": article.dateline.agency}
            if article.dateline
            else None
        ),
        "credits": [{"kind": credit.kind, "text": credit.text} for credit in article.credits],
        "evidence": [{"signal": item.signal, "weight": item.weight} for item in article.evidence],
    }


def boilerplate_rows(article: Article, raw: RawInput, stamp: RunStamp) -> list[Row]:
    version = version_of(BOILERPLATE)
    return [
        {
            "article_id": article.article_id,
            "input_sha256": raw.sha256,
            "rule": removal.rule,
            "kind": removal.kind,
            "action": removal.action,
            "start": removal.start,
            "end": removal.end,
            "text": removal.text,
            "adapter": article.adapter,
            "adapter_version": article.adapter_version,
            "run_id": stamp.run_id,
            "schema_version": version,
        }
        for removal in article.removals
    ]


def input_row(
    raw: RawInput,
    stamp: RunStamp,
    status: str,
    *,
    article: Article | None = None,
    encoding: str | None = None,
    rejection: DocumentRejected | None = None,
) -> Row:
    return {
        "input_uri": raw.uri,
        "input_sha256": raw.sha256,
        "size_bytes": raw.size,
        "status": status,
        "reason_code": rejection.code if rejection else None,
        "reason": str(rejection) if rejection else None,
        "article_id": article.article_id if article else None,
        "encoding": encoding,
        "adapter": article.adapter if article else None,
        "run_id": stamp.run_id,
        "first_seen_at": stamp.at,
        "schema_version": version_of(INPUTS),
    }
