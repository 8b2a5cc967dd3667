"""Exceptions raised by the transforms: a bad document versus a bad adapter."""

from __future__ import annotations


class AdapterError(Exception):
    """An adapter is broken or misconfigured: a bug to fix, never a bad document."""


class DocumentRejected(Exception):
    """A document cannot become an article; `code` is stable, the message is for humans."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
