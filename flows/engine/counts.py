"""How many inputs a batch, a run or a reprocess routed each way."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Counts:
    """Per-status input counts; `seen` is their sum."""

    ingested: int = 0
    duplicate: int = 0
    unchanged: int = 0
    rejected: int = 0
    # WARC records that are not HTML responses: counted, never stored as inputs.
    skipped: int = 0

    @property
    def seen(self) -> int:
        return self.ingested + self.duplicate + self.unchanged + self.rejected

    def add(self, other: Counts) -> None:
        self.ingested += other.ingested
        self.duplicate += other.duplicate
        self.unchanged += other.unchanged
        self.rejected += other.rejected
        self.skipped += other.skipped

    def count(self, status: str) -> None:
        """One more input routed as `status`: ingested, duplicate or rejected."""
        if status == "ingested":
            self.ingested += 1
        elif status == "duplicate":
            self.duplicate += 1
        else:
            self.rejected += 1
