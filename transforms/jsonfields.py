"""Where a JSON record's fields are: the names common tools write, and `--field` overrides.

Each target is looked up under its names in order; the first that holds a usable value wins
(a URL that is not one, a title of a shape no reader knows, are passed over; the shapes read
besides a string, lists and wrapped texts and Unix times, are in jsonshapes.py). The names
cover:

- news-please (`title`, `maintext`, `authors`, `date_publish`, `description`, `language`,
  `source_domain`, `url`; its dates carry no zone, hence `--timezone`),
- fundus' `Article.to_json()` (`title`, `body` as `summary` and `sections` of `headline` and
  `paragraphs`, or `plaintext`; `authors`, `publishing_date`, `lang`),
- trafilatura's JSON output (`title`, `author` as "A; B", `text`, `raw_text`, `date`,
  `source` (the URL), `source-hostname` (the site's name), `hostname`, `excerpt`, `language`),
- WordPress REST posts (`title.rendered`, `content.rendered`, `excerpt.rendered`, `link`,
  `date` in the site's zone with `date_gmt` beside it),
- Scrapy feeds, whose items carry the spider's own names: the usual ones (`title`, `url`,
  `body`/`text`/`content`, `author`/`authors`, `date`) map, any other needs `--field`.
"""

from __future__ import annotations

from collections.abc import Mapping

# Where each field is looked for, in order; `--field title=headline` puts a name first.
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title.rendered", "title", "headline", "name", "title_page", "title_rss"),
    "body": ("body", "text", "content", "maintext", "articleBody", "article", "full_text",
             "plaintext", "raw_text"),
    "html": ("html", "raw_html", "content_html", "rawHtml", "content.rendered"),
    "authors": ("authors", "author", "byline", "creator", "creators"),
    "published": ("published_at", "published", "publishedAt", "date_publish",
                  "publishing_date", "datePublished", "pubDate", "date"),
    "url": ("url", "link", "source_url", "canonical_url", "source"),
    "site": ("site", "site_name", "sitename", "source-hostname", "source_domain", "hostname",
             "publisher.name", "publisher", "source.name"),
    "language": ("language", "lang", "inLanguage"),
    "description": ("description", "excerpt.rendered", "excerpt", "summary", "abstract",
                    "standfirst", "dek", "subtitle"),
}  # fmt: skip

# WordPress states `date` in the site's own zone without saying which, and the same moment
# in UTC as `date_gmt`: the pair gives the instant without a --timezone.
UTC_TWINS = {"date": "date_gmt", "modified": "modified_gmt"}


def field_mapping(overrides: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """The defaults with each `target=source` override looked up first."""
    if unknown := overrides.keys() - DEFAULT_FIELDS.keys():
        raise ValueError(f"unknown target fields {sorted(unknown)}; use {sorted(DEFAULT_FIELDS)}")
    return {
        target: (overrides[target], *sources) if target in overrides else sources
        for target, sources in DEFAULT_FIELDS.items()
    }


def lookup(value: Mapping[str, object], source: str) -> object:
    """The value at a dotted path (`title.rendered`), or None."""
    current: object = value
    for part in source.split("."):
        current = current.get(part) if isinstance(current, dict) else None
    return current
