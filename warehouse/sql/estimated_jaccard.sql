-- The Jaccard similarity of two bodies' word 5-grams, estimated from their MinHash
-- signatures: the share of positions where the signatures agree. The `copies` view uses
-- it; story linking's candidate filter computes the same in numpy
-- (warehouse/story_links.py `_estimated`) and bench/stories.py in Python
-- (transforms/stories.py `estimated_containment`), and tests hold both equal to it.
create or replace macro estimated_jaccard(minhash, other_minhash) as
    list_sum(list_transform(list_zip(minhash, other_minhash), lambda v: (v[1] = v[2])::int))
    / len(minhash);
