-- activity4j activity store, version 6. ${schema} is the store's schema, quoted.
-- A word index for bare words. A bare word is a substring of the ASCII-folded summary; when it holds no
-- space it lies inside one of the summary's space-separated words. So every activity's words are kept,
-- once each, in activity_word with the activity's creation time (the page order), and every distinct word
-- of the account in summary_word. A bare word then reads the few dictionary words that contain it and the
-- index entries of their activities, newest first, without touching activity rows or the summary trigram
-- index (whose lists for trigrams that most summaries share, such as those of "the", made a rare word cost
-- as much as reading them all: 17-18 ms instead of 1.2-1.6 ms on 1,000,000 activities).
-- A word longer than 256 characters is kept as windows of 256 characters every 128, so any piece of it of
-- at most 128 characters is inside one window; longer bare words are matched by the summary itself.
-- ActivitySql.INDEXED_WORD_LENGTH is that 128: the two must change together.
-- Activities are written once and never deleted, so these rows are written with them and never change.

-- Not STRICT: PostgreSQL inlines a SQL set-returning function into the calling statement only when it is not
-- (called as a function instead it cost 19 microseconds per summary, inlined under 1).
CREATE FUNCTION ${schema}.summary_words(summary text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT DISTINCT substr(w.word, g.start, 256)
    FROM unnest(string_to_array(translate(summary, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'),
            ' ')) AS w(word)
        CROSS JOIN LATERAL generate_series(1, greatest(length(w.word) - 127, 1), 128) AS g(start)
    WHERE w.word <> ''
$$;

CREATE TABLE ${schema}.activity_word (
    account       text        NOT NULL,
    word          text        NOT NULL,
    creation_time timestamptz NOT NULL,
    id            bigint      NOT NULL,
    PRIMARY KEY (account, word, creation_time, id)
);

CREATE TABLE ${schema}.summary_word (
    account text NOT NULL,
    word    text NOT NULL,
    PRIMARY KEY (account, word)
);

INSERT INTO ${schema}.activity_word (account, word, creation_time, id)
    SELECT a.account, w.word, a.creation_time, a.id
    FROM ${schema}.activity a CROSS JOIN LATERAL ${schema}.summary_words(a.summary) AS w(word);

INSERT INTO ${schema}.summary_word (account, word)
    SELECT DISTINCT account, word FROM ${schema}.activity_word;

-- The dictionary's own trigram index, where pg_trgm is installed (migration V3 installs it when it can).
-- Without it a bare word scans the dictionary, which holds each distinct word once.
DO $migration$
DECLARE
    trgm_schema name;
BEGIN
    SELECT n.nspname INTO trgm_schema
        FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'pg_trgm';
    IF trgm_schema IS NOT NULL THEN
        EXECUTE format('CREATE INDEX summary_word_trigrams ON %s.summary_word USING gin (word %I.gin_trgm_ops)',
            '${schema}', trgm_schema);
    END IF;
END
$migration$;
