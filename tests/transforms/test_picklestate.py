"""Records cross between a run's processes pickled: `quick_state` must give back equal
records, subclasses included, from the state dataclasses' own pickling makes."""

from __future__ import annotations

import pickle
from dataclasses import fields
from datetime import UTC, datetime

from newsnorm.transforms.learned import LearnedRemoval
from newsnorm.transforms.pipeline import Processed
from newsnorm.transforms.records import Article, Author, Evidence, Removal


def _article() -> Article:
    return Article(
        title="Harbour Reopens",
        paragraphs=("The harbour reopened on Monday.", "Ferries run again."),
        adapter="generic",
        adapter_version=3,
        authors=("Ana Ruiz",),
        published_at=datetime(2026, 5, 4, 9, 30, tzinfo=UTC),
        removals=(
            Removal("byline", "byline", "moved", 0, 11, "By Ana Ruiz"),
            LearnedRemoval("learned", "learned", "removed", 12, 20, "Share it", "3 stories"),
        ),
        author_affiliations=(Author("Ana Ruiz", "Port Daily"),),
        evidence=(Evidence("byline", 0.5),),
    )


def test_records_come_back_equal_with_their_derived_fields() -> None:
    processed = Processed(_article(), "utf-8", "By Ana Ruiz\nShare it\n")
    back = pickle.loads(pickle.dumps(processed))
    assert back == processed
    assert (back.article.body, back.article.article_id) == (
        processed.article.body,
        processed.article.article_id,
    )
    learned = back.article.removals[1]
    assert isinstance(learned, LearnedRemoval)
    assert learned.evidence == "3 stories"


def test_the_state_is_the_field_values_in_field_order() -> None:
    """The format of dataclasses' own `__getstate__`: a pickle made by either loads in both."""
    for record in (_article(), *_article().removals, Evidence("byline", 0.5)):
        assert record.__getstate__() == [getattr(record, f.name) for f in fields(record)]
