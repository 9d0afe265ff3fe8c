package org.activity4j.core.internal;

/** The SQL of the PostgreSQL inspector, chosen per server major version. Values are always bound. */
final class BackendSql {
    private BackendSql() {}

    /** Columns of a backend; {@code a} is {@code pg_stat_activity}. Read by {@link BackendRows}. */
    static String backendColumns(int major) {
        return "a.pid, a.datname, a.usename, a.application_name, host(a.client_addr) AS client, a.backend_type,"
                + " a.state, a.wait_event_type, a.wait_event, a.query, a.query_start, a.xact_start, a.backend_start,"
                + " a.state_change, "
                + (major >= 13 ? "a.leader_pid" : "NULL::int") + " AS leader_pid, "
                + (major >= 14 ? "a.query_id" : "NULL::bigint") + " AS query_id,"
                // pg_blocking_pids takes the lock manager's locks: ask only for backends that wait on one.
                + " CASE WHEN a.wait_event_type = 'Lock' THEN pg_blocking_pids(a.pid) END AS blocked_by,"
                + " clock_timestamp() AS now";
    }

    /** Client backends and parallel workers but the inspector's own connection, longest-running first. */
    static String activity(int major) {
        return "SELECT " + backendColumns(major) + " FROM pg_stat_activity a"
                + " WHERE (a.backend_type IN ('client backend', 'parallel worker')"
                // What a plain role sees of another role's session: a user but no backend type.
                + " OR (a.backend_type IS NULL AND a.usesysid IS NOT NULL)) AND a.pid <> pg_backend_pid()"
                + " ORDER BY a.query_start NULLS LAST, a.pid";
    }

    /** Every backend but the inspector's own connection: waiters and blockers may be of any type. */
    static String allBackends(int major) {
        return "SELECT " + backendColumns(major) + " FROM pg_stat_activity a WHERE a.pid <> pg_backend_pid()"
                + " ORDER BY a.query_start NULLS LAST, a.pid";
    }

    /** Columns of a lock; {@code l} is {@code pg_locks}. Read by {@link BackendRows#lock}. */
    static String lockColumns(int major) {
        return "l.locktype, l.mode, l.granted,"
                + " CASE WHEN l.relation IS NOT NULL AND (l.database = 0 OR l.database ="
                + " (SELECT oid FROM pg_database WHERE datname = current_database()))"
                + " THEN l.relation::regclass::text END AS relation_name,"
                + " l.relation::bigint AS relation_oid, "
                + (major >= 14 ? "l.waitstart" : "NULL::timestamptz") + " AS wait_start";
    }

    /** Ungranted locks with the pids blocking their backend. */
    static String waiting(int major) {
        return "SELECT l.pid, " + lockColumns(major) + ", pg_blocking_pids(l.pid) AS blockers"
                + " FROM pg_locks l WHERE NOT l.granted AND l.pid <> pg_backend_pid()";
    }

    /**
     * For each blocker named by {@code pg_blocking_pids} of a waiter: its locks on the object the waiter
     * waits for, with the waiters it blocks by them.
     */
    static String blocking(int major) {
        return "WITH w AS (SELECT l.*, unnest(pg_blocking_pids(l.pid)) AS blocker FROM pg_locks l"
                + " WHERE NOT l.granted AND l.pid <> pg_backend_pid())"
                + " SELECT l.pid, " + lockColumns(major) + ", array_agg(DISTINCT w.pid ORDER BY w.pid) AS blocked"
                + " FROM w JOIN pg_locks l ON l.pid = w.blocker AND l.locktype = w.locktype"
                + " AND l.database IS NOT DISTINCT FROM w.database AND l.relation IS NOT DISTINCT FROM w.relation"
                + " AND l.page IS NOT DISTINCT FROM w.page AND l.tuple IS NOT DISTINCT FROM w.tuple"
                + " AND l.virtualxid IS NOT DISTINCT FROM w.virtualxid"
                + " AND l.transactionid IS NOT DISTINCT FROM w.transactionid"
                + " AND l.classid IS NOT DISTINCT FROM w.classid AND l.objid IS NOT DISTINCT FROM w.objid"
                + " AND l.objsubid IS NOT DISTINCT FROM w.objsubid"
                + " WHERE l.pid <> pg_backend_pid()"
                + " GROUP BY l.pid, l.locktype, l.mode, l.granted, l.relation, l.database"
                + (major >= 14 ? ", l.waitstart" : "");
    }

    static final String TERMINATE = "SELECT pg_terminate_backend(?)";
    static final String CANCEL = "SELECT pg_cancel_backend(?)";
    static final String OWN_PID = "SELECT pg_backend_pid()";
}
