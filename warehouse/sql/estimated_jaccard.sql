-- The Jaccard similarity of two bodies' word 5-grams, estimated from their MinHash
-- signatures: the share of positions where the signatures agree. Story linking's
-- candidate filter and the `copies` view both use it (transforms/stories.py computes the
-- same in Python, and a test holds them equal).
create or replace macro estimated_jaccard(minhash, other_minhash) as
    list_sum(list_transform(list_zip(minhash, other_minhash), lambda v: (v[1] = v[2])::int))
    / len(minhash);
