package org.activity4j.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.activity4j.query.ComputerCriterion;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QueryCriteria.And;
import org.activity4j.query.QueryCriteria.Clause;
import org.activity4j.query.QueryCriteria.Literal;
import org.activity4j.query.QueryCriteria.Not;
import org.activity4j.query.QueryCriteria.Or;
import org.activity4j.query.QueryCriteria.Term;

/**
 * Compiles a query into a SQL condition on {@code activity a} that means what {@link ActivityMatcher} means.
 * Every value is a bind parameter; the SQL text holds only the schema name (checked) and fixed fragments.
 * Every condition is true or false, never NULL, so {@code NOT} negates exactly. The positive ids of an
 * {@code OR} become one {@code a.id = ANY(?)}, so a bulk query of thousands of ids is one parameter.
 *
 * <p>Status lives in {@code activity_state s}, the rest in {@code activity a} (joined on id). The condition
 * names the tables it needs ({@link Source}): a query that names a status and otherwise only creation
 * times and ids is answered from {@code s} alone, in the order of its indexes; a query that names no status
 * from {@code a} alone; any other from both, in the order of {@code a}'s indexes.
 */
final class ActivitySql {
    /** The tables a condition reads, and the alias whose creation time and id give the page order. */
    enum Source {
        ACTIVITY("a", "%1$s.activity a WHERE a.account = ?", 1),
        STATE("s", "%1$s.activity_state s WHERE s.account = ?", 1),
        BOTH("a", "%1$s.activity a JOIN %1$s.activity_state s ON s.id = a.id WHERE a.account = ? AND s.account = ?", 2);

        private final String order;
        private final String from;
        private final int accounts;

        Source(String order, String from, int accounts) {
            this.order = order;
            this.from = from;
            this.accounts = accounts;
        }

        /** The alias, {@code a} or {@code s}, whose {@code creation_time} and {@code id} give the order. */
        String order() {
            return order;
        }

        /** {@code <tables> WHERE <account conditions>}, to be followed by {@code AND}. */
        String from(String schema) {
            return String.format(from, schema);
        }

        /** How many account parameters {@link #from} takes, before the condition's. */
        int accounts() {
            return accounts;
        }

        /** This source with the state table, for statements that read or lock the status. */
        Source withState() {
            return this == ACTIVITY ? BOTH : this;
        }
    }

    /**
     * The longest bare word, in characters (code points), that the word index of migration V6 answers: that
     * migration keeps a summary's words longer than twice this as windows of twice this length every this
     * many characters, so that every piece of at most this length lies inside one window.
     */
    static final int INDEXED_WORD_LENGTH = 128;

    /**
     * A condition, its parameters in order ({@code Long[]} are bigint arrays), the tables it reads, and, when
     * the whole query is one term that an index of its own answers in page order, that term: a bare word
     * (folded) for the word index ({@link #indexedWord}), a tag for the tag index ({@link #indexedTag}).
     */
    record Condition(
            String sql,
            List<Object> parameters,
            Source source,
            Optional<String> indexedWord,
            Optional<String> indexedTag) {}

    private final String schema;
    private final String account;
    /** The alias whose id and creation time the id and created-after/before conditions compare. */
    private final String order;

    private boolean readsState;

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    private ActivitySql(String schema, String account, String order) {
        this.schema = schema;
        this.account = account;
        this.order = order;
    }

    /** @param schema the quoted schema name */
    static Condition compile(QueryCriteria query, String schema, String account) {
        boolean fromState = answeredFromState(query);
        ActivitySql c = new ActivitySql(schema, account, fromState ? "s" : "a");
        c.query(query);
        Source source = fromState ? Source.STATE : c.readsState ? Source.BOTH : Source.ACTIVITY;
        return new Condition(
                c.sql.toString(), List.copyOf(c.parameters), source, indexedWord(query), indexedTag(query));
    }

    /** The query's one term, when it is one term (not negated, not in an OR). */
    private static Optional<Term> onlyTerm(QueryCriteria query) {
        QueryCriteria only = query instanceof And && ((And) query).clauses().size() == 1
                ? ((And) query).clauses().get(0)
                : query;
        return only instanceof Term ? Optional.of((Term) only) : Optional.empty();
    }

    /**
     * The query's tag, when the query is that one {@code computer:tag:T} and PostgreSQL can store it: the tag
     * index of migration V7 then holds the page in order.
     */
    static Optional<String> indexedTag(QueryCriteria query) {
        return onlyTerm(query)
                .filter(t -> t instanceof QueryCriteria.Computer
                        && ((QueryCriteria.Computer) t).criterion() instanceof ComputerCriterion.Tag)
                .map(t -> ((ComputerCriterion.Tag) ((QueryCriteria.Computer) t).criterion()).tag())
                .filter(ActivitySql::storable);
    }

