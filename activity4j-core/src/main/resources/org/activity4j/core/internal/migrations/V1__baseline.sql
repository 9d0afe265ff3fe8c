-- activity4j activity store, baseline (version 1). ${schema} is the store's schema, quoted; it exists.
-- The folded migrations V1-V8 of the unreleased development versions, each section under its old
-- number, written as the schema they ended with (a new schema has no rows to carry over). Later versions
-- are new files V2__..., V3__..., applied in order; each records its version in schema_version (the
-- store, or ActivityStores.migrationScripts, appends that row).
-- Every row belongs to an account; every query of the store names its account.

CREATE TABLE ${schema}.schema_version (
    version    integer     PRIMARY KEY,
    script     text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

-- (old V1) people, computers and activities.

CREATE TABLE ${schema}.person (
    account      text   NOT NULL,
    id           bigint NOT NULL,
    name         text   NOT NULL,
    email        text   NOT NULL,
    email_folded text   NOT NULL,  -- email with ASCII letters lowercased, what creator: matches
    PRIMARY KEY (account, id)
);
CREATE INDEX person_email ON ${schema}.person (account, email_folded);

CREATE TABLE ${schema}.computer (
    account      text    NOT NULL,
    id           bigint  NOT NULL,
    hostname     text    NOT NULL,
    title        text    NOT NULL,
    access_group text    NOT NULL,
    distribution text,
    needs_reboot boolean NOT NULL,
    PRIMARY KEY (account, id)
);

CREATE TABLE ${schema}.computer_tag (
    account     text   NOT NULL,
    computer_id bigint NOT NULL,
    tag         text   NOT NULL,
    PRIMARY KEY (account, computer_id, tag)
);
CREATE INDEX computer_tag_by_tag ON ${schema}.computer_tag (account, tag, computer_id);

CREATE TABLE ${schema}.computer_alert (
    account     text   NOT NULL,
    computer_id bigint NOT NULL,
    alert       text   NOT NULL,
    PRIMARY KEY (account, computer_id, alert)
);
CREATE INDEX computer_alert_by_alert ON ${schema}.computer_alert (account, alert, computer_id);

CREATE TABLE ${schema}.computer_annotation (
    account     text   NOT NULL,
    computer_id bigint NOT NULL,
    key         text   NOT NULL,
    value       text   NOT NULL,
    PRIMARY KEY (account, computer_id, key)
);
CREATE INDEX computer_annotation_by_key ON ${schema}.computer_annotation (account, key, value, computer_id);

CREATE SEQUENCE ${schema}.activity_id;

CREATE TABLE ${schema}.activity (
    id                 bigint      PRIMARY KEY,
    account            text        NOT NULL,
    parent_id          bigint,
    computer_id        bigint,
    creator_id         bigint      NOT NULL,
    type               text        NOT NULL,
    summary            text        NOT NULL,
    creation_time      timestamptz NOT NULL,
    deliver_after_time timestamptz,
    details            text        NOT NULL  -- JSON object text, kept verbatim (member order included)
);
CREATE INDEX activity_newest ON ${schema}.activity (account, creation_time DESC, id DESC);
CREATE INDEX activity_by_computer ON ${schema}.activity (account, computer_id, creation_time DESC, id DESC);
CREATE INDEX activity_by_parent ON ${schema}.activity (account, parent_id);

-- (old V2)
-- What changes after an activity is created (status, times, result, progress) lives apart from the activity
-- row, in activity_state. The activity row is then never updated, so a status change writes a new row
-- version of the narrow state row and entries in its two indexes only, instead of in every index of the
-- activity (bulk cancels and approves of 100,000 activities write a third of what they wrote before).

CREATE TABLE ${schema}.activity_state (
    id                bigint      PRIMARY KEY REFERENCES ${schema}.activity (id),
    account           text        NOT NULL,
    creation_time     timestamptz NOT NULL,  -- the activity's, copied so the status index gives the order
    status            text        NOT NULL,
    result_text       text,
    result_code       integer,
    progress          integer,
    delivery_time     timestamptz,
    completion_time   timestamptz,
    modification_time timestamptz NOT NULL,
    approval_time     timestamptz
);

CREATE INDEX activity_state_by_status ON ${schema}.activity_state (account, status, creation_time DESC, id DESC);

-- (old V4)
-- The rows of a page of activities, given the page's ids. getActivities finds a page's ids with SQL that
-- PostgreSQL plans for the query's values (a custom plan: a plan made without the values can be ten times
-- slower), then reads the rows of those ids through this function. Its one statement, the same for every
-- page, is planned once per session and reused (plan_cache_mode = auto inside the function): planning that
-- join of activity, activity_state and person took longer than running it, for every page.
-- The columns must stay those PostgresActivityStore reads; ids of other accounts are never returned.

