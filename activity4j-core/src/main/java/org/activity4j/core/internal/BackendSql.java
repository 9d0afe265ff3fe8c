package org.activity4j.core.internal;

/**
 * The SQL of the PostgreSQL inspector, chosen per server major version. Values are always bound. Text that
 * may hold bytes invalid in the client encoding (queries, names) is selected as {@code bytea} by {@link
 * #raw}, which cannot fail, and decoded by {@link PgText}.
 */
final class BackendSql {
    private BackendSql() {}

    /**
     * {@code expr}'s bytes as {@code bytea}, without the encoding check that {@code textsend} and every output
     * of text do ({@code textsend} converts to the client encoding): backslashes doubled, then decoded as
     * {@code escape}, which copies every other byte as it is. Cannot fail on bytes invalid in the encoding.
     */
    static String raw(String expr) {
        return "decode(replace(" + expr + ", '\\', '\\\\'), 'escape')";
    }

    /** Whether a backend waits for a lock: from pg_locks (readable by every role) when the server hides it. */
    private static final String WAITING_ON_LOCK = "CASE WHEN a.state IS NULL"
            + " THEN a.pid IN (SELECT wl.pid FROM pg_locks wl WHERE NOT wl.granted AND wl.pid IS NOT NULL)"
            + " ELSE a.wait_event_type IS NOT DISTINCT FROM 'Lock' END";