    /**
     * The query's bare word, ASCII-folded, when the query is that one word and the word index of migration V6
     * can answer it: it holds no space (so it lies inside one space-separated word of any summary that
     * contains it), it is at most {@link #INDEXED_WORD_LENGTH} characters long, and PostgreSQL can store it.
     */
    static Optional<String> indexedWord(QueryCriteria query) {
        return onlyTerm(query)
                .filter(t -> t instanceof QueryCriteria.Text)
                .map(t -> Ascii.lower(((QueryCriteria.Text) t).text()))
                .filter(word -> {
                    int length = word.codePointCount(0, word.length());
                    return word.indexOf(' ') < 0 && length > 0 && length <= INDEXED_WORD_LENGTH && storable(word);
                });
    }

    /**
     * Whether the state table alone answers the query: every term is a status, a creation time or an id, and
     * some term is a status. Its status index serves a page in order when the query restricts the status to
     * a few values, its index in page order with the status (migration V8) any other such query, such as
     * {@code NOT status:canceled}.
     */
    static boolean answeredFromState(QueryCriteria query) {
        List<Clause> clauses = query instanceof And ? ((And) query).clauses() : List.of((Clause) query);
        boolean namesStatus = false;
        for (Clause clause : clauses) {
            List<Literal> literals = clause instanceof Or ? ((Or) clause).literals() : List.of((Literal) clause);
            for (Literal literal : literals) {
                Term term = literal instanceof Not ? ((Not) literal).term() : (Term) literal;
                if (!(term instanceof QueryCriteria.Status
                        || term instanceof QueryCriteria.CreatedAfter
                        || term instanceof QueryCriteria.CreatedBefore
                        || term instanceof QueryCriteria.Id)) {
                    return false;
                }
                namesStatus |= term instanceof QueryCriteria.Status;
            }
        }
        return namesStatus;
    }

    private void query(QueryCriteria query) {
        if (query instanceof And) {
            List<Clause> clauses = ((And) query).clauses();
            if (clauses.isEmpty()) {
                sql.append("TRUE");
                return;
            }
            for (int i = 0; i < clauses.size(); i++) {
                if (i > 0) {
                    sql.append(" AND ");
                }
                clause(clauses.get(i));
            }
        } else {
            clause((Clause) query);
        }
    }

    private void clause(Clause clause) {
        if (!(clause instanceof Or)) {
            literal((Literal) clause);
            return;
        }
        List<Long> ids = new ArrayList<>();
        List<Literal> others = new ArrayList<>();
        for (Literal literal : ((Or) clause).literals()) {
            if (literal instanceof QueryCriteria.Id) {
                ids.add(((QueryCriteria.Id) literal).id());
            } else {
                others.add(literal);
            }
        }
        sql.append('(');
        boolean first = true;
        if (!ids.isEmpty()) {
            sql.append(order).append(".id = ANY(?)");
            parameters.add(ids.toArray(new Long[0]));
            first = false;
        }
        for (Literal literal : others) {
            if (!first) {
                sql.append(" OR ");
            }
            first = false;
            literal(literal);
        }
        sql.append(')');
    }

    private void literal(Literal literal) {
        if (literal instanceof Not) {
            sql.append("NOT (");
            term(((Not) literal).term());
            sql.append(')');
        } else {
            sql.append('(');
            term((Term) literal);
            sql.append(')');
        }
    }

    private void term(Term term) {
        if (term instanceof QueryCriteria.Id) {
            append(order + ".id = ?", ((QueryCriteria.Id) term).id());
        } else if (term instanceof QueryCriteria.ParentId) {
            append("a.parent_id IS NOT NULL AND a.parent_id = ?", ((QueryCriteria.ParentId) term).parentId());
        } else if (term instanceof QueryCriteria.Status) {
            readsState = true;
            append("s.status = ?", ((QueryCriteria.Status) term).status().wireName());
        } else if (term instanceof QueryCriteria.CreatedAfter) {
            append(
                    order + ".creation_time >= ?",
                    Jdbc.timestamp(((QueryCriteria.CreatedAfter) term).date().instant()));
        } else if (term instanceof QueryCriteria.CreatedBefore) {
            append(
                    order + ".creation_time < ?",
                    Jdbc.timestamp(((QueryCriteria.CreatedBefore) term).date().instant()));
        } else if (term instanceof QueryCriteria.Creator) {
            String email = ((QueryCriteria.Creator) term).email();
            if (text(email)) {
                sql.append("a.creator_id IN (SELECT p.id FROM ").append(schema).append(".person p WHERE p.account = ?");
                parameters.add(account);
                append(" AND p.email_folded = ?)", Ascii.lower(email));
            }
        } else if (term instanceof QueryCriteria.Type) {
            String type = ((QueryCriteria.Type) term).type();
            if (text(type)) {
                append("a.type = ?", type);
            }
        } else if (term instanceof QueryCriteria.Computer) {
            computer(((QueryCriteria.Computer) term).criterion());
        } else {
            String words = ((QueryCriteria.Text) term).text();
            if (text(words)) {
                // LIKE rather than strpos so that the trigram index of migration V3 can serve it.
                append(fold("a.summary") + " LIKE ?", "%" + likeLiteral(Ascii.lower(words)) + "%");
            }
        }
    }

