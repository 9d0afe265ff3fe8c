-- activity4j activity store, version 2. ${schema} is the store's schema, quoted.
-- summary_words (as the baseline first defined it, from the old V6) took time quadratic in the length of a word: substr(word, start, 256) counts
-- the characters before start in UTF-8, once per window (989 ms for one word of 200,000 characters; a word
-- of 2,000,000 was still running after 30 s, inside the transaction that inserts it). The same words and
-- windows, in linear time:
-- - a word of fewer than 256 characters is its only window (as before: one window, the whole word);
-- - a longer word is cut once into pieces of 128 characters (regexp_matches walks the word once), and each
--   whole piece followed by the next one (or by nothing, at the end) is a window: the window of 256
--   characters starting at every 128th, as before, and the last ones shorter;
-- - lower(summary COLLATE "C") folds ASCII letters only, exactly as translate(summary, 'A..Z', 'a..z')
--   does (byte by byte, which every server encoding allows), 20 times faster on long text.
-- Stores refuse summaries over NewActivity.MAX_SUMMARY_LENGTH (4,096) characters anyway; this keeps the
-- cost of any summary written by other means (and of migrating old rows) linear.
-- Not STRICT, so that PostgreSQL still inlines it (see the baseline). Same name, arguments and results as before.

CREATE OR REPLACE FUNCTION ${schema}.summary_words(summary text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT DISTINCT x.piece
    FROM unnest(string_to_array(lower(summary COLLATE "C"), ' ')) AS w(word)
        CROSS JOIN LATERAL (
            SELECT w.word WHERE length(w.word) < 256
            UNION ALL
            SELECT p.pair
            FROM (SELECT c.m[1] AS chunk, c.m[1] || coalesce(lead(c.m[1]) OVER (ORDER BY c.n), '') AS pair
                    FROM regexp_matches(w.word, '.{1,128}', 'g') WITH ORDINALITY AS c(m, n)
                    WHERE length(w.word) >= 256) AS p
            WHERE length(p.chunk) = 128
        ) AS x(piece)
    WHERE w.word <> ''
$$;
