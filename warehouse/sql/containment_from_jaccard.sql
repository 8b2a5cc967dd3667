-- The share of the smaller of two sets found in the other, from their Jaccard similarity
-- and sizes: shared = J(|A|+|B|)/(1+J), over the smaller set. With `estimated_jaccard`,
-- the containment that story linking filters candidates on and the `copies` view shows.
create or replace macro containment_from_jaccard(jaccard, shingle_count, other_shingle_count) as
    jaccard * (shingle_count + other_shingle_count) / (1 + jaccard)
    / least(shingle_count, other_shingle_count);