CREATE FUNCTION ${schema}.activity_rows(page_account text, page_ids bigint[])
RETURNS TABLE (
    id                 bigint,
    parent_id          bigint,
    computer_id        bigint,
    creator_id         bigint,
    name               text,
    email              text,
    type               text,
    status             text,
    summary            text,
    result_text        text,
    result_code        integer,
    progress           integer,
    creation_time      timestamptz,
    delivery_time      timestamptz,
    completion_time    timestamptz,
    modification_time  timestamptz,
    approval_time      timestamptz,
    deliver_after_time timestamptz,
    details            text
)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = auto
AS $function$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        SELECT a.id, a.parent_id, a.computer_id, a.creator_id, p.name, p.email, a.type, s.status, a.summary,
               s.result_text, s.result_code, s.progress, a.creation_time, s.delivery_time, s.completion_time,
               s.modification_time, s.approval_time, a.deliver_after_time, a.details
        FROM ${schema}.activity a
        JOIN ${schema}.activity_state s ON s.id = a.id
        JOIN ${schema}.person p ON p.account = a.account AND p.id = a.creator_id
        WHERE a.account = page_account AND a.id = ANY (page_ids);
END
$function$;

-- (old V5)
-- Since version 2 an activity row is written once and never updated, so once vacuumed its index entries
-- can answer a query without reading the row (an index-only scan). The creator and type indexes now carry
-- the other one of the two columns: `creator:E type:Y`, and a creator or type with any of the other's
-- values, select a page's ids from the index alone instead of reading every activity of the creator to
-- test its type (measured on 1,000,000 activities: 5-7 ms -> about 1 ms per page).

CREATE INDEX activity_by_creator ON ${schema}.activity (account, creator_id, creation_time DESC, id DESC)
    INCLUDE (type);
CREATE INDEX activity_by_type ON ${schema}.activity (account, type, creation_time DESC, id DESC)
    INCLUDE (creator_id);

-- (old V6)
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

-- (old V7)
-- A tag index for `computer:tag:T`. An activity matches through its computer's current tags, so a tag's
-- activities are those of its computers, each computer's in time order but not the union: a page at
-- offset 10,000 of a tag on 200 computers read and sorted all 20,000 of their activities (9 ms on
-- 1,000,000 activities). activity_tag holds, for every activity with a computer, one row per tag of that
-- computer, in page order; the store writes it with the activity and rewrites a computer's rows when its
-- tags change (registerComputer, which locks the computer row; creating activities locks their computers
-- for share, so neither misses the other's change).

CREATE TABLE ${schema}.activity_tag (
    account       text        NOT NULL,
    tag           text        NOT NULL,
    creation_time timestamptz NOT NULL,
    id            bigint      NOT NULL,
    computer_id   bigint      NOT NULL,
    PRIMARY KEY (account, tag, creation_time, id)
);

CREATE INDEX activity_tag_by_computer ON ${schema}.activity_tag (account, computer_id, tag);

-- (old V8)
-- Conditions that read only activity_state (status, ids, creation times) and match most activities, such
-- as `NOT status:canceled`, had no index in page order on that table: PostgreSQL walked activity's
-- newest-first index and looked up each activity's state, or sorted the whole table (16 ms at offset
-- 10,000 of 1,000,000 activities). This index holds the status too, so such a page reads only index
-- entries (about 2 ms there). A status change writes one more index entry (the row's status is indexed
-- already, so it was never a heap-only update).

CREATE INDEX activity_state_newest ON ${schema}.activity_state (account, creation_time DESC, id DESC)
    INCLUDE (status);

-- (old V3 and V6) The trigram indexes: Migrations appends trigram_indexes.sql here, the script the store
-- also runs alone when it may create pg_trgm.
