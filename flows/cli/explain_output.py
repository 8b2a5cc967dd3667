"""Render an Explanation for adapter authors: claims, the chosen adapter, every cut."""

from __future__ import annotations

import json
from typing import TextIO

from newsnorm.flows.cli.row_output import to_jsonable
from newsnorm.flows.engine.rows import provenance_fields
from newsnorm.transforms.adapters.registry import FALLBACK_PRIORITY, MIN_EVIDENCE
from newsnorm.transforms.explain import Explanation
from newsnorm.transforms.records import Removal

_PREVIEW = 90
# How many of a container's other inputs the report names.
_LISTED = 5


def write_explanation(
    uri: str, explanation: Explanation, out: TextIO, others: tuple[str, ...] = ()
) -> None:
    """A readable report: which adapter and why, what was kept, and each rule that fired."""
    read_as = f"{explanation.kind}, " if explanation.kind else ""
    out.write(f"input       {uri} ({read_as}{explanation.encoding or 'not decoded'})\n")
    if others:
        listed = " ".join(f"#{other}" for other in others[:_LISTED])
        more = f" and {len(others) - _LISTED} more" if len(others) > _LISTED else ""
        out.write(f"also here   {len(others)} other inputs: {listed}{more}\n")
    out.write(f"claims      (an adapter needs evidence >= {MIN_EVIDENCE}; highest wins)\n")
    for detection in explanation.detections:
        adapter = detection.adapter
        if adapter.priority >= FALLBACK_PRIORITY:
            signals = "fallback when no claim qualifies"
        else:
            signals = ", ".join(f"{e.signal} {e.weight:g}" for e in detection.evidence) or "-"
        out.write(f"  {adapter.name:<22} {detection.score:5.2f}  {signals}\n")
    if explanation.rejection is not None:
        out.write(f"rejected    {explanation.rejection}\n")
        return
    article = explanation.article
    assert article is not None
    out.write(f"adapter     {article.adapter} v{article.adapter_version}\n")
    out.write(f"title       {article.title}\n")
    out.write(f"authors     {list(article.authors)}   byline: {article.byline!r}\n")
    for name, value in provenance_fields(article).items():
        if name != "evidence" and value not in (None, [], ()):
            out.write(f"{name:<11} {json.dumps(to_jsonable(value), ensure_ascii=False)}\n")
    out.write(f"syndicator  {article.syndicator}   license: {article.license}\n")
    out.write(f"body        {len(article.paragraphs)} paragraphs, {article.word_count} words\n")
    for index, paragraph in enumerate(article.paragraphs, 1):
        out.write(f"  {index:>3}  {_preview(paragraph)}\n")
    out.write(f"rules fired ({len(article.removals)})\n")
    for removal in article.removals:
        out.write(
            f"  [{removal.start}:{removal.end}] {removal.rule} ({removal.kind}, {removal.action}) "
            f"{_preview(removal.text)!r}\n"
        )


def explanation_json(explanation: Explanation) -> dict[str, object]:
    """The same report as data, for scripts."""
    article = explanation.article
    return {
        "kind": explanation.kind,
        "encoding": explanation.encoding,
        "claims": [
            {
                "adapter": detection.adapter.name,
                "score": detection.score,
                "evidence": [{"signal": e.signal, "weight": e.weight} for e in detection.evidence],
            }
            for detection in explanation.detections
        ],
        "rejected": str(explanation.rejection) if explanation.rejection else None,
        "adapter": article.adapter if article else None,
        "title": article.title if article else None,
        "authors": list(article.authors) if article else None,
        "paragraphs": list(article.paragraphs) if article else None,
        "removals": [_removal(removal) for removal in (article.removals if article else ())],
    }


def _removal(removal: Removal) -> dict[str, object]:
    return {
        "rule": removal.rule,
        "kind": removal.kind,
        "action": removal.action,
        "start": removal.start,
        "end": removal.end,
        "text": removal.text,
    }


def _preview(text: str) -> str:
    return text if len(text) <= _PREVIEW else text[: _PREVIEW - 1] + "…"
