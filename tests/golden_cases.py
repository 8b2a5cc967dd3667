"""Golden cases as data: tests/golden/<adapter>/<case>.txt and <case>.expected.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsnorm.flows.engine.rows import page_fields, provenance_fields
from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.pipeline import Processed, process_input

GOLDEN = Path(__file__).resolve().parent / "golden"
RAW_SUFFIXES = (".txt", ".html")


@dataclass(frozen=True)
class GoldenCase:
    adapter: str
    raw: Path

    @property
    def id(self) -> str:
        return f"{self.adapter}/{self.raw.stem}"

    @property
    def expected_path(self) -> Path:
        return self.raw.with_name(self.raw.stem + ".expected.json")


def discover() -> list[GoldenCase]:
    return [
        GoldenCase(folder.name, raw)
        for folder in sorted(GOLDEN.iterdir())
        if folder.is_dir()
        for raw in sorted(folder.iterdir())
        if raw.suffix in RAW_SUFFIXES
    ]


def cleaned_text(raw: Path) -> str:
    """The text removal offsets index: the decoded input, or an HTML page's text dump."""
    return _run(raw).text


def actual_output(raw: Path) -> dict[str, object]:
    """What the pipeline makes of the raw file, as stable, readable JSON data."""
    try:
        processed = _run(raw)
    except DocumentRejected as rejection:
        return {"rejected": rejection.code}
    article = processed.article
    page = {key: _plain(value) for key, value in page_fields(article).items()}
    return {
        "adapter": article.adapter,
        "encoding": processed.encoding,
        "title": article.title,
        "authors": list(article.authors),
        "byline": article.byline,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "syndicator": article.syndicator,
        "license": article.license,
        "word_count": article.word_count,
        "paragraphs": list(article.paragraphs),
        "related": [{"title": item.title, "url": item.url} for item in article.related],
        **provenance_fields(article),
        "removals": [
            {
                "rule": removal.rule,
                "kind": removal.kind,
                "action": removal.action,
                "start": removal.start,
                "end": removal.end,
                "text": removal.text,
            }
            for removal in article.removals
        ],
        # Page fields (schema 3) appear only where a case has them, so text cases written
        # before they existed stay byte-for-byte the same.
        **({"page": page} if any(value not in (None, []) for value in page.values()) else {}),
    }


def _run(raw: Path) -> Processed:
    return process_input(
        raw.read_bytes(), InputMeta(raw.name), load_adapters(include_plugins=False)
    )


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def dump(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
