"""Exceptions raised by the transforms: a bad document versus a bad adapter."""

from __future__ import annotations


class AdapterError(Exception):
    """An adapter is broken or misconfigured: a bug to fix, never a bad document."""


class AdapterFailed(AdapterError):
    """An adapter raised while reading one document: names the adapter and the step (its
    `detect`, `clean`, an `after_clean` step) so the report reaches whoever wrote it. Its
    args are three strings, so it pickles as it is (a worker under --strict sends it back);
    the exception the adapter raised is chained as the cause where it was raised."""

    def __init__(self, adapter: str, step: str, error: str) -> None:
        super().__init__(adapter, step, error)
        self.adapter = adapter
        self.step = step
        self.error = error

    @classmethod
    def wrapping(cls, adapter: str, step: str, error: BaseException) -> AdapterFailed:
        """The failure of `adapter` in `step`, which raised `error`."""
        return cls(adapter, step, f"{type(error).__name__}: {error}")

    def __str__(self) -> str:
        return f"adapter {self.adapter!r} raised in {self.step}: {self.error}"


class DocumentRejected(Exception):
    """A document cannot become an article; `code` is stable, the message is for humans.
    `adapter`: the adapter that raised, for an input an adapter failed on (else None). It
    does not cross processes: workers send its fields (flows/engine/workers.py)."""

    def __init__(self, code: str, message: str, adapter: str | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.adapter = adapter
