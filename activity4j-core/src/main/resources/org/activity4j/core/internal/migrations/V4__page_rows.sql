-- activity4j activity store, version 4. ${schema} is the store's schema, quoted.
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
