-- activity4j activity store, version 2. ${schema} is the store's schema, quoted.
-- What changes after an activity is created (status, times, result, progress) moves out of the activity
-- row into activity_state. The activity row is then never updated, so a status change writes a new row
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

INSERT INTO ${schema}.activity_state (id, account, creation_time, status, result_text, result_code, progress,
        delivery_time, completion_time, modification_time, approval_time)
    SELECT id, account, creation_time, status, result_text, result_code, progress,
           delivery_time, completion_time, modification_time, approval_time
    FROM ${schema}.activity;

CREATE INDEX activity_state_by_status ON ${schema}.activity_state (account, status, creation_time DESC, id DESC);

DROP INDEX ${schema}.activity_by_status;
ALTER TABLE ${schema}.activity
    DROP COLUMN status,
    DROP COLUMN result_text,
    DROP COLUMN result_code,
    DROP COLUMN progress,
    DROP COLUMN delivery_time,
    DROP COLUMN completion_time,
    DROP COLUMN modification_time,
    DROP COLUMN approval_time;
