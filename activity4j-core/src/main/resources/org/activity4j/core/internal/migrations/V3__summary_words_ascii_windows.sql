-- activity4j activity store, version 3. ${schema} is the store's schema, quoted.
-- summary_words of version 2 is linear, but on PostgreSQL 12 its regular expression ('.{1,128}', which cuts a
-- long word into pieces) costs about 0.4 us per character: 80-90 ms for one word of 200,000 characters, where
-- PostgreSQL 18 needs under 10 ms. The same words and windows, with the windows of a long word made by
-- summary_word_windows:
-- - a word of ASCII characters only (no character above U+007F, which !~ tests in one pass; the usual long
--   word: a token, a hash, a path) has one byte per character in every server encoding, so it is taken as
--   bytes (decode(..., 'escape') once its backslashes are doubled) and each window is the bytea substring of
--   256 bytes at every 128th byte that starts a whole piece of 128, back as text (encode(..., 'escape') only
--   doubles the backslashes of ASCII text, so they are halved again): constant time per window, about 8 ms
--   for 200,000 characters on PostgreSQL 12;
-- - any other word is cut as in version 2.
-- summary_word_windows is STRICT, so PostgreSQL calls it (instead of inlining it) and only for the words of
-- 256 characters or more; summary_words itself is still inlined into the inserting statement, and its short
-- words take one branch less than in version 2. E'' literals: the bodies do not depend on
-- standard_conforming_strings. summary_words keeps its name, argument and results.

CREATE FUNCTION ${schema}.summary_word_windows(word text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT replace(encode(substring(b.bytes FROM g.start FOR 256), 'escape'), E'\\\\', E'\\')
    FROM decode(replace(word, E'\\', E'\\\\'), 'escape') AS b(bytes)
        CROSS JOIN LATERAL generate_series(1, octet_length(b.bytes) - 127, 128) AS g(start)
    WHERE word !~ E'[^\\x01-\\x7f]'
    UNION ALL
    SELECT p.pair
    FROM (SELECT c.m[1] AS chunk, c.m[1] || coalesce(lead(c.m[1]) OVER (ORDER BY c.n), '') AS pair
            FROM regexp_matches(word, '.{1,128}', 'g') WITH ORDINALITY AS c(m, n)
            WHERE word ~ E'[^\\x01-\\x7f]') AS p
    WHERE length(p.chunk) = 128
$$;

CREATE OR REPLACE FUNCTION ${schema}.summary_words(summary text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT DISTINCT x.piece
    FROM unnest(string_to_array(lower(summary COLLATE "C"), ' ')) AS w(word)
        CROSS JOIN LATERAL (
            SELECT w.word WHERE length(w.word) < 256
            UNION ALL
            SELECT l.piece FROM ${schema}.summary_word_windows(w.word) AS l(piece) WHERE length(w.word) >= 256
        ) AS x(piece)
    WHERE w.word <> ''
$$;
