"""The same article, saved differently, gives the same row (issue 13).

A scraper may save an article's text with CRLF or lone CR line ends, trailing blanks, a BOM,
with or without a final newline, some spaces between words as NBSP, decomposed accents (NFD),
in UTF-16 or a Latin code page; a page with or without its `<meta charset>`, in cp1252 saying
so or saying nothing; a JSON record pretty-printed or compact, keys in any order. Each input
here (every golden raw file, the seed, the HTML fixture, and constructed ones: a short
syndicated text, a whole-page text dump, a page and a JSON record with accents) is fed to
`pipeline.process_input` in each variant, and every article field must equal the original's
(`_row`); docs/inputs.md says what that guarantees.

What legitimately records the bytes is left out: `Processed.encoding` (what was read), and a
removal's offsets and raw text, which point into the text as decoded, its line ends and
blanks included; a removal is compared by rule, kind, action and its text normalized as the
article's own fields are (`text.normalize_text`). (A dump's title can still move with CRLF,
through `dump/title_evidence._space`, helper dtitle19's; none of these inputs shows it.)
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from functools import cache

import pytest

from newsnorm.transforms.adapters.registry import load_adapters
from newsnorm.transforms.errors import DocumentRejected
from newsnorm.transforms.inputs import InputMeta
from newsnorm.transforms.pipeline import process_input
from newsnorm.transforms.records import article_columns
from newsnorm.transforms.text import normalize_text
from tests_support import FIXTURES, GOLDEN, SEED

ADAPTERS = load_adapters(include_plugins=False)
Variant = Callable[[str], bytes]

# A short syndicated story, Latin-1 throughout (so its cp1252 and latin-1 copies are exact).
SHORT_TEXT = """\
Lisbon ferry riders cheer a new café at the São Bento landing
By Inês Gonçalves and José Núñez
March 4, 2025

The ferry landing at São Bento opened its new café on Tuesday, and riders who had waited \
years for somewhere warm to stand said the change was overdue.

"We queue here every morning, rain or shine," said Zoë Müller, a nurse who crosses twice a \
day. "Now there is coffee, a roof and a bench for the older riders."

The city council approved the café last spring after a petition gathered more than 3,000 \
signatures from commuters on both banks of the river.

