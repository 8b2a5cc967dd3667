"""Lenient reading of a page's JSON-LD blocks and the schema.org objects inside them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from newsnorm.transforms.html.nodes import Tag

JsonObject = dict[str, Any]

_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "askpublicnewsarticle",
        "satiricalarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "techarticle",
        "scholarlyarticle",
        "report",
    }
)
# Publishers often ship hand-written JSON: comments, CDATA wrappers, trailing commas.
_WRAPPERS = re.compile(r"<!--|-->|//\s*<!\[CDATA\[|//\s*\]\]>|<!\[CDATA\[|\]\]>")
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_MAX_DEPTH = 12
_LINKED = ("author", "publisher", "creator")


def read_objects(scripts: Iterable[Tag]) -> list[JsonObject]:
    """Every JSON object in the page's ld+json scripts (its <script> elements, in page
    order), nested ones included, in page order."""
    objects: list[JsonObject] = []
    for script in scripts:
        if str(script.get("type") or "").strip().lower() == "application/ld+json":
            for value in _parse(script.get_text()):
                objects.extend(_walk(value, 0))
    _link_references(objects)
    return objects


def type_names(obj: JsonObject) -> set[str]:
    """The object's @type values, lowercased, without a schema.org prefix."""
    raw = obj.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {re.split(r"[/:#]", v)[-1].strip().lower() for v in values if isinstance(v, str)}


def is_article(obj: JsonObject) -> bool:
    """True for schema.org article-like objects (NewsArticle, BlogPosting, …)."""
    names = type_names(obj)
    return bool(names & _ARTICLE_TYPES) or any(name.endswith("article") for name in names)


def text_values(value: Any, depth: int = 0) -> list[str]:
    """Plain strings in a JSON-LD value: strings, lists of them, or objects' names."""
    if isinstance(value, str):
        return [value]
    if depth > _MAX_DEPTH:
        return []
    if isinstance(value, dict):
        return text_values(value.get("name"), depth + 1)
    if isinstance(value, list):
        return [text for item in value for text in text_values(item, depth + 1)]
    return []


def _parse(text: str) -> list[Any]:
    """The JSON values in one script; several concatenated values are all returned."""
    text = text.strip().rstrip(";")
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", _WRAPPERS.sub("", text)).strip()):
        try:
            return [json.loads(candidate, strict=False)]
        except (ValueError, RecursionError):
            pass
        values = _parse_concatenated(candidate)
        if values:
            return values
    return []


def _parse_concatenated(text: str) -> list[Any]:
    """Values written back to back ('{…}{…}' or '{…},{…}'), up to the first broken one."""
    decoder = json.JSONDecoder(strict=False)
    values: list[Any] = []
    index = 0
    while index < len(text):
        while index < len(text) and text[index] in " \t\r\n,;":
            index += 1
        if index >= len(text):
            break
        try:
            value, index = decoder.raw_decode(text, index)
        except (ValueError, RecursionError):
            break
        values.append(value)
    return values


def _link_references(objects: list[JsonObject]) -> None:
    """Replace {"@id": …} stubs under author/publisher/creator with the object they name,
    as Yoast-style @graph blocks state the Person once and refer to it."""
    known = {
        obj["@id"]: obj
        for obj in objects
        if isinstance(obj.get("@id"), str) and len(obj.keys() - {"@id", "@type"}) > 0
    }
    for obj in objects:
        for key in _LINKED:
            value = obj.get(key)
            if isinstance(value, list):
                obj[key] = [_resolve(item, known) for item in value]
            elif isinstance(value, dict):
                obj[key] = _resolve(value, known)


def _resolve(value: Any, known: dict[str, JsonObject]) -> Any:
    if isinstance(value, dict) and value.keys() == {"@id"}:
        return known.get(value["@id"], value) if isinstance(value["@id"], str) else value
    return value


def _walk(value: Any, depth: int) -> Iterator[JsonObject]:
    """Objects depth-first: an object before the ones it contains (@graph, mainEntity, …)."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, list):
        for item in value:
            yield from _walk(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        for key, item in value.items():
            # People and publishers are read through their article, not as page objects.
            if isinstance(item, dict | list) and key not in _LINKED:
                yield from _walk(item, depth + 1)
