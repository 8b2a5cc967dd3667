"""The HTML report's content, from `explain` (an input read now) or from the warehouse
(`show`: a stored article, its input re-read as ingest read it when it is still there)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsnorm.flows.cli.html_report import Claim, Cut, Report
from newsnorm.transforms.adapters.registry import FALLBACK_PRIORITY
from newsnorm.transforms.explain import Explanation
from newsnorm.transforms.inputs import Reading
from newsnorm.transforms.records import article_columns, removal_columns

# How many of a container's other inputs the report names.
_LISTED = 5


def explain_report(
    uri: str, explanation: Explanation, others: Sequence[str] = (), skipped: Sequence[str] = ()
) -> Report:
    """What `explain` found for one input, as the page shows it, in ingest's words."""
    article = explanation.article
    adapter = f"{article.adapter} v{article.adapter_version}" if article else ""
    cuts = tuple(
        Cut(**removal_columns(removal), adapter=adapter)  # type: ignore[arg-type]
        for removal in (article.removals if article else ())
    )
    claims = tuple(
        Claim(
            detection.adapter.name,
            detection.score,
            "fallback when no claim qualifies"
            if detection.adapter.priority >= FALLBACK_PRIORITY
            else ", ".join(f"{e.signal} {e.weight:g}" for e in detection.evidence) or "-",
        )
        for detection in explanation.detections
    )
    notes: tuple[str, ...] = ()
    if others:
        listed = " ".join(f"#{other}" for other in others[:_LISTED])
        more = f" and {len(others) - _LISTED} more" if len(others) > _LISTED else ""
        notes = (f"the file holds {len(others)} other inputs: {listed}{more}",)
    if skipped:
        notes += (f"and {len(skipped)} skipped records (no article page)",)
    if explanation.skipped is not None:
        notes += (f"skipped: {explanation.skipped}",)
    read_as = ", ".join(part for part in (explanation.kind, explanation.encoding) if part)
    return Report(
        command="explain",
        source=uri,
        read_as=read_as or None,
        notes=notes,
        text=explanation.text if explanation.text or not explanation.rejection else None,
        cuts=cuts,
        article=article_columns(article) if article else None,
        claims=claims,
        rejection=str(explanation.rejection) if explanation.rejection else None,
    )


def stored_report(
    article: Mapping[str, Any], cut_rows: Sequence[tuple[Any, ...]], reread: Reread
) -> Report:
    """A stored article (all its columns) and its `boilerplate` rows, with its input as
    re-read now: shown when it is the same input, read the same way; else a note says why
    not, and the page lists the recorded cuts instead."""
    cuts = tuple(
        Cut(str(rule), str(kind), str(action), int(start), int(end), str(text or ""),
            f"{adapter} v{version}")
        for rule, kind, action, start, end, text, adapter, version in cut_rows
    )  # fmt: skip
    text = reread.text
    notes = reread.notes
    if text is not None and any(text[cut.start : cut.end] != cut.text for cut in cuts):
        text = None
        notes = (
            "the input is the one ingested, but this version of newsnorm reads it differently "
            "from the one that stored the article (the recorded cuts do not line up with it): "
            "showing what the warehouse holds; `newsnorm explain "
            f"'{article['source_uri']}' --html FILE` shows how it reads today",
        )
    return Report(
        command="show",
        source=str(article["source_uri"]),
        read_as=reread.read_as,
        notes=notes,
        text=text,
        cuts=cuts,
        article=dict(article),
    )


@dataclass(frozen=True, slots=True)
class Reread:
    """The input of a stored article read again: its text as the adapters see it, or None
    with notes saying why it cannot be shown."""

    text: str | None
    notes: tuple[str, ...] = ()
    read_as: str | None = None


def reread_input(source_uri: str, sha256: str, reading: Reading, size: int | None = None) -> Reread:
    """Read the input at `source_uri` as ingest read it (with `reading`, the settings it
    was read with), if it is still the same bytes; `size`, its stored size, lets one an
    ingest with a higher `--max-bytes` took be read again."""
    from newsnorm.flows.engine.picking import pick_input
    from newsnorm.flows.engine.settings import reread_limit
    from newsnorm.transforms.errors import DocumentRejected
    from newsnorm.transforms.inputs import prepare_input

    held = "showing what the warehouse holds: the article and the cuts it recorded"
    try:
        raw = pick_input(source_uri, reread_limit([size])).raw
    except LookupError as err:
        return Reread(None, (f"the input is gone ({err}); {held}",))
    if raw.rejection is not None and raw.rejection.code == "not_found":
        return Reread(None, (f"the input is gone ({raw.rejection}); {held}",))
    if raw.data is None:
        why = raw.rejection or "not readable"
        return Reread(None, (f"the input cannot be read now ({why}); {held}",))
    if raw.sha256 != sha256:
        return Reread(
            None,
            (
                f"the input changed since it was ingested (its sha256 is now {raw.sha256}, the "
                f"warehouse stored {sha256}); {held}",
            ),
        )
    try:
        prepared = prepare_input(raw.data, raw.meta(reading))
    except DocumentRejected as rejection:
        return Reread(None, (f"the input no longer reads as an article ({rejection}); {held}",))
    return Reread(prepared.text, (), f"{prepared.kind}, {prepared.encoding}")
