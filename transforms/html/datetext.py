"""Dates as pages write them → ISO 8601 strings, without inventing a time or a zone."""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

from newsnorm.transforms.html.facts import clean_text

ISO = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(?P<zone>Z|[+-]\d{2}:?\d{2})?)?"
)
DOTTED = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?:,?\s+(\d{1,2}):(\d{2}))?")
_SLASHED = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?")
# Month names and abbreviations in English, German, French, Spanish, Italian, Portuguese,
# Dutch, Swedish, Danish, Norwegian and Polish (its dates write the genitive: '3 marca
# 2025'); unaccented spellings too, as ASCII-folded dumps write them. Abbreviations that
# English text uses as words are left out ('Gen 2', 'Mag 7', '3 ago', 'set', 'out').
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "jan january januar janvier janv enero ene gennaio janeiro januari jänner stycznia",
            "feb february februar février fevrier févr fevr febrero febbraio fevereiro fev"
            " februari feber lutego",
            "mar march märz maerz mars marzo março maart marts marca",
            "apr april avril avr abril abr aprile kwietnia",
            "may mai mayo maggio maio mei maj maja",
            "jun june juni juin junio giugno giu junho czerwca",
            "jul july juli juillet juil julio luglio lug julho lipca",
            "aug august août aout agosto augustus augusti sierpnia",
            "sep sept september septembre septiembre settembre setembro września wrzesnia",
            "oct october okt oktober octobre octubre ottobre ott outubro października pazdziernika",
            "nov november novembre noviembre novembro listopada",
            "dec december dez dezember décembre decembre déc dic diciembre dicembre dezembro"
            " desember grudnia",
        ),
        start=1,
    )
    for name in names.split()
}
_MONTH = r"([^\W\d_]{3,12})\.?"
_ORDINAL = "(?:st|nd|rd|th)?"


def _named_shapes(*, loose: bool) -> tuple[tuple[re.Pattern[str], tuple[int, int, int]], ...]:
    """A day, a month's name and a year in either order ('3 May 2025', 'May 3rd, 2025'), with
    where day, month and year stand in the match. `loose` also reads what a text dump's date
    line writes and a page's date element rarely does: an ordinal day before the month ('19th
    Dec 2025'), 'of' ('3rd of March 2025'), a comma or a full stop before the year ('3
    January, 2025', 'Jul. 11. 2025')."""
    ordinal, of, comma, stop = (_ORDINAL, r"of\s+|", ",?", "[.,]?") if loose else ("", "", "", ",?")
    day_month = re.compile(
        rf"\b(\d{{1,2}}){ordinal}\.?\s+(?:{of}de\s+)?{_MONTH}{comma}\s+(?:de\s+)?(\d{{4}})\b"
    )
    month_day = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}){_ORDINAL}{stop}\s+(\d{{4}})\b")
    return (day_month, (0, 1, 2)), (month_day, (1, 0, 2))


# The shapes a page's date is read in (`find_date_at`), and the looser ones of a dump's date
# line (`dump/meta_dates.py`).
NAMED_SHAPES = _named_shapes(loose=False)
LOOSE_NAMED_SHAPES = _named_shapes(loose=True)
_MIN_YEAR = 1990
_MAX_YEAR = 2100
# The labels saying a date is a revision's, not the story's first, all kept here, read as
# whole words in a line ('Anna Revis' is a name): Updated, Modified, Revised, Aktualisiert,
# Mis à jour, Actualizado, Aggiornato, Atualizado, Bijgewerkt, Uppdaterad, Opdateret,
# Oppdatert, Zaktualizowano (`UPDATE_WORD`: what labels a date in a dump's byline, where
# 'Reviewed by', 'Edited by' and 'Modification' credit people or name a section) ...
_UPDATE_WORDS = (
    r"updat\w*|modified|revised|aktualisiert|mis \u00e0 jour|actualizad[oa]|aggiornat[oa]"
    r"|atualizad[oa]|bijgewerkt|uppdaterad|opdateret|oppdatert|zaktualizowan[oay]"
)
# ... and Edited, Reviewed, Modificado, Revisado, Revision, Actualización (`UPDATE_LINE`, a
# line with no byline: `dateguess`, the words beside a dump's date).
_REVIEW_WORDS = r"modifi\w*|revis(?:ado|ada|ion|i\u00f3n|\u00e9)|reviewed|edited|actualiza\w*"
UPDATE_WORD = re.compile(rf"(?i)\b(?:{_UPDATE_WORDS})(?!\w)")
UPDATE_LINE = re.compile(rf"(?i)\b(?:{_UPDATE_WORDS}|{_REVIEW_WORDS})(?!\w)")
# Words labelling a date the story's publication ('Published', 'Veröffentlicht', 'Publié',
# 'Pubblicato', 'Gepubliceerd', 'Publicerad', 'Publiceret', 'Publisert', 'Opublikowano').
PUBLISHED_WORDS = (
    r"published|posted|ver\u00f6ffentlicht|publi\u00e9|publicad[oa]|pubblicat[oa]"
    r"|gepubliceerd|publicerad|publiceret|publisert|opublikowan[oay]"
)


