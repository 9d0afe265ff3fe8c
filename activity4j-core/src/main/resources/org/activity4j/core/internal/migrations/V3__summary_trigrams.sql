-- activity4j activity store, version 3. ${schema} is the store's schema, quoted.
-- A bare word of a query is a substring of the ASCII-folded summary. A trigram index (pg_trgm) on that
-- folded summary lets PostgreSQL find the few activities that contain a rare word instead of testing every
-- summary. pg_trgm ships with PostgreSQL (contrib) and is a trusted extension from PostgreSQL 13 on, so a
-- database owner may create it; where it is installed already it is used from its schema. Where it is
-- neither installed nor creatable (no contrib package; PostgreSQL 12 without superuser), the store works
-- without the index and says so in a NOTICE: bare words are then matched by scanning.
-- The expression must stay identical to the one ActivitySql writes (Ascii.SQL_FOLD on a.summary).

DO $migration$
DECLARE
    trgm_schema name;
BEGIN
    SELECT n.nspname INTO trgm_schema
        FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'pg_trgm';
    IF trgm_schema IS NULL THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
        EXCEPTION WHEN OTHERS THEN
            RAISE NOTICE 'activity4j: no trigram index on activity summaries, pg_trgm cannot be created (%: %);'
                ' bare words will be matched by scanning', SQLSTATE, SQLERRM;
        END;
        SELECT n.nspname INTO trgm_schema
            FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
            WHERE e.extname = 'pg_trgm';
    END IF;
    IF trgm_schema IS NOT NULL THEN
        EXECUTE format('CREATE INDEX activity_summary_trigrams ON %s.activity USING gin'
            ' (translate(summary, %L, %L) %I.gin_trgm_ops)',
            '${schema}', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz', trgm_schema);
    END IF;
END
$migration$;
