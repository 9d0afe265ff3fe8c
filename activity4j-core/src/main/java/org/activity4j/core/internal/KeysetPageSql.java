package org.activity4j.core.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import org.activity4j.core.Activity;

/**
 * The statement of one page of a stream ({@code streamActivities}) in PostgreSQL: the page's ids selected by
 * the condition {@link ActivitySql} compiles, after the keyset {@code (creation_time, id) < (last's)} in the
 * order of the indexes ({@code creation_time DESC, id DESC}), then the page's rows joined in the same
 * statement (the columns {@code getActivities} reads, in the same order). A query that is one {@code
 * computer:tag:T} takes its ids from the tag index; a query that is one bare word or an {@code OR} of bare
 * words the word index answers from the index entries of the dictionary words that contain one of them, after
 * the keyset, when they are at most {@link PostgresActivityStore#WORD_CANDIDATES} (else, a common word, from
 * the tables the condition reads; the statement holds both and runs one, as {@code getActivities}'s does);
 * every other query from the tables the condition reads. The row comparison is an index condition of those
 * indexes, so a page costs the same at any depth.
 *
 * <p>The rows are joined directly rather than read through the schema's {@code activity_rows} function
 * as {@code getActivities} does: the function returns its rows through PL/pgSQL's {@code RETURN QUERY}, a
 * copy that cost more than the join itself for a page of 5,000 (EXPLAIN ANALYZE on PostgreSQL 18, 100,000
 * activities: 26-37 ms against 18-20 ms), while planning the join, which the function saves for small
 * pages, is under a millisecond. The ids are selected once ({@code WITH k}) and both {@code activity} and
 * {@code activity_state} are read by {@code id = ANY} of them, so that each is one index search in id order
 * and the two are merge-joined, instead of a probe of {@code activity_state} per row (20,000 buffer hits for a
 * page of 5,000, against about 1,700). The creators' names are not joined: the store reads them once per
 * creator after the page ({@link PostgresActivityStore#STREAM_COLUMNS}).
 */
final class KeysetPageSql {
    private final String sql;
    private final ActivitySql.Condition where;
    private final String account;

    private KeysetPageSql(String sql, ActivitySql.Condition where, String account) {
        this.sql = sql;
        this.where = where;
        this.account = account;
    }

    /** The statement of the first page ({@code last} empty) or of the page after {@code last}. */
    static KeysetPageSql of(ActivitySql.Condition where, String schema, String account, boolean first) {
        String ids;
        if (where.indexedTag().isPresent()) {
            ids = "SELECT t.id FROM " + schema + ".activity_tag t WHERE t.account = ? AND t.tag = ?"
                    + (first ? "" : " AND (t.creation_time, t.id) < (?, ?)")
                    + " ORDER BY t.creation_time DESC, t.id DESC LIMIT ?";
        } else if (where.indexedWords().isPresent()) {
            int most = PostgresActivityStore.WORD_CANDIDATES;
            ids = "WITH m AS MATERIALIZED ("
                    + where.wordCandidates(schema, first ? "" : " AND (w.creation_time, w.id) < (?, ?)")
                    + " LIMIT " + (most + 1) + ")"
                    + " (SELECT m.id FROM m WHERE (SELECT count(*) FROM m) <= " + most
                    + " GROUP BY m.creation_time, m.id ORDER BY m.creation_time DESC, m.id DESC LIMIT ?)"
                    + " UNION ALL (" + conditionIds(where, schema, first, " AND (SELECT count(*) FROM m) > " + most)
                    + ")";
        } else {
            ids = conditionIds(where, schema, first, "");
        }
        String sql = "WITH k AS MATERIALIZED (SELECT ARRAY(" + ids + ") AS ids)"
                + " SELECT " + PostgresActivityStore.STREAM_COLUMNS + " FROM " + schema + ".activity a JOIN "
                + schema + ".activity_state s ON s.id = a.id"
                + " WHERE a.account = ? AND a.id = ANY ((SELECT ids FROM k)::bigint[])"
                + " AND s.id = ANY ((SELECT ids FROM k)::bigint[])"
                + " ORDER BY a.creation_time DESC, a.id DESC";
        return new KeysetPageSql(sql, where, account);
    }

    /** The page's ids selected by the condition, after the keyset unless {@code first}, and {@code and}. */
    private static String conditionIds(ActivitySql.Condition where, String schema, boolean first, String and) {
        ActivitySql.Source source = where.source();
        String o = source.order();
        return "SELECT " + o + ".id FROM " + source.from(schema) + " AND (" + where.sql() + ")"
                + (first ? "" : " AND (" + o + ".creation_time, " + o + ".id) < (?, ?)") + and
                + " ORDER BY " + o + ".creation_time DESC, " + o + ".id DESC LIMIT ?";
    }

    String sql() {
        return sql;
    }

    /** Binds the page after {@code last} (the first page when empty) of {@code pageSize} activities. */
    void bind(PreparedStatement p, Optional<Activity> last, int pageSize) throws SQLException {
        int i = bindIds(p, last, pageSize);
        p.setString(i, account);
    }

    /** Binds the selection of the page's ids, from parameter 1; returns the next index. */
    private int bindIds(PreparedStatement p, Optional<Activity> last, int pageSize) throws SQLException {
        int i = 1;
        if (where.indexedTag().isPresent()) {
            p.setString(i++, account);
            p.setString(i++, where.indexedTag().get());
            i = bindKeyset(p, i, last);
            p.setInt(i++, pageSize);
            return i;
        }
        if (where.indexedWords().isPresent()) {
            i = where.bindWordCandidates(p, i, account, (q, next) -> bindKeyset(q, next, last));
            p.setInt(i++, pageSize);
        }
        for (int n = 0; n < where.source().accounts(); n++) {
            p.setString(i++, account);
        }
        for (Object v : where.parameters()) {
            Jdbc.bind(p, i++, v);
        }
        i = bindKeyset(p, i, last);
        p.setInt(i++, pageSize);
        return i;
    }

    /** Binds the keyset {@code (creation_time, id)} of {@code last} when present; returns the next index. */
    private static int bindKeyset(PreparedStatement p, int i, Optional<Activity> last) throws SQLException {
        if (last.isPresent()) {
            p.setObject(i++, Jdbc.timestamp(last.get().creationTime()));
            p.setLong(i++, last.get().id());
        }
        return i;
    }
}
