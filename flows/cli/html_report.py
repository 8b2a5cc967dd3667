"""One self-contained HTML page that shows what cleaning did to one input: the input with
every cut marked, beside the clean article (`explain --html`, `show --html`).

The page loads nothing: inline CSS, no scripts, no external assets, and a Content Security
Policy that forbids any request, so opening it sends nothing anywhere. Every text from the
input or the warehouse is escaped. Hovering a marked span shows its rule and adapter (the
`title` attribute; no script needed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from newsnorm.flows.cli.html_values import render_value
from newsnorm.flows.cli.report_style import STYLE, kind_colours
from newsnorm.transforms.adapters.registry import MIN_EVIDENCE

# Columns the article pane shows in sections of their own, not in the metadata table.
_OWN_SECTIONS = frozenset({"title", "paragraphs", "body", "evidence", "warnings", "embeds"})


@dataclass(frozen=True, slots=True)
class Cut:
    """One removed or moved piece: `text == input_text[start:end]` when the input is shown."""

    rule: str
    kind: str
    action: str
    start: int
    end: int
    text: str
    adapter: str

    def describe(self) -> str:
        return f"{self.kind} · {self.action} by rule {self.rule} · adapter {self.adapter}"


@dataclass(frozen=True, slots=True)
class Claim:
    """One adapter's detection score and the signals it found."""

    adapter: str
    score: float
    signals: str


@dataclass(frozen=True, slots=True)
class Report:
    """What the page shows. `text` is the input as the adapters read it (for a page, its
    text dump), which the cuts' offsets index; None when it cannot be shown (the input is
    gone or changed), and then the cuts are listed instead. `article` holds the article's
    columns by name, as plain values."""

    command: str
    source: str
    read_as: str | None
    notes: tuple[str, ...]
    text: str | None
    cuts: tuple[Cut, ...]
    article: Mapping[str, object] | None
    claims: tuple[Claim, ...] = ()
    rejection: str | None = None


def render_report(report: Report) -> str:
    """The whole page as one string."""
    colours = kind_colours(cut.kind for cut in report.cuts)
    title = _title(report)
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head><body>",
        f"<header><h1>{escape(title)}</h1>{_source_line(report)}{_notes(report.notes)}</header>",
        _legend(report.cuts, colours),
        '<main class="panes">',
        f'<section class="pane input"><h2>Input</h2>{_input_pane(report, colours)}</section>',
        f'<section class="pane article"><h2>Clean article</h2>{_article_pane(report)}</section>',
        "</main></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _title(report: Report) -> str:
    name = report.article.get("title") if report.article else None
    return f"newsnorm {report.command}: {name or report.source}"


def _source_line(report: Report) -> str:
    read_as = (
        f' <span class="read-as">read as {escape(report.read_as)}</span>' if report.read_as else ""
    )
    return (
        f'<p class="source"><span class="label">input</span> <code>{escape(report.source)}</code>'
        f"{read_as}</p>"
    )


def _notes(notes: Sequence[str]) -> str:
    return "".join(f'<p class="note">{escape(note)}</p>' for note in notes)


def _legend(cuts: Sequence[Cut], colours: Mapping[str, int]) -> str:
    if not cuts:
        return '<section class="legend"><p>No rule cut anything from this input.</p></section>'
    items = []
    for kind, index in colours.items():
        removed = sum(1 for cut in cuts if cut.kind == kind and cut.action == "removed")
        moved = sum(1 for cut in cuts if cut.kind == kind and cut.action != "removed")
        counts = ", ".join(
            part
            for part in (f"{removed} removed" if removed else "", f"{moved} moved" if moved else "")
            if part
        )
        items.append(
            f'<li><span class="swatch k{index}" title="{escape(kind)}">&nbsp;</span>'
            f'<span class="kind">{escape(kind)}</span> <span class="count">{counts}</span></li>'
        )
    return (
        '<section class="legend"><h2>Legend</h2>'
        '<p><span class="cut removed sample">struck through</span>: removed · '
        '<span class="cut moved sample">underlined</span>: moved to a field of the article · '
        "hover a piece for its rule and adapter</p>"
        f'<ul class="kinds">{"".join(items)}</ul></section>'
    )


def _input_pane(report: Report, colours: Mapping[str, int]) -> str:
    if report.text is None:
        return _cut_list(report.cuts, colours)
    return f'<pre class="text">{mark_cuts(report.text, report.cuts, colours)}</pre>'