    /** Columns of a backend; {@code a} is {@code pg_stat_activity}. Read by {@link BackendRows}. */
    static String backendColumns(int major) {
        return "a.pid, " + raw("a.datname::text") + " AS datname, " + raw("a.usename::text") + " AS usename,"
                + " a.application_name, host(a.client_addr) AS client, a.backend_type,"
                + " a.state, a.wait_event_type, a.wait_event, " + raw("a.query") + " AS query,"
                + " (SELECT pg_encoding_to_char(d.encoding) FROM pg_database d WHERE d.oid = a.datid) AS encoding,"
                + " a.query_start, a.xact_start, a.backend_start, a.state_change, "
                + (major >= 13 ? "a.leader_pid" : "NULL::int") + " AS leader_pid, "
                + (major >= 14 ? "a.query_id" : "NULL::bigint") + " AS query_id,"
                + " " + WAITING_ON_LOCK + " AS waiting_on_lock,"
                // pg_blocking_pids takes the lock manager's locks: ask only for backends that wait on one.
                + " CASE WHEN " + WAITING_ON_LOCK + " THEN pg_blocking_pids(a.pid) END AS blocked_by,"
                + " clock_timestamp() AS now, pg_postmaster_start_time() AS server_start";
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

    /** The identity of a lock's object as one text, so that locks on one object can be hashed together. */
    private static String key(String l) {
        return "concat_ws(';', " + l + ".locktype, " + l + ".database, " + l + ".relation, " + l + ".page, "
                + l + ".tuple, " + l + ".virtualxid, " + l + ".transactionid, " + l + ".classid, " + l + ".objid, "
                + l + ".objsubid)";
    }

    /**
     * Every lock, granted or not, on an object that some backend waits for, from one read of {@code pg_locks}
     * (the CTE is read twice, so it is materialized once); ungranted ones with their {@code pg_blocking_pids},
     * locks of prepared transactions (no pid) with the transaction from {@code pg_prepared_xacts}. Read by
     * {@link LockRows}.
     */
    static String locks(int major) {
        return "WITH l AS MATERIALIZED (SELECT * FROM pg_locks WHERE pid IS DISTINCT FROM pg_backend_pid()),"
                + " px AS (SELECT p.gid, p.transaction::text::bigint AS xid, " + raw("p.owner::text") + " AS owner,"
                + " " + raw("p.database::text") + " AS px_database, p.prepared, x.virtualtransaction"
                + " FROM pg_prepared_xacts p JOIN l x ON x.locktype = 'transactionid' AND x.pid IS NULL"
                + " AND x.transactionid = p.transaction)"
                + " SELECT l.pid, l.locktype, l.mode, l.granted, l.database::bigint AS database,"
                + " l.relation::bigint AS relation_oid, l.page, l.tuple, l.virtualxid,"
                + " l.transactionid::text::bigint AS transactionid, l.classid::bigint AS classid,"
                + " l.objid::bigint AS objid, l.objsubid::int AS objsubid,"
                + " CASE WHEN l.relation IS NOT NULL AND (l.database = 0 OR l.database ="
                + " (SELECT oid FROM pg_database WHERE datname = current_database()))"
                + " THEN " + raw("l.relation::regclass::text") + " END AS relation_name,"
                + " (SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database())"
                + " AS encoding, "
                + (major >= 14 ? "l.waitstart" : "NULL::timestamptz") + " AS wait_start,"
                + " CASE WHEN NOT l.granted AND l.pid IS NOT NULL THEN pg_blocking_pids(l.pid) END AS blockers,"
                + " px.gid, px.xid, px.owner, px.px_database, px.prepared"
                + " FROM l LEFT JOIN px ON l.pid IS NULL AND px.virtualtransaction = l.virtualtransaction"
                + " WHERE " + key("l") + " IN (SELECT " + key("w") + " FROM l w WHERE NOT w.granted)";
    }

    /**
     * Signals every pid of the array parameter (distinct, in the order given) with {@code function}
     * ({@code pg_terminate_backend} or {@code pg_cancel_backend}) in one statement, one row per pid in array
     * order: {@code pid}, {@code refused} ({@code own}: the statement's own backend; {@code none}: not listed
     * in {@code pg_stat_activity}; {@code superuser}: the target is a superuser's or has no role and we are
     * no superuser; {@code role}: we have neither the target role's privileges nor {@code pg_signal_backend}'s)
     * and {@code signalled} (the function's answer, when not refused).
     *
     * <p>The checks are the server's own ({@code pg_signal_backend} in PostgreSQL's signalfuncs.c) so that a
     * signal is only attempted where the server allows it: a refusal is an ERROR that would end the statement
     * (and the signals already sent would stand). They are conservative where the server's rule varies by
     * version: a process without a role (a background worker) is signalled by superusers only, while
     * PostgreSQL 12-15 also let {@code pg_signal_backend} members, and 18 {@code pg_signal_autovacuum_worker}
     * members for autovacuum workers, do it.
     */
    static String signal(String function) {
        return "WITH t AS MATERIALIZED (SELECT u.pid, u.ord, CASE"
                + " WHEN u.pid = pg_backend_pid() THEN 'own'"
                + " WHEN a.pid IS NULL THEN 'none'"
                + " WHEN (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN NULL"
                + " WHEN a.usesysid IS NULL OR r.rolsuper THEN 'superuser'"
                // A role dropped while its session runs: only pg_signal_backend's privileges help.
                + " WHEN r.oid IS NULL THEN CASE WHEN pg_has_role('pg_signal_backend', 'USAGE') THEN NULL"
                + " ELSE 'role' END"
                + " WHEN pg_has_role(a.usesysid, 'USAGE') OR pg_has_role('pg_signal_backend', 'USAGE') THEN NULL"
                + " ELSE 'role' END AS refused"
                + " FROM unnest(?::int[]) WITH ORDINALITY AS u(pid, ord)"
                + " LEFT JOIN pg_stat_activity a ON a.pid = u.pid LEFT JOIN pg_roles r ON r.oid = a.usesysid)"
                + " SELECT pid, refused, CASE WHEN refused IS NULL THEN " + function + "(pid) END AS signalled"
                + " FROM t ORDER BY ord";
    }

    static final String TERMINATE = signal("pg_terminate_backend");
    static final String CANCEL = signal("pg_cancel_backend");
}
