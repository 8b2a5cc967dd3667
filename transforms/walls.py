"""Tell a consent wall from an article: a page a scraper saved before the story loaded.

A cookie-consent dialog ('We value your privacy … Accept all / Reject all / Manage
preferences') is prose of its own, long enough to pass for a short article. It is told by
what it asks for, not by its length: a control it offers as a button (a short line: accept,
reject, manage your choices) together with the vocabulary of consent, in most of what is
left as the body. A short story about cookie rules names the vocabulary, and may quote a
control in a sentence, but shows no button.
"""

from __future__ import annotations

import re

from newsnorm.transforms.records import Article

# What only a consent dialog offers the reader.
_CONTROLS = re.compile(
    r"\b(?:accept|reject|refuse|decline|allow) (?:all|cookies)\b|"
    r"\bmanage (?:your )?(?:preferences|options|settings|choices|cookies)\b|"
    r"\b(?:cookie|privacy|consent) (?:settings|preferences|choices)\b|"
    r"\b(?:I agree|agree and (?:continue|close)|accept and continue)\b",
    re.IGNORECASE,
)
# The vocabulary a dialog explains itself with; each cue counts once. A story about cookie
# rules uses the first kind too; the second is a dialog's own wording.
_CUES = {
    "cookies": r"\bcookies?\b",
    "consent": r"\bconsent\b",
    "privacy": r"\b(?:your privacy|privacy policy)\b",
    "advertising": r"\bpersonali[sz]ed? (?:ads|advertising|content)\b",
}
_DIALOG_CUES = {
    "partners": r"\b(?:we and our|\d[\d,]*) (?:\w+ )?partners\b",
    "device": r"\b(?:store|access) (?:and/or access )?information on (?:a|your) device\b",
    "interest": r"\blegitimate interests?\b",
    "tracking": r"\b(?:similar|tracking) technologies\b",
}
_CUE_PATTERNS = {
    name: re.compile(pattern, re.IGNORECASE) for name, pattern in (_CUES | _DIALOG_CUES).items()
}
# A body longer than this holds a story, whatever dialog text came with it.
MAX_WALL_WORDS = 200
# Distinct cues a wall's text names beside a control, of them a dialog's own wording.
MIN_CUES = 3
MIN_DIALOG_CUES = 2
# The share of the body's words in paragraphs that speak of consent.
MIN_WALL_SHARE = 0.6
# A control stands as a button does: a line of at most this many words.
BUTTON_WORDS = 8


def consent_wall_reason(article: Article, page_text: str) -> str | None:
    """Why the article is a consent wall rather than a story, or None. `page_text` is what
    it was cleaned from (a text input, or an HTML page's dump): its buttons stand there, as
    short lines, where the main text left them out."""
    if article.word_count > MAX_WALL_WORDS:
        return None
    lines = (line for line in page_text.splitlines() if len(line.split()) <= BUTTON_WORDS)
    if not any(_CONTROLS.search(line) for line in lines):
        return None
    text = "\n".join((article.title or "", *article.paragraphs))
    cues = sorted(name for name, pattern in _CUE_PATTERNS.items() if pattern.search(text))
    if len(cues) < MIN_CUES or len(set(cues) & set(_DIALOG_CUES)) < MIN_DIALOG_CUES:
        return None
    speaking = [paragraph for paragraph in article.paragraphs if _speaks_of_consent(paragraph)]
    share = sum(len(p.split()) for p in speaking) / max(1, article.word_count)
    if share < MIN_WALL_SHARE:
        return None
    return (
        f"a cookie-consent wall, not an article: it offers consent controls and names "
        f"{', '.join(cues)} in {len(speaking)} of its {len(article.paragraphs)} paragraphs"
    )


def _speaks_of_consent(paragraph: str) -> bool:
    return bool(_CONTROLS.search(paragraph)) or any(
        pattern.search(paragraph) for pattern in _CUE_PATTERNS.values()
    )
