"""Exceptions raised by the transforms: a bad document versus a bad adapter."""

from __future__ import annotations


class AdapterError(Exception):
    """An adapter is broken or misconfigured: a bug to fix, never a bad document."""


class AdapterFailed(AdapterError):
    """An adapter raised while reading one document: names the adapter and the step (its
    `detect`, its rules, an `after_clean` step) so the report reaches whoever wrote it; the
    exception it raised is chained as the cause."""

    def __init__(self, adapter: str, step: str, error: BaseException) -> None:
        super().__init__(f"adapter {adapter!r} raised in {step}: {type(error).__name__}: {error}")
        self.adapter = adapter
        self.step = step


class DocumentRejected(Exception):
    """A document cannot become an article; `code` is stable, the message is for humans.
    `adapter`: the adapter that raised, for an input an adapter failed on (else None)."""

    def __init__(self, code: str, message: str, adapter: str | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.adapter = adapter

    def __reduce__(self) -> tuple[type[DocumentRejected], tuple[str, str, str | None]]:
        # Pickles as its fields (a worker process sends it back to the run's process).
        return (type(self), (self.code, self.message, self.adapter))
