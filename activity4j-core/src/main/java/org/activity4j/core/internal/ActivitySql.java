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
     * the whole query is one term or one {@code OR} that an index of its own answers in page order: its bare
     * words (folded) for the word index ({@link #indexedWords}), or its tag for the tag index ({@link
     * #indexedTag}).
     */
    record Condition(
            String sql,
            List<Object> parameters,
            Source source,
            Optional<List<String>> indexedWords,
            Optional<String> indexedTag) {
        /**
         * The statement of the word index's candidates of {@link #indexedWords}: {@code (creation_time, id)}
         * of the index entries of the dictionary words that contain a word of at most {@link
         * #INDEXED_WORD_LENGTH} characters ({@code LIKE ANY}, one parameter), and of those that contain the
         * first {@link #INDEXED_WORD_LENGTH} characters of a longer one whose summary contains it; each branch
         * followed by {@code and} (SQL on {@code w}, empty or starting with AND). An activity may come more than
         * once. Bind with {@link #bindWordCandidates}.
         */
        String wordCandidates(String schema, String and) {
            String branch = "SELECT w.creation_time, w.id FROM " + schema + ".activity_word w WHERE w.account = ?"
                    + " AND w.word IN (SELECT d.word FROM " + schema + ".summary_word d"
                    + " WHERE d.account = ? AND d.word LIKE ANY(?))" + and;
            List<String> branches = new ArrayList<>();
            if (words(false).length > 0) {
                branches.add(branch);
            }
            if (words(true).length > 0) {
                branches.add(branch + " AND EXISTS (SELECT 1 FROM " + schema + ".activity a WHERE a.id = w.id AND "
                        + fold("a.summary") + " LIKE ANY(?))");
            }
            return String.join(" UNION ALL ", branches);
        }

        /**
         * Binds {@link #wordCandidates} from parameter {@code i}, {@code and}'s parameters by {@code bindAnd};
         * returns the next parameter index.
         */
        int bindWordCandidates(java.sql.PreparedStatement p, int i, String account, ParameterBinder bindAnd)
                throws java.sql.SQLException {
            String[] exact = words(false);
            if (exact.length > 0) {
                i = bindBranch(p, i, account, patterns(exact, false), bindAnd);
            }
            String[] longer = words(true);
            if (longer.length > 0) {
                i = bindBranch(p, i, account, patterns(longer, true), bindAnd);
                Jdbc.bind(p, i++, patterns(longer, false));
            }
            return i;
        }

        /** One branch of {@link #wordCandidates}: both accounts, the dictionary patterns, then {@code and}'s. */
        private static int bindBranch(
                java.sql.PreparedStatement p, int i, String account, String[] patterns, ParameterBinder bindAnd)
                throws java.sql.SQLException {
            p.setString(i++, account);
            p.setString(i++, account);
            Jdbc.bind(p, i++, patterns);
            return bindAnd.bind(p, i);
        }

        /** The words of {@link #indexedWords} longer than {@link #INDEXED_WORD_LENGTH}, or the others. */
        private String[] words(boolean longer) {
            return indexedWords.orElseThrow().stream()
                    .filter(w -> (w.codePointCount(0, w.length()) > INDEXED_WORD_LENGTH) == longer)
                    .toArray(String[]::new);
        }

        /** {@code %word%} for {@code LIKE}, of the word or of its first {@link #INDEXED_WORD_LENGTH} characters. */
        private static String[] patterns(String[] words, boolean prefix) {
            String[] patterns = new String[words.length];
            for (int k = 0; k < words.length; k++) {
                String w =
                        prefix ? words[k].substring(0, words[k].offsetByCodePoints(0, INDEXED_WORD_LENGTH)) : words[k];
                patterns[k] = "%" + likeLiteral(w) + "%";
            }
            return patterns;
        }
    }

    /** Binds parameters from an index and returns the next one. */
    @FunctionalInterface
    interface ParameterBinder {
        int bind(java.sql.PreparedStatement p, int i) throws java.sql.SQLException;
    }

    private final String schema;
    private final String account;
    /** The alias whose id and creation time the id and created-after/before conditions compare. */
    private final String order;

    private boolean readsState;

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    /** Whether terms of one key are grouped into array conditions ({@link Form#COMPACT}). */
    private final boolean grouped;

    private ActivitySql(String schema, String account, String order, boolean grouped) {
        this.schema = schema;
        this.account = account;
        this.order = order;
        this.grouped = grouped;
    }

    /** @param schema the quoted schema name */
    static Condition compile(QueryCriteria query, String schema, String account) {
        return compile(query, schema, account, Form.COMPACT);
    }

    /** How {@link #compile(QueryCriteria, String, String, Form)} writes a query. */
    enum Form {
        /**
         * The query {@link QueryNormalizer normalised} first, and the positive terms of an {@code OR} that
         * compare one column grouped into one array condition per key (and the negated ones of an {@code AND}
         * into one negated array condition): SQL whose size and planning time grow with the number of keys, not
         * of terms.
         */
        COMPACT,
        /** One condition per term as written, but for the ids of an {@code OR}: the SQL before issue 17. */
        AS_WRITTEN
    }

    /** @param schema the quoted schema name */
    static Condition compile(QueryCriteria query, String schema, String account, Form form) {
        if (form == Form.COMPACT) {
            query = QueryNormalizer.normalize(query);
        }
        boolean fromState = answeredFromState(query);
        ActivitySql c = new ActivitySql(schema, account, fromState ? "s" : "a", form == Form.COMPACT);
        c.query(query);
        Source source = fromState ? Source.STATE : c.readsState ? Source.BOTH : Source.ACTIVITY;
        return new Condition(
                c.sql.toString(),
                List.copyOf(c.parameters),
                source,
                // As written, as before issue 17: only a query that is one word took the word index.
                form == Form.COMPACT ? indexedWords(query) : indexedWord(query).map(List::of),
                indexedTag(query));
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
     * can answer it ({@link #indexable}).
     */
    static Optional<String> indexedWord(QueryCriteria query) {
        return onlyTerm(query)
                .filter(t -> t instanceof QueryCriteria.Text)
                .map(t -> Ascii.lower(((QueryCriteria.Text) t).text()))
                .filter(ActivitySql::indexable);
    }

    /**
     * The query's bare words, ASCII-folded, in the order written, when the query is one bare word or one
     * {@code OR} of bare words (none negated) and the word index of migration V6 can answer every one of them
     * ({@link #indexable}) or find a superset of its activities (a longer word without space, whose first
     * {@link #INDEXED_WORD_LENGTH} characters lie inside one window of a word of each summary that contains
     * it): an activity matches when its summary contains one of them, so when one of its words does.
     */
    static Optional<List<String>> indexedWords(QueryCriteria query) {
        QueryCriteria only = query instanceof And && ((And) query).clauses().size() == 1
                ? ((And) query).clauses().get(0)
                : query;
        List<Literal> literals;
        if (only instanceof Or) {
            literals = ((Or) only).literals();
        } else if (only instanceof QueryCriteria.Text) {
            literals = List.of((Literal) only);
        } else {
            return Optional.empty();
        }
        List<String> words = new ArrayList<>();
        for (Literal literal : literals) {
            if (!(literal instanceof QueryCriteria.Text)) {
                return Optional.empty();
            }
            String word = Ascii.lower(((QueryCriteria.Text) literal).text());
            if (!(indexable(word) || (word.indexOf(' ') < 0 && storable(word)))) {
                return Optional.empty();
            }
            words.add(word);
        }
        return words.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(words));
    }

    /**
     * Whether the word index answers the folded bare word: it holds no space (so it lies inside one
     * space-separated word of any summary that contains it), it is at most {@link #INDEXED_WORD_LENGTH}
     * characters long, and PostgreSQL can store it.
     */
    private static boolean indexable(String word) {
        int length = word.codePointCount(0, word.length());
        return word.indexOf(' ') < 0 && length > 0 && length <= INDEXED_WORD_LENGTH && storable(word);
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
                StateTerm kind = term.accept(StateTerm.CLASSIFY);
                if (kind == StateTerm.OTHER) {
                    return false;
                }
                namesStatus |= kind == StateTerm.STATUS;
            }
        }
        return namesStatus;
    }

    /** How a term stands to the state table of {@link #answeredFromState}: a status, another state column, or not. */
    private enum StateTerm {
        STATUS,
        STATE_COLUMN,
        OTHER;

        static final Term.Visitor<StateTerm> CLASSIFY = new Term.Visitor<>() {
            @Override
            public StateTerm visitId(QueryCriteria.Id id) {
                return STATE_COLUMN;
            }

            @Override
            public StateTerm visitParentId(QueryCriteria.ParentId parentId) {
                return OTHER;
            }

            @Override
            public StateTerm visitStatus(QueryCriteria.Status status) {
                return STATUS;
            }

            @Override
            public StateTerm visitCreatedAfter(QueryCriteria.CreatedAfter createdAfter) {
                return STATE_COLUMN;
            }

            @Override
            public StateTerm visitCreatedBefore(QueryCriteria.CreatedBefore createdBefore) {
                return STATE_COLUMN;
            }

            @Override
            public StateTerm visitCreator(QueryCriteria.Creator creator) {
                return OTHER;
            }

            @Override
            public StateTerm visitType(QueryCriteria.Type type) {
                return OTHER;
            }

            @Override
            public StateTerm visitComputer(QueryCriteria.Computer computer) {
                return OTHER;
            }

            @Override
            public StateTerm visitText(QueryCriteria.Text text) {
                return OTHER;
            }
        };
    }

    private void query(QueryCriteria query) {
        if (query instanceof And) {
            List<Clause> clauses = ((And) query).clauses();
            if (clauses.isEmpty()) {
                sql.append("TRUE");
                return;
            }
            List<Clause> others = clauses;
            boolean first = true;
            if (grouped) {
                // NOT a AND NOT b is NOT (a OR b): the negated terms of one key become one negated array condition.
                Groups negated = new Groups();
                others = new ArrayList<>();
                for (Clause clause : clauses) {
                    if (!(clause instanceof Not && negated.add(((Not) clause).term()))) {
                        others.add(clause);
                    }
                }
                for (List<Term> group : negated.groups()) {
                    if (group.size() == 1) {
                        others.add(new Not(group.get(0)));
                    } else {
                        if (!first) {
                            sql.append(" AND ");
                        }
                        first = false;
                        sql.append("NOT (");
                        anyOf(group);
                        sql.append(')');
                    }
                }
            }
            for (Clause clause : others) {
                if (!first) {
                    sql.append(" AND ");
                }
                first = false;
                clause(clause);
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
        Groups groups = new Groups();
        for (Literal literal : ((Or) clause).literals()) {
            if (literal instanceof QueryCriteria.Id) {
                ids.add(((QueryCriteria.Id) literal).id());
            } else if (!(grouped && literal instanceof Term && groups.add((Term) literal))) {
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
        for (List<Term> group : groups.groups()) {
            if (group.size() == 1) {
                others.add(group.get(0));
            } else {
                if (!first) {
                    sql.append(" OR ");
                }
                first = false;
                sql.append('(');
                anyOf(group);
                sql.append(')');
            }
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

    /** The keys whose terms {@link #anyOf} compiles to one array condition. */
    private enum Key {
        STATUS,
        TYPE,
        TEXT,
        COMPUTER_ID,
        COMPUTER_TAG;

        /** The term's key, when it has one of these. */
        static Optional<Key> of(Term term) {
            if (term instanceof QueryCriteria.Status) {
                return Optional.of(STATUS);
            } else if (term instanceof QueryCriteria.Type) {
                return Optional.of(TYPE);
            } else if (term instanceof QueryCriteria.Text) {
                return Optional.of(TEXT);
            } else if (term instanceof QueryCriteria.Computer) {
                ComputerCriterion criterion = ((QueryCriteria.Computer) term).criterion();
                if (criterion instanceof ComputerCriterion.Id) {
                    return Optional.of(COMPUTER_ID);
                } else if (criterion instanceof ComputerCriterion.Tag) {
                    return Optional.of(COMPUTER_TAG);
                }
            }
            return Optional.empty();
        }
    }

    /** Terms by {@link Key}, in the order of their keys' first terms. */
    private static final class Groups {
        private final java.util.Map<Key, List<Term>> byKey = new java.util.LinkedHashMap<>();

        /** Adds the term to its key's group; false, and nothing added, when it has no such key. */
        boolean add(Term term) {
            Optional<Key> key = Key.of(term);
            key.ifPresent(k -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(term));
            return key.isPresent();
        }

        java.util.Collection<List<Term>> groups() {
            return byKey.values();
        }
    }

    /**
     * One condition, true or false and never NULL, that holds when any of the terms (all of one {@link Key})
     * holds, with their values in one array parameter. Values that PostgreSQL cannot store match nothing (as
     * each term's own condition says) and are left out; FALSE when no value is left.
     */
    private void anyOf(List<Term> terms) {
        Key key = Key.of(terms.get(0)).orElseThrow();
        switch (key) {
            case STATUS -> {
                readsState = true;
                append(
                        "s.status = ANY(?)",
                        terms.stream()
                                .map(t -> ((QueryCriteria.Status) t).status().wireName())
                                .distinct()
                                .toArray(String[]::new));
            }
            case TYPE ->
                anyText(
                        "a.type = ANY(?)",
                        terms.stream().map(t -> ((QueryCriteria.Type) t).type()).toList(),
                        java.util.function.UnaryOperator.identity());
            case TEXT ->
                anyText(
                        fold("a.summary") + " LIKE ANY(?)",
                        terms.stream().map(t -> ((QueryCriteria.Text) t).text()).toList(),
                        words -> "%" + likeLiteral(Ascii.lower(words)) + "%");
            case COMPUTER_ID ->
                computerIn("SELECT c.id FROM " + schema + ".computer c WHERE c.account = ? AND c.id = ANY(?)", (Object)
                        terms.stream()
                                .map(t -> ((ComputerCriterion.Id) ((QueryCriteria.Computer) t).criterion()).id())
                                .distinct()
                                .toArray(Long[]::new));
            case COMPUTER_TAG -> {
                String[] tags = terms.stream()
                        .map(t -> ((ComputerCriterion.Tag) ((QueryCriteria.Computer) t).criterion()).tag())
                        .filter(ActivitySql::storable)
                        .distinct()
                        .toArray(String[]::new);
                if (tags.length == 0) {
                    sql.append("FALSE");
                } else {
                    computerIn(
                            "SELECT t.computer_id FROM " + schema
                                    + ".computer_tag t WHERE t.account = ? AND t.tag = ANY(?)",
                            (Object) tags);
                }
            }
        }
    }

    /** {@code condition} over the storable values, each written by {@code parameter}; FALSE when none is. */
    private void anyText(String condition, List<String> values, java.util.function.UnaryOperator<String> parameter) {
        String[] kept = values.stream()
                .filter(ActivitySql::storable)
                .map(parameter)
                .distinct()
                .toArray(String[]::new);
        if (kept.length == 0) {
            sql.append("FALSE");
        } else {
            append(condition, kept);
        }
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
        term.accept(terms);
    }

    /** Appends each term's condition; returns the compiler. A term type it does not handle does not compile. */
    private final Term.Visitor<ActivitySql> terms = new Term.Visitor<>() {
        @Override
        public ActivitySql visitId(QueryCriteria.Id term) {
            append(order + ".id = ?", term.id());
            return ActivitySql.this;
        }

        @Override
        public ActivitySql visitParentId(QueryCriteria.ParentId term) {
            append("a.parent_id IS NOT NULL AND a.parent_id = ?", term.parentId());
            return ActivitySql.this;
        }

        @Override
        public ActivitySql visitStatus(QueryCriteria.Status term) {
            readsState = true;
            append("s.status = ?", term.status().wireName());
            return ActivitySql.this;
        }

        @Override
        public ActivitySql visitCreatedAfter(QueryCriteria.CreatedAfter term) {
            append(order + ".creation_time >= ?", Jdbc.timestamp(term.date().instant()));
            return ActivitySql.this;
        }

        @Override
        public ActivitySql visitCreatedBefore(QueryCriteria.CreatedBefore term) {
            append(order + ".creation_time < ?", Jdbc.timestamp(term.date().instant()));
            return ActivitySql.this;
        }

        @Override
        public ActivitySql visitCreator(QueryCriteria.Creator term) {
            String email = term.email();
            if (text(email)) {
                sql.append("a.creator_id IN (SELECT p.id FROM ").append(schema).append(".person p WHERE p.account = ?");
                parameters.add(account);
                append(" AND p.email_folded = ?)", Ascii.lower(email));
            }
            return ActivitySql.this;
        }

        @Override
        public ActivitySql visitType(QueryCriteria.Type term) {
            String type = term.type();
            if (text(type)) {
                append("a.type = ?", type);
            }
            return ActivitySql.this;
        }

        @Override
        public ActivitySql visitComputer(QueryCriteria.Computer term) {
            return term.criterion().accept(computers);
        }

        @Override
        public ActivitySql visitText(QueryCriteria.Text term) {
            String words = term.text();
            if (text(words)) {
                // LIKE rather than strpos so that the trigram index of migration V3 can serve it.
                append(fold("a.summary") + " LIKE ?", "%" + likeLiteral(Ascii.lower(words)) + "%");
            }
            return ActivitySql.this;
        }
    };

    /** Appends each computer criterion's condition; returns the compiler. */
    private final ComputerCriterion.Visitor<ActivitySql> computers = new ComputerCriterion.Visitor<>() {
        @Override
        public ActivitySql visitTag(ComputerCriterion.Tag criterion) {
            String tag = criterion.tag();
            if (text(tag)) {
                computerIn(
                        "SELECT t.computer_id FROM " + schema + ".computer_tag t WHERE t.account = ? AND t.tag = ?",
                        tag);
            }
            return ActivitySql.this;
        }

        @Override
        public ActivitySql visitAlert(ComputerCriterion.Alert criterion) {
            String alert = criterion.alert();
            if (text(alert)) {
                computerIn(
                        "SELECT t.computer_id FROM " + schema + ".computer_alert t WHERE t.account = ? AND t.alert = ?",
                        alert);
            }
            return ActivitySql.this;
        }

        @Override
        public ActivitySql visitAnnotation(ComputerCriterion.Annotation annotation) {
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
            return ActivitySql.this;
        }

        @Override
        public ActivitySql visitId(ComputerCriterion.Id criterion) {
            return computerWhere("c.id = ?", criterion.id());
        }

        @Override
        public ActivitySql visitHostname(ComputerCriterion.Hostname criterion) {
            return computerWhere(fold("c.hostname") + " = ?", Ascii.lower(criterion.hostname()));
        }

        @Override
        public ActivitySql visitTitle(ComputerCriterion.Title criterion) {
            return computerWhere(fold("c.title") + " = ?", Ascii.lower(criterion.title()));
        }

        @Override
        public ActivitySql visitDistribution(ComputerCriterion.Distribution criterion) {
            return computerWhere("c.distribution = ?", criterion.distribution());
        }

        @Override
        public ActivitySql visitAccessGroup(ComputerCriterion.AccessGroup criterion) {
            return computerWhere("c.access_group = ?", criterion.accessGroup());
        }

        @Override
        public ActivitySql visitNeedsReboot(ComputerCriterion.NeedsReboot criterion) {
            return computerWhere("c.needs_reboot");
        }

        @Override
        public ActivitySql visitText(ComputerCriterion.Text criterion) {
            String word = Ascii.lower(criterion.text());
            return computerWhere(
                    "(strpos(" + fold("c.hostname") + ", ?) > 0 OR strpos(" + fold("c.title") + ", ?) > 0)",
                    word,
                    word);
        }
    };

    /** A condition on the account's {@code computer c} row; FALSE when a text value cannot be stored. */
    private ActivitySql computerWhere(String where, Object... values) {
        for (Object v : values) {
            if (v instanceof String && !storable((String) v)) {
                sql.append("FALSE");
                return this;
            }
        }
        computerIn("SELECT c.id FROM " + schema + ".computer c WHERE c.account = ? AND " + where, values);
        return this;
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
