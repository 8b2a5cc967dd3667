"""Story linking estimates its candidates' containment in numpy from the pairs' signatures;
the number must be the SQL macros' to the last bit (the `copies` view shows the macros', and
the pairs are verified most alike first, so a different rounding would reorder them)."""

from __future__ import annotations

import random

import duckdb
import pyarrow as pa

from newsnorm.warehouse.story_links import _estimated
from newsnorm.warehouse.views import view_sql


def test_the_estimate_in_numpy_is_the_sql_macros_to_the_last_bit() -> None:
    rng = random.Random(3)
    connection = duckdb.connect()
    for name in ("estimated_jaccard", "containment_from_jaccard"):
        connection.execute(view_sql(name))
    base = [rng.getrandbits(63) for _ in range(128)]
    rows = []
    for n in range(300):  # signatures sharing 0-128 values with one base, sizes 1-5,000
        shared = rng.randrange(129)
        minhash = base[:shared] + [rng.getrandbits(63) for _ in range(128 - shared)]
        rows.append((f"{n:04d}", rng.sample(minhash, 128) if n % 7 == 0 else minhash))
    connection.register(
        "prints",
        pa.table(
            {
                "article_id": [a for a, _ in rows],
                "minhash": pa.array([m for _, m in rows], pa.list_(pa.int64())),
                "shingle_count": pa.array([rng.randrange(1, 5000) for _ in rows], pa.int32()),
            }
        ),
    )
    connection.execute("create table raw_story_fingerprints as select * from prints")
    ids = [a for a, _ in rows]
    pairs = sorted({tuple(sorted(rng.sample(ids, 2))) for _ in range(3000)})
    pairs.append(("0001", "9999"))  # a pair whose signature is not stored
    table = pa.table({"a": [a for a, _ in pairs], "b": [b for _, b in pairs]})
    connection.register("pairs", table)
    expected = connection.execute(
        "select p.a, p.b, containment_from_jaccard(estimated_jaccard(x.minhash, y.minhash), "
        "x.shingle_count, y.shingle_count) as c from pairs p "
        "join raw_story_fingerprints x on x.article_id = p.a "
        "join raw_story_fingerprints y on y.article_id = p.b where c >= 0.4"
    ).fetchall()
    found = _estimated(connection, table, 0.4)
    assert found == {(a, b): c for a, b, c in expected}
    assert 100 < len(found) < len(pairs) - 100
