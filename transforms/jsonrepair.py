"""Read a JSON object, also when a capture cut it off: truncated exports are common input.

A scraper that keeps the first N characters of a response (a WordPress REST post, an API
record) leaves JSON that ends inside a string, an array or an object. `load_object` closes what
is open and reports that it did, so the record is read for what it holds and marked as
truncated; JSON that is malformed before its end is still refused.

JSON may also escape half of a UTF-16 pair alone (`"\\ud800"`): Python reads it as a lone
surrogate, a character no UTF-8 text (and no Parquet column) can hold. `without_lone_surrogates`
turns each into U+FFFD, as a decoder does with bytes it cannot read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TypeVar, cast

from newsnorm.transforms.decode import composed

_PARTIAL_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{0,3})?$")
_DANGLING_COMMA = re.compile(r",\s*$")
_DANGLING_KEY = re.compile(r',?\s*"(?:[^"\\]|\\.)*"\s*:?\s*$')
_CLOSERS = {"{": "}", "[": "]"}
# An escape of a surrogate in raw JSON: only then can a loaded value hold a lone one.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_Value = TypeVar("_Value")
_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(data: bytes | str) -> str:
    """JSON bytes as text: UTF-8, or UTF-16/32 told by a BOM or the zero bytes around the first
    characters (as `json.loads` reads bytes), so a record saved as UTF-16 reads as one."""
    if isinstance(data, str):
        return data
    return data.decode(json.detect_encoding(data), errors="replace")


def load_object(data: bytes | str) -> tuple[dict[str, object], bool] | None:
    """The JSON object in `data` and whether it had to be closed; None if it holds none."""
    text = json_text(data).lstrip("\ufeff \t\r\n")
    if not text.startswith("{"):
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        value = _closed(text)
        truncated = True
    else:
        truncated = False
    return (value, truncated) if isinstance(value, dict) else None


def _closed(text: str) -> object:
    """`text` with its open string, arrays and objects closed, if that makes it JSON."""
    open_brackets, in_string = _open_at_end(text)
    if not open_brackets:
        return None  # it closed and still failed to parse: malformed, not cut off
    tail = text.rstrip()
    if in_string:
        tail = _PARTIAL_ESCAPE.sub("", tail) + '"'
    closers = "".join(_CLOSERS[bracket] for bracket in reversed(open_brackets))
    for candidate in (tail, _DANGLING_COMMA.sub("", tail), _DANGLING_KEY.sub("", tail)):
        try:
            return json.loads(candidate + closers)
        except (ValueError, RecursionError):
            continue
    return None


def _open_at_end(text: str) -> tuple[list[str], bool]:
    """The brackets still open at the end of `text`, and whether it ends inside a string."""
    stack: list[str] = []
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in _CLOSERS:
            stack.append(char)
        elif char in "}]":
            if not stack:
                return [], False
            stack.pop()
    return stack, in_string


def without_lone_surrogates(value: _Value, raw: bytes | str) -> tuple[_Value, bool]:
    """`value` (loaded from `raw`) with every lone surrogate replaced by U+FFFD, and whether
    one was. json pairs a valid escaped pair into one character, so what is left is lone."""
    probe = raw if isinstance(raw, str) else raw.decode("ascii", errors="replace")
    if not _SURROGATE_ESCAPE.search(probe):
        return value, False
    repaired = cast(_Value, _mapped(value, lambda text: _SURROGATE.sub("\ufffd", text)))
    return repaired, repaired != value


def composed_strings(value: _Value, raw: str) -> _Value:
    """`value` (read from the record `raw`) with every string in NFC, as `decode` reads any
    other input: a record's decomposed accents, raw or escaped, are the same text as composed
    ones."""
    if raw.isascii() and "\\u" not in raw:
        return value
    return cast(_Value, _mapped(value, composed))


def _mapped(value: object, change: Callable[[str], str]) -> object:
    """`value` with `change` applied to every string in it, keys included."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {_mapped(key, change): _mapped(item, change) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_mapped(item, change) for item in value)
    return value
