"""docs/operations.md, "Auditing an article": its recipe, followed on an ingested invented
article, gets the input back byte for byte and accounts for every character of it: each
`boilerplate` row slices the text the adapters read exactly, and the rest is the title and
the body, up to the whitespace the stored paragraphs normalize."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from newsnorm.transforms.text import normalize_text
from tests_support import ROOT

Sql = Callable[..., list[tuple[Any, ...]]]
# Invented: CRLF line ends, a composed accent, a byline moved and a notice removed.
FERRY = (
    "Harbour Ferry Returns After Repairs\r\n\r\nBy Jane Doe\r\n\r\n"
    "The harbour ferry returned to service on Monday after eight months of repairs to its "
    "café deck and engine room, the port authority said.\r\n\r\n"
    "Commuters lined the quay before dawn, and the first crossing left on time with every "
    "seat taken by workers and school pupils.\r\n\r\n"
    "This article was originally published by The Saltmarsh Ledger.\r\n"
)
GUIDE = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")


def _squeezed(text: str) -> str:
    return "".join(normalize_text(text).split())


def test_the_recipe_rebuilds_the_input_and_accounts_for_every_cut(
    ingest: Callable[..., Any], sql: Sql, tmp_path: Path
) -> None:
    assert "## Auditing an article" in GUIDE
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ferry.txt").write_bytes(FERRY.encode("utf-8"))
    ingest(folder)
    [(article_id,)] = sql("select article_id from articles")
    # Step 1 (SQL): where the input was read from, its hash and encoding; then its cuts.
    [(uri, sha256, encoding, title, paragraphs)] = sql(
        "select a.source_uri, a.input_sha256, i.encoding, a.title, a.paragraphs "
        "from articles a join inputs i on i.article_id = a.article_id "
        "where a.article_id = ? and i.status = 'ingested'",
        article_id,
    )
    cuts = sql(
        'select start, "end", text, kind, action from boilerplate where article_id = ? '
        "order by start",
        article_id,
    )
    assert {kind for _, _, _, kind, _ in cuts} >= {"byline", "republish_notice"}
    # Step 2: read the input again, check it is the same, decode it as ingest did.
    data = Path(unquote(urlparse(uri).path)).read_bytes()
    assert hashlib.sha256(data).hexdigest() == sha256
    text = unicodedata.normalize("NFC", data.decode(encoding))
    assert text.encode(encoding) == FERRY.encode("utf-8")  # byte for byte
    # Step 3: every cut is the text at its offsets; the rest is the title and the body.
    kept = list(text)
    for start, end, piece, _, _ in cuts:
        assert text[start:end] == piece
        kept[start:end] = " " * (end - start)
    assert _squeezed("".join(kept)) == _squeezed(" ".join((title, *paragraphs)))