def to_iso(raw: str) -> str | None:
    """An ISO 8601 form of a stated date value ('2024-05-03T18:00:00+02:00',
    '03.05.2024' → '2024-05-03'), kept as written when it already is ISO; None for shapes
    not known here."""
    text = clean_text(raw)
    match = ISO.match(text)
    if match:
        return text[: match.end()] if valid(match["date"]) else None
    for pattern in (DOTTED, _SLASHED):
        numbers = pattern.match(text)
        if numbers:
            return _from_numbers(numbers.groups(), day_first=pattern is DOTTED)
    try:
        stamp = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        stamp = None
    if stamp is not None and _MIN_YEAR <= stamp.year <= _MAX_YEAR:
        return stamp.isoformat()
    return find_date(text) if len(text) <= len("Wednesday, 30 September 2024") else None


def find_date(text: str) -> str | None:
    """The first date written in running text ('Do 25.04.2024 | 14:07', 'May 3, 2024')."""
    found = find_date_at(text)
    return found[0] if found else None


def find_date_at(text: str) -> tuple[str, int] | None:
    """`find_date`'s date and where it starts in `text`: a label before it names it ('Updated
    May 4'), one after it names a later date ('May 3 · Updated May 4')."""
    match = ISO.search(text)
    if match and valid(match["date"]):
        return match[0], match.start()
    numbers = DOTTED.search(text)
    if numbers:
        value = _from_numbers(numbers.groups(), day_first=True)
        return (value, numbers.start()) if value else None
    for pattern, order in NAMED_SHAPES:
        named = first_named(pattern, order, text)
        if named:
            return named if valid(named[0]) else None
    return None


def first_named(
    pattern: re.Pattern[str], order: tuple[int, int, int], text: str
) -> tuple[str, int] | None:
    """The first match of a named shape whose word is a month's name, as `named_day` writes
    it, and where it starts: a number, a word and a year that are no date ('Top 10
    predictions 2025') do not hide the date after them."""
    for named in pattern.finditer(text):
        date = named_day(named, order)
        if date:
            return date, named.start()
    return None


def named_day(match: re.Match[str], order: tuple[int, int, int]) -> str | None:
    """The YYYY-MM-DD a match of a named shape writes (`order`: where day, month and year
    stand), not checked for a real day; None when its month is no month's name."""
    day, month, year = (match.groups()[index] for index in order)
    number = month_number(month)
    return f"{int(year):04d}-{number:02d}-{int(day):02d}" if number else None


def day_readings(first: str, second: str, year: str) -> set[str]:
    """The real days a date written in numbers reads as, its first two numbers taken either
    way ('06/04/2025' reads two, '27/05/2024' one): a reader without the site's order gives
    one only where one is a day."""
    readings = (_numeric_day(first, second, year), _numeric_day(second, first, year))
    return {value for value in readings if value}


def month_number(name: str) -> int | None:
    """The month a name or abbreviation this reader knows stands for ('Dec', 'décembre')."""
    return _MONTHS.get(name.casefold())


def is_full(value: str) -> bool:
    """True for an ISO value with a time and a zone, an instant."""
    match = ISO.match(value)
    return bool(match and match["time"] and match["zone"])


def valid(date: str) -> bool:
    """A real calendar day (YYYY-MM-DD) in a plausible range for news."""
    try:
        parsed = datetime.strptime(date, "%Y-%m-%d")
    except ValueError:
        return False
    return _MIN_YEAR <= parsed.year <= _MAX_YEAR


def _from_numbers(groups: tuple[str | None, ...], *, day_first: bool) -> str | None:
    first, second, third, hour, minute = groups
    day, month, year = (first, second, third) if day_first else (third, second, first)
    date = _numeric_day(day, month, year)
    if date is None:
        return None
    return f"{date}T{int(hour):02d}:{int(minute):02d}" if hour and minute else date


def _numeric_day(day: str | None, month: str | None, year: str | None) -> str | None:
    """The YYYY-MM-DD of a day written in numbers, when it is a real one (`valid`)."""
    date = f"{int(year or 0):04d}-{int(month or 0):02d}-{int(day or 0):02d}"
    return date if valid(date) else None
