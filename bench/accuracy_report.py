"""Figures and tables of bench/accuracy.py, from the outcomes of its workers.

Body, title, author and date figures are the benchmarks' own (../shared/benchmarks/score.py,
passed in as `score`); the rest are bench/accuracy_metrics.py's definitions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from accuracy_metrics import (
    Count,
    body_line_text,
    date_outcome,
    first_line,
    host,
    main_text_loss,
    notices_removed,
    reference_sentences,
    sentences_kept,
    syndicator_named,
)
from accuracy_pages import Outcome, Prediction
from accuracy_sets import Page

Cell = float | Count | int | None
# A page F1 this much apart counts as better or worse than trafilatura's.
PAGE_F1_MARGIN = 0.05


@dataclass(slots=True)
class Table:
    """Rows of figures; each row maps a column name to its cell."""

    title: str
    columns: list[str]
    rows: list[tuple[str, dict[str, Cell]]] = field(default_factory=list)
    targets: dict[str, str] = field(default_factory=dict)

    def add(self, column: str, figures: dict[str, Cell]) -> None:
        names = [name for name, _ in self.rows]
        for measure, value in figures.items():
            if measure not in names:
                self.rows.append((measure, {}))
                names.append(measure)
            self.rows[names.index(measure)][1][column] = value

    def markdown(self) -> str:
        header = ["measure", *self.columns, "target"]
        lines = [f"### {self.title}", "", "| " + " | ".join(header) + " |"]
        lines.append("|" + "---|" * len(header))
        for measure, cells in self.rows:
            shown = [show(cells.get(column)) for column in self.columns]
            lines.append(f"| {measure} | {' | '.join(shown)} | {self.targets.get(measure, '')} |")
        return "\n".join(lines)


def show(value: Cell) -> str:
    if value is None:
        return "\u2013"
    if isinstance(value, Count):
        share = value.share
        return "\u2013" if share is None else f"{share:.3f} ({value.hits}/{value.total})"
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}"


def html_figures(
    score: ModuleType, pages: Sequence[Page], outcomes: dict[str, Outcome], tool: str
) -> dict[str, Cell]:
    """Body P/R/F1, title/authors/date exact and date outcomes for one tool on HTML pages."""
    predictions = {page.id: _html_prediction(outcomes[page.key], tool) for page in pages}
    counts = {page.id: outcomes[page.key].counts[tool] for page in pages}
    scores = summarize(score, pages, predictions, counts)
    figures: dict[str, Cell] = {
        "pages": len(pages),
        "body precision": scores["body_p"],
        "body recall": scores["body_r"],
        "body F1": scores["body_f1"],
        "title exact": scores["title_exact"],
        "authors exact": scores["authors_exact"],
        "date exact": scores["date_exact"],
    }
    figures.update(date_outcomes(score, pages, predictions))
    return figures


def date_outcomes(
    score: ModuleType, pages: Sequence[Page], predictions: dict[str, Prediction], prefix: str = ""
) -> dict[str, Cell]:
    """Over pages with a gold date: how many got no readable date, the gold one, another;
    over pages without one, how many got a date all the same (where the annotators saw
    none: a guess at best, though some pages state a date they left out)."""
    dated = [page for page in pages if page.gold.get("expected_date")]
    seen = [
        date_outcome(
            score.normalize_date(predictions[page.id].get("date")), page.gold["expected_date"]
        )
        for page in dated
    ]
    figures: dict[str, Cell] = {
        f"{prefix}date given: {kind}": Count(seen.count(kind), len(dated))
        for kind in ("none", "right", "wrong")
    }
    undated = [page for page in pages if not page.gold.get("expected_date")]
    given = sum(bool(score.normalize_date(predictions[page.id].get("date"))) for page in undated)
    figures[f"{prefix}no gold date: date given"] = Count(given, len(undated))
    return figures


def _html_prediction(outcome: Outcome, tool: str) -> Prediction:
    if tool == "change nothing":
        return {"body": outcome.dumps.get("inscriptis", ""), "title": outcome.page_title}
    return (outcome.newsnorm if tool == "newsnorm" else outcome.trafilatura) or {}


def invariant_figures(
    score: ModuleType, pages: Sequence[Page], outcomes: dict[str, Outcome]
) -> dict[str, Cell]:
    """The issue's HTML invariant and the page-by-page comparison with trafilatura."""
    lacks = unnamed = most = worse = better = rejected = 0
    for page in pages:
        ours = outcomes[page.key].newsnorm or {}
        theirs = outcomes[page.key].trafilatura or {}
        rejected += "rejected" in ours
        loss = main_text_loss(
            theirs.get("body") or "", ours.get("body") or "", ours.get("removed_by_named_rules", [])
        )
        lacks += loss.holds_less
        unnamed += loss.unexplained > 0.05
        most += loss.mostly_unexplained
        counts = outcomes[page.key].counts
        difference = page_f1(score, counts["newsnorm"]) - page_f1(score, counts["trafilatura"])
        worse += difference < -PAGE_F1_MARGIN
        better += difference > PAGE_F1_MARGIN
    return {
        "rejected (no article)": rejected,
        "pages lacking > 5% of trafilatura's main text": lacks,
        "… of which no named rule removed > 5%": unnamed,
        "… of which most (> 50%) went with no named rule": most,
        f"pages worse than trafilatura (page F1 -{PAGE_F1_MARGIN})": worse,
        f"pages better than trafilatura (page F1 +{PAGE_F1_MARGIN})": better,
    }


