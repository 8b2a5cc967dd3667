"""A short capture's first line, checked: is it a headline at all?

The adapters take a capture's first kept line as its title. A capture that starts without a
headline then loses its first paragraph to the title, and one that starts with a date line
or a category label shows that as its title. Checked by shape only, on captures that are
not whole pages (those get their title from the line model, `story.py`):

- a first line shaped like a paragraph (many words, mostly lower case, ending a sentence)
  goes back to the body, and the title becomes a guess (its first sentence, shortened),
  with the warning `title_guessed`;
- a first line that is a date line or a one- or two-word label, followed by a line shaped
  like a headline, is dropped as `not-a-headline:<shape>` and the next line is the title.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsnorm.transforms.dump.context import is_date_line
from newsnorm.transforms.dump.units import Unit
from newsnorm.transforms.records import Article, Removal

RULE = "not-a-headline"
KIND = "page_chrome"
WARNING = "title_guessed"
# A paragraph: at least this many words, this share of them lower case, a sentence's end.
_PARAGRAPH_WORDS = 28
_LOWER_SHARE = 0.6
# A headline: at most this many words, no sentence's full stop at its end.
_HEADLINE_WORDS = 25
# A label: at most this many words, each capitalized, no digits.
_LABEL_WORDS = 2
# A guessed title keeps at most this many words of the first sentence.
_GUESS_WORDS = 14
_WORD = re.compile(r"\w+(?:['\u2019.-]\w+)*")
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*$")
_FIRST_SENTENCE = re.compile(r"^.+?[.!?](?=\s+[\"'\u201c\u2018(]?[A-Z])")


def check_headline(text: str, article: Article, units: list[Unit]) -> Article:
    """The article with a first line that is no headline put right (see the module)."""
    if len(units) < 2 or units[0].text != article.title:
        return article
    first = units[0].text
    if is_paragraph(first):
        return replace(
            article,
            title=guess_title(first),
            paragraphs=(first, *article.paragraphs),
            warnings=tuple(dict.fromkeys((*article.warnings, WARNING))),
        )
    shape = _not_a_headline(first)
    following = units[1].text
    if shape is None or not is_headline(following):
        return article
    removal = Removal(f"{RULE}:{shape}", KIND, "removed", units[0].start, units[0].end,
                      text[units[0].start : units[0].end])  # fmt: skip
    return replace(
        article,
        title=following,
        paragraphs=article.paragraphs[1:],
        removals=tuple(sorted((*article.removals, removal), key=lambda item: item.start)),
    )


def is_paragraph(line: str) -> bool:
    """Many words, mostly lower case, ending a sentence: a paragraph of the story."""
    words = _WORD.findall(line)
    if len(words) < _PARAGRAPH_WORDS or not _SENTENCE_END.search(line):
        return False
    lower: int = sum(word[:1].islower() for word in words)
    return lower >= _LOWER_SHARE * len(words)


def is_headline(line: str) -> bool:
    """Few enough words and no full stop at the end: it may head the story."""
    words = _WORD.findall(line)
    return 2 < len(words) <= _HEADLINE_WORDS and not line.rstrip().endswith(".")


def guess_title(paragraph: str) -> str:
    """The paragraph's first sentence, cut to `_GUESS_WORDS` words."""
    match = _FIRST_SENTENCE.match(paragraph)
    sentence = match.group(0) if match else paragraph
    words = sentence.split()
    if len(words) <= _GUESS_WORDS:
        return sentence
    return " ".join(words[:_GUESS_WORDS]) + "\u2026"


def _not_a_headline(line: str) -> str | None:
    words = _WORD.findall(line)
    if words and is_date_line(words):
        return "date_line"
    if (
        0 < len(words) <= _LABEL_WORDS
        and all(word[:1].isupper() for word in words)
        and not any(char.isdigit() for char in line)
    ):
        return "label"
    return None
