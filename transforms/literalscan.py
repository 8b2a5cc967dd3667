"""Every literal pre-test text a document holds, found in one pass over it.

Detection tries every adapter's signals and cleaning every rule set's rules: ~550 texts
whose presence rules most patterns out. One substring search per text (remembered per
document) cost ~1.4 ms a document; one Hyperscan scan for all of them costs ~25 µs. Where
Hyperscan has no wheel, one substring test per text gives the same sets, more slowly.

Texts are compared as UTF-8 bytes: a text occurs in a string exactly when its encoding
occurs in the string's (UTF-8 never puts one character's bytes inside another's).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

hyperscan: Any
try:
    import hyperscan
except ImportError:  # pragma: no cover - no wheel on this platform: substring tests instead
    hyperscan = None

__all__ = ["MIN_SCANNED", "NATIVE", "Tested", "found_in", "register"]

NATIVE = hyperscan is not None
# Shorter texts are tested as substrings, not scanned for: a one-character text is in nearly
# every document. Two-character ones ('AP', declared by a signal) stay in the scan.
MIN_SCANNED = 2


class _Vocabulary:
    """Every text registered by a pre-test, by haystack (caseless or not). `version` grows
    with each new text, so a scan knows which texts it covered."""

    def __init__(self) -> None:
        # Per haystack: each text and the version that added it.
        self.texts: dict[bool, dict[str, int]] = {False: {}, True: {}}
        self.version = 0
        self.lock = threading.Lock()
        # Per haystack: the version a scanner was built at, and the scanner.
        self.scanners: dict[bool, tuple[int, _Scanner]] = {}

    def add(self, texts: Iterable[str], caseless: bool) -> int:
        """Add texts; the version from which every one of them is covered."""
        covered = 0
        with self.lock:
            known = self.texts[caseless]
            for text in texts:
                if text not in known:
                    self.version += 1
                    known[text] = self.version
                covered = max(covered, known[text])
        return covered

    def scanner(self, caseless: bool) -> tuple[int, _Scanner]:
        with self.lock:
            built = self.scanners.get(caseless)
            if built is None or built[0] != self.version:
                built = (self.version, _Scanner(tuple(self.texts[caseless])))
                self.scanners[caseless] = built
            return built


class _Scanner:
    """One compiled database of texts (or, without Hyperscan, the texts to test one by one)."""

    def __init__(self, texts: tuple[str, ...]) -> None:
        self.texts = texts
        self.database: Any = None
        # Hyperscan rejects an empty pattern; an empty text is in every haystack.
        self.always: set[str] = {text for text in texts if not text}
        patterns = [text.encode("utf-8", "surrogatepass") for text in texts if text]
        if hyperscan is not None and patterns:
            self.database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
            self.database.compile(
                expressions=patterns,
                ids=list(range(len(patterns))),
                elements=len(patterns),
                flags=hyperscan.HS_FLAG_SINGLEMATCH,  # one report per text is all we need
                literal=True,
            )
            self.patterns = tuple(text for text in texts if text)
        # A scratch space per thread: Hyperscan's may not be shared by concurrent scans.
        self.local = threading.local()

    def found(self, haystack: str) -> set[str]:
        if self.database is None:
            return {text for text in self.texts if text in haystack}
        scratch = getattr(self.local, "scratch", None)
        if scratch is None:
            scratch = self.local.scratch = hyperscan.Scratch(self.database)
        found: set[str] = set(self.always)
        patterns = self.patterns

        def on_match(index: int, _start: int, _end: int, _flags: int, _context: object) -> None:
            found.add(patterns[index])

        self.database.scan(
            haystack.encode("utf-8", "surrogatepass"), match_event_handler=on_match, scratch=scratch
        )
        return found


_VOCABULARY = _Vocabulary()


def register(texts: Iterable[str], caseless: bool) -> int:
    """Add the texts a pre-test asks about; the vocabulary version that covers them."""
    return _VOCABULARY.add(texts, caseless)


def found_in(haystack: str, caseless: bool) -> tuple[set[str], int]:
    """The registered texts (of the caseless ones, or the others) that `haystack` contains,
    and the vocabulary version the answer covers."""
    version, scanner = _VOCABULARY.scanner(caseless)
    return scanner.found(haystack), version


class Tested:
    """What one document's pre-tests found, scanned once per haystack kind on first use and
    shared by every signal and rule asked about it (and by its masked copy: what is absent
    from a text is absent from the text with pieces blanked out)."""

    __slots__ = ("_found",)

    def __init__(self) -> None:
        self._found: dict[bool, tuple[set[str], int]] = {}

    def present(self, haystack: str, caseless: bool, version: int) -> set[str] | None:
        """The registered texts in `haystack`; None when they may not cover a pre-test
        registered at `version` (a rule made after the scan: test its texts directly)."""
        found = self._found.get(caseless)
        if found is None:
            found = self._found[caseless] = found_in(haystack, caseless)
        return found[0] if found[1] >= version else None