def page_f1(score: ModuleType, counts: tuple[float, float, float]) -> float:
    """One page's F1 from its body counts, as score.py computes a page's figures."""
    return float(score.body_summary([counts])[2])


def summarize(
    score: ModuleType,
    pages: Sequence[Page],
    predictions: dict[str, Prediction],
    counts: dict[str, tuple[float, float, float]],
) -> dict[str, Any]:
    """score.score_pages' figures, from body counts the workers computed with score.py."""
    with_body = [counts[page.id] for page in pages if page.gold.get("expected_body")]
    p, r, f1 = score.body_summary(with_body) if with_body else (None, None, None)
    figures: dict[str, Any] = {"body_p": p, "body_r": r, "body_f1": f1}
    matches = {"title": score.title_exact, "authors": score.authors_exact}
    matches["date"] = score.date_exact
    for name, match in matches.items():
        gold = [page for page in pages if page.gold.get(f"expected_{name}")]
        hits = [
            match(predictions[page.id].get(name), page.gold[f"expected_{name}"]) for page in gold
        ]
        figures[f"{name}_exact"] = sum(hits) / len(hits) if hits else None
    return figures


def dump_figures(
    score: ModuleType,
    pages: Sequence[Page],
    outcomes: dict[str, Outcome],
    converter: str,
    tool: str,
) -> dict[str, Cell]:
    """Body precision/recall, title, authors and date exact of one converter's dumps, read by
    one tool."""
    predictions: dict[str, Prediction] = {}
    counts = {page.id: outcomes[page.key].counts[f"{converter}/{tool}"] for page in pages}
    rejected = 0
    for page in pages:
        dump = outcomes[page.key].dumps[converter]
        if tool == "change nothing":
            predictions[page.id] = {"body": dump, "title": first_line(dump)}
        else:
            predictions[page.id] = outcomes[page.key].text_path[converter]
            rejected += "rejected" in predictions[page.id]
    scores = summarize(score, pages, predictions, counts)
    figures: dict[str, Cell] = {
        f"{converter}: body precision": scores["body_p"],
        f"{converter}: body recall": scores["body_r"],
        f"{converter}: title exact": scores["title_exact"],
        f"{converter}: authors exact": scores["authors_exact"],
        f"{converter}: date exact": scores["date_exact"],
    }
    figures.update(date_outcomes(score, pages, predictions, f"{converter}: "))
    if tool == "newsnorm":
        figures[f"{converter}: rejected (no article)"] = rejected
    return figures


def syndicated_figures(
    score: ModuleType, pages: Sequence[Page], outcomes: dict[str, Outcome], tool: str
) -> dict[str, Cell]:
    """Notices removed, sentences kept, syndicator named and title exact on labelled samples."""
    notices = sentences = Count(0, 0)
    named = titled = Count(0, 0)
    for page in pages:
        row = syndicated_row(score, page, outcomes[page.key], tool)
        notices += row["notices"]
        sentences += row["sentences"]
        named += Count(int(row["named"]), 1)
        if row["title_exact"] is not None:
            titled += Count(int(row["title_exact"]), 1)
    return {
        "samples": len(pages),
        "notices and cruft removed from the body": notices,
        "body sentences kept": sentences,
        "syndicator named": named,
        "title exact": titled,
    }


def syndicated_row(score: ModuleType, page: Page, outcome: Outcome, tool: str) -> dict[str, Any]:
    """One sample's figures (also what --dump writes for it)."""
    assert page.label is not None
    source = outcome.sample_text or ""
    if tool == "change nothing":
        prediction: Prediction = {"body": source, "title": first_line(source)}
        prediction["syndicator"] = host(page.url)
    else:
        prediction = outcome.sample or {}
    body = prediction.get("body") or ""
    story = (
        body_line_text(source, page.label.body_lines)
        if page.dataset == "dev"
        else page.gold.get("expected_body") or ""
    )
    reference = reference_sentences(story, source, page.label.cruft)
    gold_title = page.gold.get("expected_title")
    return {
        "notices": notices_removed(source, body, page.label.cruft),
        "sentences": sentences_kept(reference, body),
        "named": syndicator_named(prediction.get("syndicator"), page.label.syndicator),
        "title_exact": same_title(score, prediction.get("title"), gold_title)
        if gold_title
        else None,
        "prediction": prediction,
    }


def same_title(score: ModuleType, predicted: str | None, gold: str) -> bool:
    """score.py's title match, one trailing full stop aside (index.tsv ends titles with one)."""

    def key(text: str | None) -> str:
        return str(score.normalize_text(text)).removesuffix(".").strip()

    return bool(key(gold)) and key(predicted) == key(gold)
