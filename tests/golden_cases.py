"""Golden cases as data: tests/golden/<adapter>/<case>.txt and <case>.expected.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.pipeline import Processed, process_input
from newsnorm.transforms.records import article_columns, removal_columns
from tests_support import GOLDEN

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


# Golden files hold every article column (records.article_columns) but the body, which is
# the paragraphs joined, plus the encoding read and every removal.
OMITTED_COLUMNS = frozenset({"body"})


def actual_output(raw: Path) -> dict[str, object]:
    """What the pipeline makes of the raw file, as stable, readable JSON data."""
    try:
        processed = _run(raw)
    except DocumentRejected as rejection:
        return {"rejected": rejection.code}
    article = processed.article
    columns = article_columns(article)
    return {
        "encoding": processed.encoding,
        **{name: _plain(value) for name, value in columns.items() if name not in OMITTED_COLUMNS},
        "removals": [removal_columns(removal) for removal in article.removals],
    }


def _run(raw: Path) -> Processed:
    return process_input(
        raw.read_bytes(), InputMeta(raw.name), load_adapters(include_plugins=False)
    )


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def dump(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