def mark_cuts(text: str, cuts: Sequence[Cut], colours: Mapping[str, int]) -> str:
    """The text, escaped, each cut wrapped in a span of its kind's colour and action. Where
    cuts overlap, the piece takes the innermost cut's look and every cut's description."""
    spans = [cut for cut in cuts if 0 <= cut.start < cut.end <= len(text)]
    edges = sorted({0, len(text), *(cut.start for cut in spans), *(cut.end for cut in spans)})
    out: list[str] = []
    for start, end in pairwise(edges):
        piece = escape(text[start:end])
        covering = [cut for cut in spans if cut.start <= start and end <= cut.end]
        if not covering:
            out.append(piece)
            continue
        inner = min(covering, key=lambda cut: (cut.end - cut.start, -cut.start))
        described = " | ".join(f"[{c.start}:{c.end}] {c.describe()}" for c in covering)
        out.append(
            f'<span class="cut {_action_class(inner.action)} k{colours[inner.kind]}" '
            f'title="{escape(described)}">{piece}</span>'
        )
    return "".join(out)


def _action_class(action: str) -> str:
    return "removed" if action == "removed" else "moved"


def _cut_list(cuts: Sequence[Cut], colours: Mapping[str, int]) -> str:
    """Without the input: what the warehouse recorded of each cut, in reading order."""
    if not cuts:
        return "<p>The input cannot be shown, and the warehouse records no cut.</p>"
    rows = "".join(
        f"<tr><td>{cut.start}:{cut.end}</td>"
        f'<td><span class="cut {_action_class(cut.action)} k{colours[cut.kind]}" '
        f'title="{escape(cut.describe())}">{escape(cut.text)}</span></td>'
        f"<td>{escape(cut.kind)}</td><td>{escape(cut.rule)}</td></tr>"
        for cut in sorted(cuts, key=lambda cut: (cut.start, cut.end))
    )
    return (
        "<p>What the warehouse recorded as cut (its <code>boilerplate</code> rows):</p>"
        '<table class="cuts"><colgroup><col class="offsets"><col><col class="narrow">'
        '<col class="narrow"></colgroup>'
        f"<tr><th>offsets</th><th>text</th><th>kind</th><th>rule</th></tr>{rows}</table>"
    )


def _article_pane(report: Report) -> str:
    parts = []
    if report.rejection:
        parts.append(f'<p class="note rejected">rejected: {escape(report.rejection)}</p>')
    article = report.article
    if article is not None:
        parts.append(
            f'<h3 class="headline">{escape(str(article.get("title") or "(untitled)"))}</h3>'
        )
        parts.append(_metadata(article))
        parts.append(_evidence(article.get("evidence")))
        parts.append(_listed("Warnings", article.get("warnings")))
        parts.append(_listed("Embeds", article.get("embeds")))
        paragraphs = article.get("paragraphs") or []
        assert isinstance(paragraphs, list | tuple)
        body = "".join(f"<p>{escape(str(paragraph))}</p>" for paragraph in paragraphs)
        parts.append(f'<h3>Body ({len(paragraphs)} paragraphs)</h3><div class="body">{body}</div>')
    if report.claims:
        parts.append(_claims(report.claims))
    return "".join(parts)


def _metadata(article: Mapping[str, object]) -> str:
    rows = "".join(
        f"<tr><th>{escape(name)}</th><td>{render_value(value)}</td></tr>"
        for name, value in article.items()
        if name not in _OWN_SECTIONS and value not in (None, "", [], (), {})
    )
    return f'<h3>Metadata</h3><table class="fields">{rows}</table>'


def _evidence(evidence: object) -> str:
    if not evidence:
        return "<h3>Evidence</h3><p>none: no syndicator was identified</p>"
    return f"<h3>Evidence</h3>{render_value(evidence)}"


def _listed(heading: str, values: object) -> str:
    if not values:
        return f"<h3>{heading}</h3><p>none</p>"
    return f"<h3>{heading}</h3>{render_value(values)}"


def _claims(claims: Sequence[Claim]) -> str:
    rows = "".join(
        f"<tr><td>{escape(claim.adapter)}</td><td>{claim.score:.2f}</td>"
        f"<td>{escape(claim.signals)}</td></tr>"
        for claim in claims
    )
    return (
        f"<h3>Adapter claims</h3><p>An adapter needs evidence of at least {MIN_EVIDENCE:g}; the "
        'highest wins.</p><table class="claims"><colgroup><col class="narrow"><col class="offsets">'
        f"<col></colgroup><tr><th>adapter</th><th>score</th><th>signals</th></tr>{rows}</table>"
    )
