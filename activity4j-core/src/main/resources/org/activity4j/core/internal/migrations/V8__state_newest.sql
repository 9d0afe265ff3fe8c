-- activity4j activity store, version 8. ${schema} is the store's schema, quoted.
-- Conditions that read only activity_state (status, ids, creation times) and match most activities, such
-- as `NOT status:canceled`, had no index in page order on that table: PostgreSQL walked activity's
-- newest-first index and looked up each activity's state, or sorted the whole table (16 ms at offset
-- 10,000 of 1,000,000 activities). This index holds the status too, so such a page reads only index
-- entries (about 2 ms there). A status change writes one more index entry (the row's status is indexed
-- already, so it was never a heap-only update).

CREATE INDEX activity_state_newest ON ${schema}.activity_state (account, creation_time DESC, id DESC)
    INCLUDE (status);