This article was originally published by Harbor Ledger.
"""

# A whole page saved as text: menu, headline, byline, story, rails, footer (docs/text-dumps.md).
DUMP_TEXT = "\n".join(
    [
        "Skip to content", "Harbor Ledger", "  * Home", "  * News", "  * Sports", "  * Opinion",
        "  * Business", "  * Obituaries", "  * Subscribe", "Search for:", "Search", "",
        "Señora Ibáñez opens the harbor's first bilingual school after a decade of delays",
        "By Renée Lefèvre", "March 4, 2025", "",
        "The harbor's first bilingual school opened its doors on Tuesday morning, ending a "
        "decade of delays that had left families on the eastern shore without a nearby choice.",
        "",
        "Señora Ibáñez, who has led the parents' committee since 2015, said the building would "
        "hold 240 pupils in its first year and twice that once the second wing is finished.",
        "",
        "The project was first proposed in 2014, but a dispute over the lease of the old "
        "cannery site stalled the work for years, until the harbor board bought the land.",
        "",
        "Parents who gathered for the first bell said they had stopped believing the school "
        "would ever open, and several brought signs thanking the crews who built it.",
        "",
        "The district expects enrolment to grow by a fifth within two years as new housing on "
        "the eastern shore fills up, according to a report presented to the board last month.",
        "",
        "Related Stories", "  * Harbor board approves budget", "  * School bus routes change",
        "  * Storm closes beach road", "About Us", "Contact", "Privacy Policy", "Terms of Use",
        "© 2025 Harbor Ledger. All rights reserved.",
    ]
)  # fmt: skip

PAGE_HTML = """<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8">
<title>Vecinos de Ribeira celebran la reapertura del mercado | Diario Ejemplo</title>
<meta property="og:site_name" content="Diario Ejemplo">
<script type="application/ld+json">{"@type": "NewsArticle", "headline":
"Vecinos de Ribeira celebran la reapertura del mercado", "datePublished":
"2024-05-02T09:15:00+02:00", "author": {"@type": "Person", "name": "María José Peña"}}</script>
</head><body><nav><a href="/">Inicio</a> <a href="/local">Local</a></nav>
<article><h1>Vecinos de Ribeira celebran la reapertura del mercado</h1>
<p class="byline">Por María José Peña</p>
<p>El mercado de abastos de Ribeira reabrió el jueves después de dos años de obras, y los
vecinos llenaron sus pasillos desde primera hora de la mañana.</p>
<p>“Por fin volvemos a tener pescado fresco a dos calles de casa”, dijo Begoña Núñez, que
compra en el mercado desde hace más de treinta años.</p>
<p>La reforma costó 4,2 millones de euros e incluye una cubierta nueva, cámaras frigoríficas
y un espacio para cursos de cocina abiertos a los colegios del barrio.</p>
</article><footer><p>© 2024 Diario Ejemplo</p></footer></body></html>
"""

RECORD = {
    "title": "Ferry riders in Porto cheer a new café at the landing",
    "authors": ["Inês Gonçalves", "José Núñez"],
    "date_publish": "2025-03-04T08:30:00+00:00",
    "url": "https://news.example/porto/ferry-cafe",
    "description": "Riders waited years for somewhere warm to stand.",
    "maintext": SHORT_TEXT.split("\n\n", 1)[1],
    "language": "en",
}


def _nbsp(text: str) -> str:
    """Every fifth space between two words an NBSP (a page's `&nbsp;` saved as the character)."""
    spaces = iter(range(1, len(text) + 1))
    return re.sub(r"(?<=\w) (?=\w)", lambda _: "\u00a0" if next(spaces) % 5 == 0 else " ", text)


_MARKUP = re.compile(r"(<script.*?</script>|<[^>]*>)", re.S | re.I)


def _nbsp_in_text(page: str) -> str:
    """`_nbsp` in a page's text only: an NBSP inside a tag or a script is other markup."""
    parts = _MARKUP.split(page)
    return "".join(part if index % 2 else _nbsp(part) for index, part in enumerate(parts))


def _with_charset(page: str, label: str | None) -> str:
    page = re.sub(r"<meta charset=[^>]*>", "", page, flags=re.I)
    if label is None:
        return page
    return re.sub(r"(<head[^>]*>)", rf'\1<meta charset="{label}">', page, count=1, flags=re.I)


TEXT_VARIANTS: dict[str, Variant] = {
    "crlf": lambda text: text.replace("\n", "\r\n").encode(),
    "lone_cr": lambda text: text.replace("\n", "\r").encode(),
    "trailing_blanks": lambda text: re.sub(r"(?m)(?<=\S)$", " \t ", text).encode(),
    "utf8_bom": lambda text: b"\xef\xbb\xbf" + text.encode(),
    "no_final_newline": lambda text: text.rstrip("\n").encode(),
    "final_newline": lambda text: text.rstrip("\n").encode() + b"\n",
    "nbsp": lambda text: _nbsp(text).encode(),
    "nfd": lambda text: unicodedata.normalize("NFD", text).encode(),
    "utf16le": lambda text: text.encode("utf-16-le").join((b"\xff\xfe", b"")),
    "utf16be": lambda text: text.encode("utf-16-be").join((b"\xfe\xff", b"")),
    "cp1252": lambda text: text.encode("cp1252"),
    "latin1": lambda text: text.encode("latin-1"),
}
HTML_VARIANTS: dict[str, Variant] = {
    "crlf": TEXT_VARIANTS["crlf"],
    "utf8_bom": TEXT_VARIANTS["utf8_bom"],
    "nfd": TEXT_VARIANTS["nfd"],
    "no_meta": lambda page: _with_charset(page, None).encode(),
    "cp1252_meta": lambda page: _with_charset(page, "windows-1252").encode("cp1252"),
    "cp1252_no_meta": lambda page: _with_charset(page, None).encode("cp1252"),
    "latin1_label": lambda page: _with_charset(page, "iso-8859-1").encode("cp1252"),
    "utf16le": TEXT_VARIANTS["utf16le"],
    "utf16be": TEXT_VARIANTS["utf16be"],
    "lone_cr": TEXT_VARIANTS["lone_cr"],
    "trailing_blanks": TEXT_VARIANTS["trailing_blanks"],
    "nbsp": lambda page: _nbsp_in_text(page).encode(),
}
JSON_VARIANTS: dict[str, Variant] = {
    "compact": lambda text: json.dumps(json.loads(text), separators=(",", ":")).encode(),
    "pretty": lambda text: json.dumps(json.loads(text), indent=2, ensure_ascii=False).encode(),
    "keys_reversed": lambda text: json.dumps(dict(reversed(json.loads(text).items()))).encode(),
    "pretty_crlf": lambda text: TEXT_VARIANTS["crlf"](json.dumps(json.loads(text), indent=2)),
    "utf8_bom": TEXT_VARIANTS["utf8_bom"],
    "utf16le": TEXT_VARIANTS["utf16le"],
    "utf16be": TEXT_VARIANTS["utf16be"],
    "nfd": lambda text: unicodedata.normalize("NFD", text).encode(),
    "nfd_escaped": lambda text: json.dumps(json.loads(unicodedata.normalize("NFD", text))).encode(),
}


def _inputs() -> dict[str, tuple[str, str, dict[str, Variant]]]:
    """Input id -> (name the pipeline is given, text, its variants)."""
    found: dict[str, tuple[str, str, dict[str, Variant]]] = {
        "short_text": ("short.txt", SHORT_TEXT, TEXT_VARIANTS),
        "page_dump": ("page.txt", DUMP_TEXT, TEXT_VARIANTS),
        "page_html": ("page.html", PAGE_HTML, HTML_VARIANTS),
        # Named for no kind: the path is sniffed from the content, whatever its encoding.
        "page_html_unnamed": ("", PAGE_HTML, HTML_VARIANTS),
        "record_json": ("record.json", json.dumps(RECORD, ensure_ascii=False), JSON_VARIANTS),
        "record_unnamed": ("", json.dumps(RECORD), JSON_VARIANTS),
        "seed": (SEED.name, SEED.read_text("utf-8"), TEXT_VARIANTS),
        "fixture_page": ("page.html", (FIXTURES / "article_page.html").read_text(), HTML_VARIANTS),
    }
    for raw in sorted(GOLDEN.glob("*/*.*")):
        if raw.suffix in (".txt", ".html"):
            text = raw.read_text("utf-8")
            variants = HTML_VARIANTS if raw.suffix == ".html" else TEXT_VARIANTS
            if text.startswith("{"):
                # A record holding HTML: an NBSP between words inside a tag is other markup.
                variants = {**TEXT_VARIANTS, **JSON_VARIANTS, "nbsp": HTML_VARIANTS["nbsp"]}
            found[f"{raw.parent.name}/{raw.stem}"] = (raw.name, text, variants)
    return found


INPUTS = _inputs()


@cache
def _row(name: str, data: bytes) -> dict[str, object]:
    """Every article field, removals without their offsets; or the rejection's code."""
    try:
        article = process_input(data, InputMeta(name), ADAPTERS).article
    except DocumentRejected as rejection:
        return {"rejected": rejection.code}
    removals = [
        (removal.rule, removal.kind, removal.action, normalize_text(removal.text))
        for removal in article.removals
    ]
    return {**article_columns(article), "removals": removals}


def _cases() -> list[object]:
    cases: list[object] = []
    for input_id, (_, text, variants) in INPUTS.items():
        for variant, make in variants.items():
            try:
                make(text)
            except UnicodeEncodeError:
                continue  # not representable in that code page: nothing to compare
            except ValueError:
                continue  # a record cut off mid-string: no JSON to print again
            cases.append(pytest.param(input_id, variant, id=f"{input_id}:{variant}"))
    return cases


@pytest.mark.parametrize(("input_id", "variant"), _cases())
def test_the_same_article_saved_differently_gives_the_same_row(input_id: str, variant: str) -> None:
    name, text, variants = INPUTS[input_id]
    expected = _row(name, text.encode())
    actual = _row(name, variants[variant](text))
    differing = sorted(
        key for key in expected.keys() | actual.keys() if expected.get(key) != actual.get(key)
    )
    assert not differing, {key: (expected.get(key), actual.get(key)) for key in differing}


def test_the_constructed_inputs_reach_what_the_variants_compare() -> None:
    """The constructed inputs are articles with the fields a variant could lose: names with
    accents, a notice, a stated date, and (the dump) the story stage's cuts."""
    rows = {key: _row(INPUTS[key][0], INPUTS[key][1].encode()) for key in INPUTS}
    assert rows["short_text"]["authors"] == ["Inês Gonçalves", "José Núñez"]
    assert rows["short_text"]["syndicator"] == "Harbor Ledger"
    assert rows["record_json"]["authors"] == ["Inês Gonçalves", "José Núñez"]
    assert rows["record_json"]["published_on"] == date(2025, 3, 4)
    assert rows["page_html"]["authors"] == ["María José Peña"]
    assert rows["page_html_unnamed"]["published_on"] == date(2024, 5, 2)
    dump = rows["page_dump"]
    assert str(dump["title"]).startswith("Señora Ibáñez opens")
    assert any(str(rule).startswith("outside-story:") for rule, *_ in dump["removals"])  # type: ignore[attr-defined]
