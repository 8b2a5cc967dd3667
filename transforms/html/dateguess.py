"""A publication date guessed from the page when it states none: htmldate's search."""

from __future__ import annotations

# htmldate reads a lone year (a copyright line) as 1 January: a year is not a date.
_YEAR_ONLY = "-01-01"


def guess_published(tree: object, url: str | None) -> str | None:
    """The original publication day ('2024-03-27') htmldate finds in the markup, else in
    the page's text; None when it finds none or only a year. `tree` is the page as lxml
    parsed it (htmldate copies it, never changes it)."""
    from htmldate import find_date  # here: only HTML pages need it, not every start-up

    stated = find_date(tree, url=url, original_date=True, extensive_search=False)
    if stated:
        return stated
    found = find_date(tree, url=url, original_date=True, extensive_search=True)
    return None if not found or found.endswith(_YEAR_ONLY) else found