    private void computer(ComputerCriterion criterion) {
        if (criterion instanceof ComputerCriterion.Tag) {
            String tag = ((ComputerCriterion.Tag) criterion).tag();
            if (text(tag)) {
                computerIn(
                        "SELECT t.computer_id FROM " + schema + ".computer_tag t WHERE t.account = ? AND t.tag = ?",
                        tag);
            }
        } else if (criterion instanceof ComputerCriterion.Alert) {
            String alert = ((ComputerCriterion.Alert) criterion).alert();
            if (text(alert)) {
                computerIn(
                        "SELECT t.computer_id FROM " + schema + ".computer_alert t WHERE t.account = ? AND t.alert = ?",
                        alert);
            }
        } else if (criterion instanceof ComputerCriterion.Annotation) {
            ComputerCriterion.Annotation annotation = (ComputerCriterion.Annotation) criterion;
            if (text(annotation.key())
                    && annotation.value().map(ActivitySql::storable).orElse(true)) {
                String select = "SELECT t.computer_id FROM " + schema
                        + ".computer_annotation t WHERE t.account = ? AND t.key = ?";
                if (annotation.value().isPresent()) {
                    computerIn(
                            select + " AND t.value = ?",
                            annotation.key(),
                            annotation.value().get());
                } else {
                    computerIn(select, annotation.key());
                }
            } else {
                sql.append("FALSE");
            }
        } else {
            String where;
            List<Object> values = new ArrayList<>();
            if (criterion instanceof ComputerCriterion.Id) {
                where = "c.id = ?";
                values.add(((ComputerCriterion.Id) criterion).id());
            } else if (criterion instanceof ComputerCriterion.Hostname) {
                where = fold("c.hostname") + " = ?";
                values.add(Ascii.lower(((ComputerCriterion.Hostname) criterion).hostname()));
            } else if (criterion instanceof ComputerCriterion.Title) {
                where = fold("c.title") + " = ?";
                values.add(Ascii.lower(((ComputerCriterion.Title) criterion).title()));
            } else if (criterion instanceof ComputerCriterion.Distribution) {
                where = "c.distribution = ?";
                values.add(((ComputerCriterion.Distribution) criterion).distribution());
            } else if (criterion instanceof ComputerCriterion.AccessGroup) {
                where = "c.access_group = ?";
                values.add(((ComputerCriterion.AccessGroup) criterion).accessGroup());
            } else if (criterion instanceof ComputerCriterion.NeedsReboot) {
                where = "c.needs_reboot";
            } else {
                String word = Ascii.lower(((ComputerCriterion.Text) criterion).text());
                where = "(strpos(" + fold("c.hostname") + ", ?) > 0 OR strpos(" + fold("c.title") + ", ?) > 0)";
                values.add(word);
                values.add(word);
            }
            for (Object v : values) {
                if (v instanceof String && !storable((String) v)) {
                    sql.append("FALSE");
                    return;
                }
            }
            computerIn("SELECT c.id FROM " + schema + ".computer c WHERE c.account = ? AND " + where, values.toArray());
        }
    }

    /** {@code a.computer_id IN (select)}, false for an activity without a computer; the account comes first. */
    private void computerIn(String select, Object... values) {
        sql.append("a.computer_id IS NOT NULL AND a.computer_id IN (")
                .append(select)
                .append(')');
        parameters.add(account);
        for (Object v : values) {
            parameters.add(v);
        }
    }

    /** Whether a text value can be compared at all; appends FALSE when it cannot (PostgreSQL stores no such text). */
    private boolean text(String value) {
        if (storable(value)) {
            return true;
        }
        sql.append("FALSE");
        return false;
    }

    private static boolean storable(String value) {
        return TextRules.storable(value);
    }

    private void append(String fragment, Object value) {
        sql.append(fragment);
        parameters.add(value);
    }

    /** The text as a LIKE pattern that matches only itself (LIKE's escape character is the backslash). */
    static String likeLiteral(String text) {
        StringBuilder pattern = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\' || ch == '%' || ch == '_') {
                pattern.append('\\');
            }
            pattern.append(ch);
        }
        return pattern.toString();
    }

    private static String fold(String column) {
        return String.format(Ascii.SQL_FOLD, column);
    }
}
