-- The trigram indexes (pg_trgm), where pg_trgm is installed; without them the store works and bare words
-- are matched by scanning. Never creates the extension (the store does that only when asked to).
-- A bare word of a query is a substring of the ASCII-folded summary: activity_summary_trigrams lets
-- PostgreSQL find the few activities that contain a rare word instead of testing every summary; its
-- expression must stay identical to the one ActivitySql writes (Ascii.SQL_FOLD on a.summary).
-- summary_word_trigrams serves the word dictionary; without it a bare word scans the dictionary, which
-- holds each distinct word once.
DO $trigrams$
DECLARE
    trgm_schema name;
BEGIN
    SELECT n.nspname INTO trgm_schema
        FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'pg_trgm';
    IF trgm_schema IS NOT NULL THEN
        EXECUTE format('CREATE INDEX IF NOT EXISTS activity_summary_trigrams ON %s.activity USING gin'
            ' (translate(summary, %L, %L) %I.gin_trgm_ops)',
            '${schema}', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz', trgm_schema);
        EXECUTE format('CREATE INDEX IF NOT EXISTS summary_word_trigrams ON %s.summary_word USING gin'
            ' (word %I.gin_trgm_ops)', '${schema}', trgm_schema);
    END IF;
END
$trigrams$;
