"""The record model: what cleaning one document produces, before it meets a schema."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from transforms.text import count_words

Action = Literal["removed", "moved"]


@dataclass(frozen=True, slots=True)
class Removal:
    """One piece cut out of the input: `text == decoded_input[start:end]`, always."""

    rule: str
    kind: str
    action: Action
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Related:
    """An inline promo for another article, moved out of the body."""

    title: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: metadata split from a body of normalized paragraphs."""

    title: str
    paragraphs: tuple[str, ...]
    adapter: str
    adapter_version: int
    authors: tuple[str, ...] = ()
    byline: str | None = None
    published_at: datetime | None = None
    syndicator: str | None = None
    license: str | None = None
    related: tuple[Related, ...] = ()
    removals: tuple[Removal, ...] = field(default=())

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return sum(count_words(paragraph) for paragraph in self.paragraphs)

    @property
    def article_id(self) -> str:
        """Stable identity: the same normalized title and body give the same id anywhere."""
        digest = hashlib.sha256(f"{self.title}\n\n{self.body}".encode()).hexdigest()
        return digest[:32]
