-- activity4j activity store, version 7. ${schema} is the store's schema, quoted.
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

INSERT INTO ${schema}.activity_tag (account, tag, creation_time, id, computer_id)
    SELECT a.account, t.tag, a.creation_time, a.id, a.computer_id
    FROM ${schema}.activity a
    JOIN ${schema}.computer_tag t ON t.account = a.account AND t.computer_id = a.computer_id;
