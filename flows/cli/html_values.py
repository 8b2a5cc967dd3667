"""A column's plain value (text, number, date, list, record) as escaped HTML."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from html import escape


def render_value(value: object) -> str:
    """Lists become bullet lists, records `name: value` pairs; a web address is a link
    (only http and https, so a value from the input cannot smuggle in a script URL)."""
    if isinstance(value, list | tuple):
        items = "".join(f"<li>{render_value(item)}</li>" for item in value)
        return f'<ul class="values">{items}</ul>'
    if isinstance(value, Mapping):
        return "; ".join(
            f"{escape(str(name))}: {render_value(item)}"
            for name, item in value.items()
            if item not in (None, "", [], ())
        )
    if isinstance(value, datetime | date):
        return escape(value.isoformat())
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    if text.startswith(("http://", "https://")) and not any(c.isspace() for c in text):
        return f'<a href="{escape(text)}">{escape(text)}</a>'
    return escape(text)
