"""The shapes tools give a JSON record's text and dates besides a plain string.

- Scrapy's ItemLoader keeps every field a list unless the spider asks for the first value
  (its default output processor is `Identity`): `"title": ["…"]`, `"url": ["…"]`, and a body
  gathered paragraph by paragraph (`p::text` → `["First.", "Second."]`).
- WordPress REST wraps rendered text in an object (`"title": {"rendered": "…"}`, with `raw`
  beside it in the edit context); JSON-LD's value objects hold `@value`, xmltodict's `#text`,
  Draft.js's raw blocks `text`.
- Dates as Unix time, in seconds or milliseconds (`"date_publish": 1700000000`).

A value in none of these shapes is not read: the caller passes it over, and says so where the
field matters (a title: `title_unreadable`).
"""

from __future__ import annotations

from datetime import UTC, datetime

# The keys an object wrapping one text holds it under, in order (`raw` is WordPress's source
# of `rendered`: the rendered one is what readers see).
_TEXT_KEYS = ("rendered", "text", "value", "@value", "#text", "raw")
# A paragraph object's text: Draft.js's raw blocks' `text`, JSON-LD's `@value`, xmltodict's `#text`.
# Not `rendered`: WordPress's `content.rendered` is HTML, which the `html` field reads.
_PARAGRAPH_KEYS = ("text", "value", "@value", "#text")
# Unix times read as a publication instant: 1990-01-01 to 2100-01-01 UTC. Seconds and
# milliseconds cannot be confused in it (the milliseconds of 1990 are past 2100 in seconds);
# a number outside both ranges (a year, an id, microseconds) is no date.
_EARLIEST, _LATEST = 631_152_000, 4_102_444_800


def one_text(value: object) -> str | None:
    """One text: a string, an object wrapping one (`rendered`, `text`, …), or a list holding
    one such text (repeated at most: a Scrapy field gathered twice from the same tag)."""
    if isinstance(value, list):
        texts = {text for text in map(_wrapped, value) if text is not None}
        return texts.pop() if len(texts) == 1 else None
    return _wrapped(value)


def unreadable_text(value: object) -> bool:
    """A value holds something, but in no shape `one_text` reads (an object without a text
    key, a list of several texts, a boolean): an empty text is read, as nothing."""
    if isinstance(value, list):
        texts = {_wrapped(item) for item in value}
        nested = any(isinstance(item, list) or unreadable_text(item) for item in value)
        return nested or len(texts - {None}) > 1
    if isinstance(value, dict):
        return bool(value) and not any(isinstance(value.get(key), str) for key in _TEXT_KEYS)
    return isinstance(value, bool)


def paragraph_list(value: object) -> str | None:
    """A body given as a list of paragraphs (strings, or objects holding a paragraph's
    text; an object holding none, an image block, is passed over), one paragraph per
    blank-line-separated block; None if an item is of another shape (a number, a list)."""
    if not isinstance(value, list):
        return None
    paragraphs = [_paragraph(item) for item in value]
    if any(part is None for part in paragraphs):
        return None
    return "\n\n".join(part for part in paragraphs if part) or None


_MAX_DIGITS = 16


def epoch_instant(value: object) -> str | None:
    """A Unix time (a number, or a string of digits) in seconds or milliseconds, in the
    plausible range, as an ISO 8601 instant in UTC; None for anything else."""
    if isinstance(value, str):
        digits = value.strip()
        # ASCII digits only ('²' is a digit to `isdigit`), and no more than a time in
        # milliseconds has: a longer one is no date, and `int` refuses over 4,300 digits.
        if not (digits.isascii() and digits.isdigit() and len(digits) <= _MAX_DIGITS):
            return None
        value = int(digits)
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    try:
        for seconds in (value, value / 1000):
            if _EARLIEST <= seconds < _LATEST:
                return datetime.fromtimestamp(seconds, UTC).isoformat()
    except (OverflowError, ValueError):  # an integer past a float's range, a NaN
        return None
    return None


def _wrapped(value: object) -> str | None:
    if isinstance(value, dict):
        value = next((value[key] for key in _TEXT_KEYS if isinstance(value.get(key), str)), None)
    return value.strip() or None if isinstance(value, str) else None


def _paragraph(item: object) -> str | None:
    """A paragraph's text ('' for none: skipped); None for a shape not read."""
    if isinstance(item, dict):
        item = next((item[key] for key in _PARAGRAPH_KEYS if isinstance(item.get(key), str)), "")
    return item.strip() if isinstance(item, str) else None
