"""Render an Explanation for adapter authors: claims, the chosen adapter, every cut."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import TextIO

from newsnorm.flows.cli.html_report import Report
from newsnorm.flows.cli.row_output import to_jsonable
from newsnorm.transforms.adapters.registry import (
    FALLBACK_PRIORITY,
    MIN_EVIDENCE,
    Detection,
    tied_claims,
)
from newsnorm.transforms.dump.reasons import describe
from newsnorm.transforms.explain import Explanation
from newsnorm.transforms.records import NOT_COLUMNS, Article, article_columns, removal_columns

_PREVIEW = 90
# How many of a container's other inputs the report names.
_LISTED = 5
# Columns the report shows on lines of their own; the others follow where they hold a value.
_SHOWN = frozenset(
    {"title", "authors", "byline", "syndicator", "license", "adapter", "adapter_version",
     "paragraphs", "body", "word_count", "evidence"}
)  # fmt: skip
_ARTICLE_COLUMNS = tuple(item.name for item in fields(Article) if item.name not in NOT_COLUMNS)


def write_explanation(
    uri: str,
    explanation: Explanation,
    out: TextIO,
    others: tuple[str, ...] = (),
    skipped: tuple[str, ...] = (),
) -> None:
    """A readable report: which adapter and why, what was kept, and each rule that fired;
    in ingest's words (an input it skips is `skipped`, never `rejected`)."""
    read_as = f"{explanation.kind}, " if explanation.kind else ""
    out.write(f"input       {uri} ({read_as}{explanation.encoding or 'not decoded'})\n")
    if others:
        listed = " ".join(f"#{other}" for other in others[:_LISTED])
        more = f" and {len(others) - _LISTED} more" if len(others) > _LISTED else ""
        out.write(f"also here   {len(others)} other inputs: {listed}{more}\n")
    if skipped:
        out.write(f"also here   {len(skipped)} skipped records (no article page)\n")
    if explanation.skipped is not None:
        out.write(f"skipped     {explanation.skipped}\n")
        return
    out.write(f"claims      (an adapter needs evidence >= {MIN_EVIDENCE}; highest wins)\n")
    for detection in explanation.detections:
        adapter = detection.adapter
        if adapter.priority >= FALLBACK_PRIORITY:
            signals = "fallback when no claim qualifies"
        else:
            signals = ", ".join(f"{e.signal} {e.weight:g}" for e in detection.evidence) or "-"
        out.write(f"  {adapter.name:<22} {detection.score:5.2f}  {signals}\n")
    if tied := tied_claims(explanation.detections):
        out.write(f"tie         {_tie(tied)}\n")
    if explanation.rejection is not None:
        out.write(f"rejected    {explanation.rejection}\n")
        return
    article = explanation.article
    assert article is not None
    out.write(f"adapter     {article.adapter} v{article.adapter_version}\n")
    out.write(f"title       {article.title}\n")
    out.write(f"authors     {list(article.authors)}   byline: {article.byline!r}\n")
    for name, value in article_columns(article).items():
        if name not in _SHOWN and value not in (None, [], ()):
            out.write(f"{name:<11} {json.dumps(to_jsonable(value), ensure_ascii=False)}\n")
    out.write(f"syndicator  {article.syndicator}   license: {article.license}\n")
    out.write(f"body        {len(article.paragraphs)} paragraphs, {article.word_count} words\n")
    for index, paragraph in enumerate(article.paragraphs, 1):
        out.write(f"  {index:>3}  {_preview(paragraph)}\n")
    out.write(f"rules fired ({len(article.removals)})\n")
    for removal in article.removals:
        out.write(
            f"  [{removal.start}:{removal.end}] {_reason(removal.rule)} ({removal.kind}, "
            f"{removal.action}) {_preview(removal.text)!r}\n"
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
        # Adapters whose claims tied for the win; the first is chosen (empty: no tie).
        "tied": [detection.adapter.name for detection in tied_claims(explanation.detections)],
        "rejected": str(explanation.rejection) if explanation.rejection else None,
        "skipped": explanation.skipped,
        # The article as ingest stores it: every column, and the removals it records.
        **(
            {name: to_jsonable(value) for name, value in article_columns(article).items()}
            if article
            else dict.fromkeys(_ARTICLE_COLUMNS)
        ),
        "removals": [removal_columns(removal) for removal in (article.removals if article else ())],
    }


def write_report_text(report: Report, out: TextIO) -> None:
    """`show` on the terminal: the stored article, where its input is, and what was cut."""
    article = report.article or {}
    read_as = f" ({report.read_as})" if report.read_as else ""
    out.write(f"article     {article.get('article_id')}\n")
    out.write(f"input       {report.source}{read_as}\n")
    for note in report.notes:
        out.write(f"note        {note}\n")
    out.write(f"title       {article.get('title')}\n")
    out.write(f"adapter     {article.get('adapter')} v{article.get('adapter_version')}\n")
    paragraphs = article.get("paragraphs") or []
    out.write(f"body        {len(paragraphs)} paragraphs, {article.get('word_count')} words\n")  # type: ignore[arg-type]
    out.write(f"cuts        ({len(report.cuts)})\n")
    for cut in report.cuts:
        out.write(
            f"  [{cut.start}:{cut.end}] {_reason(cut.rule)} ({cut.kind}, {cut.action}) "
            f"{_preview(cut.text)!r}\n"
        )


def _reason(rule: str) -> str:
    """A rule as printed: a text dump's story stage says why in words, then its rule with the
    features that decided (`transforms/dump/reasons.py`)."""
    phrase = describe(rule)
    return f"{phrase} [{rule}]" if phrase else rule


def _tie(tied: tuple[Detection, ...]) -> str:
    """Which adapters tied, which was chosen and by what rule (`select_adapter`'s)."""
    names = ", ".join(f"{item.adapter.name} (priority {item.adapter.priority})" for item in tied)
    return (
        f"{names} claim {tied[0].score:.2f} each: {tied[0].adapter.name} chosen, the first "
        "in detection order (lowest priority, then name); a signal that only one of them "
        "finds, or a lower priority, settles it"
    )


def _preview(text: str) -> str:
    return text if len(text) <= _PREVIEW else text[: _PREVIEW - 1] + "…"
