"""Golden cases as data, for built-in and plugin adapters alike.

A case is a raw sample `<adapter>/<case>.txt` (or `.html`) beside the reviewed
`<case>.expected.json`; the folder names the adapter that must claim it. Our own tests
(tests/golden_cases.py, built-ins only), `newsnorm adapters golden` and the test file a
scaffolded plugin package carries all call this module, so a plugin's golden files are made and
checked exactly as ours are.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsnorm.transforms.adapters.base import SourceAdapter
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.pipeline import process_input
from newsnorm.transforms.records import article_columns, removal_columns
from newsnorm.transforms.text import normalize_text

RAW_SUFFIXES = (".txt", ".html")
# Golden files hold every article column (records.article_columns) but the body, which is
# the paragraphs joined, plus the encoding read and every removal.
OMITTED_COLUMNS = frozenset({"body"})


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


@dataclass(frozen=True)
class Outcome:
    """What the pipeline made of a case: the expected file's data, and the text its removal
    offsets index (the decoded input, or an HTML page's text dump; None when rejected)."""

    output: dict[str, object]
    text: str | None


def cases_at(paths: Iterable[Path]) -> list[GoldenCase]:
    """The cases each path names: a raw sample, an adapter's folder of samples, or a folder
    of adapters' folders (tests/golden). A path that holds none adds none."""
    cases: list[GoldenCase] = []
    for path in paths:
        if path.is_file():
            cases.extend(_samples(path.parent, [path]))
        elif path.is_dir():
            folders = [path, *sorted(entry for entry in path.iterdir() if entry.is_dir())]
            for folder in folders:
                cases.extend(_samples(folder, sorted(folder.iterdir())))
    return cases


def _samples(folder: Path, files: Iterable[Path]) -> list[GoldenCase]:
    return [GoldenCase(folder.name, raw) for raw in files if raw.suffix in RAW_SUFFIXES]


def outcome(raw: Path, adapters: Sequence[SourceAdapter]) -> Outcome:
    """Run the raw file through the pipeline as ingest would, as stable, readable data."""
    try:
        processed = process_input(raw.read_bytes(), InputMeta(raw.name), adapters)
    except DocumentRejected as rejection:
        return Outcome({"rejected": rejection.code}, None)
    article = processed.article
    columns = article_columns(article)
    output = {
        "encoding": processed.encoding,
        **{name: _plain(value) for name, value in columns.items() if name not in OMITTED_COLUMNS},
        "removals": [removal_columns(removal) for removal in article.removals],
    }
    return Outcome(output, processed.text)


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def dump(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def difference(case: GoldenCase, actual: dict[str, object]) -> str | None:
    """None when the expected file holds `actual`; else a unified diff, expected to actual."""
    if not case.expected_path.exists():
        return f"no {case.expected_path.name}: write it with `newsnorm adapters golden --write`"
    expected = case.expected_path.read_text(encoding="utf-8")
    if json.loads(expected) == actual:
        return None
    lines = difflib.unified_diff(
        dump(json.loads(expected)).splitlines(keepends=True),
        dump(actual).splitlines(keepends=True),
        fromfile=str(case.expected_path),
        tofile="actual output",
    )
    return "".join(lines)


def claim_fault(case: GoldenCase, actual: dict[str, object]) -> str | None:
    """The folder names the adapter that must claim the case (a rejection claims nothing)."""
    if "rejected" in actual or actual["adapter"] == case.adapter:
        return None
    return f"claimed by {actual['adapter']!r}, not by the folder's adapter {case.adapter!r}"


def removal_faults(result: Outcome) -> list[str]:
    """Each removal's offsets slice the text exactly, and no removed text survives in the body."""
    if result.text is None:
        return []
    paragraphs: list[str] = result.output["paragraphs"]  # type: ignore[assignment]
    body = "\n\n".join(paragraphs)
    faults = []
    for removal in result.output["removals"]:  # type: ignore[attr-defined]
        where = f"removal {removal['rule']} [{removal['start']}:{removal['end']}]"
        if result.text[removal["start"] : removal["end"]] != removal["text"]:
            faults.append(f"{where}: its offsets do not slice its text from the input")
        cut = normalize_text(removal["text"])
        # A sentence-sized cut must be gone from the body; a short label ("Health") may be a
        # word the story itself uses, so it only must not survive as a paragraph of its own.
        if cut in (body if len(cut.split()) >= 4 else paragraphs):
            faults.append(f"{where}: the removed text is still in the body: {cut!r}")
    return faults


def check_case(case: GoldenCase, adapters: Sequence[SourceAdapter]) -> list[str]:
    """Everything wrong with one case, each a readable message (a diff for a changed output)."""
    return faults_of(case, outcome(case.raw, adapters))


def faults_of(case: GoldenCase, result: Outcome) -> list[str]:
    """Everything wrong with a case the pipeline has run: see `check_case`."""
    found = [difference(case, result.output), claim_fault(case, result.output)]
    return [fault for fault in found if fault is not None] + removal_faults(result)
