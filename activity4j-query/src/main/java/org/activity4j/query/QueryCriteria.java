package org.activity4j.query;

import java.util.List;
import org.activity4j.query.internal.Combine;
import org.activity4j.query.internal.QueryText;

/**
 * A Landscape activity query as an immutable syntax tree: what {@code status:succeeded computer:tag:laptop}
 * means, built by {@link #parse(String)} from text or by the typed factories below, and written back as
 * canonical text by {@link #toQueryString()}.
 *
 * <pre>{@code
 * QueryCriteria q = QueryCriteria.parse("status:succeeded computer:tag:laptop");
 * QueryCriteria same = QueryCriteria.status(ActivityStatus.SUCCEEDED)
 *         .and(QueryCriteria.computer(ComputerCriterion.tag("laptop")));
 * q.equals(same);                              // true
 * QueryCriteria.parse(q.toQueryString());      // equals q
 * }</pre>
 *
 * <h2>Shape</h2>
 *
 * The language has no parentheses: criteria separated by whitespace are ANDed, {@code OR} binds tighter
 * than that implicit AND, and {@code NOT} negates the single criterion after it. So every query is an
 * {@link And} of {@link Clause}s, a clause is an {@link Or} of {@link Literal}s or one literal, and a literal
 * is a {@link Term} or a {@link Not} of a term. The types enforce that shape, so every tree can be
 * written as text and parsed back to an equal tree. {@code a b OR c NOT d} is
 * {@code And[a, Or[b, c], Not[d]]}. {@code NOT NOT x} is {@code x}.
 *
 * <p>{@link #all()}, the empty query, is the {@code And} of no clauses and matches every activity. An
 * {@code And} never holds a single clause and an {@code Or} never a single literal: that clause or literal
 * stands for itself.
 *
 * <h2>Visiting a tree</h2>
 *
 * To act on each kind of node, implement {@link Visitor} (every node: {@code And}, {@code Or}, {@code Not}
 * and each term) or {@link Term.Visitor} (the terms only) and call {@link #accept(Visitor)}. Unlike an
 * {@code instanceof} chain, a visitor does not compile until it handles every kind of node, so a term added
 * to the language later is a compile error where it is not handled, not a wrong answer at run time:
 *
 * <pre>{@code
 * int terms = q.accept(new QueryCriteria.Visitor<Integer>() {
 *     public Integer visitAnd(QueryCriteria.And and) {
 *         return and.clauses().stream().mapToInt(c -> c.accept(this)).sum();
 *     }
 *     public Integer visitOr(QueryCriteria.Or or) {
 *         return or.literals().stream().mapToInt(l -> l.accept(this)).sum();
 *     }
 *     public Integer visitNot(QueryCriteria.Not not) { return not.term().accept(this); }
 *     public Integer visitId(QueryCriteria.Id id) { return 1; }
 *     // ... one method for each other term: ParentId, Status, CreatedAfter, CreatedBefore, Creator, Type,
 *     // Computer (whose ComputerCriterion has its own ComputerCriterion.Visitor) and Text
 * });
 * }</pre>
 *
 * <p>Every implementation is an immutable, thread-safe record; equal trees are {@code equals}.
 */
public sealed interface QueryCriteria permits QueryCriteria.And, QueryCriteria.Clause {

    /**
     * Parses query text with the default limits of {@link QueryParser#defaults()}.
     *
     * @throws QuerySyntaxException when the text is not a valid query; it names the position and the problem
     */
    static QueryCriteria parse(String text) {
        return QueryParser.defaults().parse(text);
    }

    /** The empty query: matches every activity. Its text is the empty string. */
    static QueryCriteria all() {
        return And.ALL;
    }

    /** Whether this is the empty query that matches every activity. */
    default boolean isAll() {
        return this instanceof And && ((And) this).clauses().isEmpty();
    }

    /**
     * The canonical text of this query: single spaces between criteria, {@code " OR "} between the literals of
     * an {@code Or}, values quoted exactly when needed. {@code QueryCriteria.parse(q.toQueryString())} equals
     * {@code q}.
     */
    String toQueryString();

    /**
     * Calls the visitor's method for this node's type and returns what it returns. Children are not visited:
     * the visitor does that itself where it needs to.
     */
    <R> R accept(Visitor<R> visitor);

    /**
     * An operation on every kind of node of a query tree, one method per record type: a class that implements
     * it does not compile until it handles each, so adding a node type shows every place that must handle it.
     * Call it through {@link QueryCriteria#accept(Visitor)}. The class Javadoc shows one.
     *
     * @param <R> what the operation returns for a node, never null
     */
    interface Visitor<R> extends Term.Visitor<R> {
        R visitAnd(And and);

        R visitOr(Or or);

        R visitNot(Not not);
    }

    /** This AND {@code other}: both must match. ANDs are kept flat; {@code all()} is the identity. */
    default QueryCriteria and(QueryCriteria other) {
        return Combine.and(this, other);
    }

    /**
     * This OR {@code other}: either may match. ORs are kept flat; {@code all()} absorbs.
     *
     * @throws IllegalArgumentException if either side is an AND of several clauses: without parentheses, an
     *     OR of ANDs cannot be written in the query language
     */
    default QueryCriteria or(QueryCriteria other) {
        return Combine.or(this, other);
    }

    /** Every criterion must match; {@code all()} when the list is empty. */
    static QueryCriteria allOf(List<? extends QueryCriteria> criteria) {
        QueryCriteria result = all();
        for (QueryCriteria c : criteria) {
            result = result.and(c);
        }
        return result;
    }

    /**
     * At least one criterion must match.
     *
     * @throws IllegalArgumentException if the list is empty (no query matches nothing) or holds an AND of
     *     several clauses
     */
    static QueryCriteria anyOf(List<? extends QueryCriteria> criteria) {
        return Combine.anyOf(criteria);
    }

    /**
     * The negation of {@code criteria}: {@code NOT t} for a term; the term itself for {@code NOT t}; by De
     * Morgan, an AND of negations for an OR and an OR of negations for an AND of literals.
     *
     * @throws IllegalArgumentException for {@code all()} and for an AND that holds an OR, which cannot be
     *     negated without parentheses
     */
    static QueryCriteria not(QueryCriteria criteria) {
        return Combine.not(criteria);
    }

    /** {@code NOT term}. */
    static Not not(Term term) {
        return new Not(term);
    }

    /** {@code id:N}. */
    static Id id(long id) {
        return new Id(id);
    }

    /** {@code parent-id:N}. */
    static ParentId parentId(long parentId) {
        return new ParentId(parentId);
    }

    /** {@code status:NAME}. */
    static Status status(ActivityStatus status) {
        return new Status(status);
    }

    /** {@code created-after:DATE}. */
    static CreatedAfter createdAfter(QueryDate date) {
        return new CreatedAfter(date);
    }

    /** {@code created-before:DATE}. */
    static CreatedBefore createdBefore(QueryDate date) {
        return new CreatedBefore(date);
    }

    /** {@code creator:EMAIL}. */
    static Creator creator(String email) {
        return new Creator(email);
    }

    /** {@code type:TYPE}. */
    static Type type(String type) {
        return new Type(type);
    }

    /** {@code computer:CRITERION}. */
    static Computer computer(ComputerCriterion criterion) {
        return new Computer(criterion);
    }

    /** A bare word or quoted phrase, matched against the activity's summary. */
    static Text text(String text) {
        return new Text(text);
    }

    /**
     * All clauses must match. Never a single clause; no clauses is {@link QueryCriteria#all()}.
     *
     * @param clauses the clauses, none of them itself an {@code And}
     */
    record And(List<Clause> clauses) implements QueryCriteria {
        static final And ALL = new And(List.of());

        public And {
            clauses = List.copyOf(clauses);
            if (clauses.size() == 1) {
                throw new IllegalArgumentException(
                        "an And needs 0 or at least 2 clauses; use the clause itself: " + clauses.get(0));
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAnd(this);
        }

        @Override
        public String toQueryString() {
            StringBuilder b = new StringBuilder();
            for (Clause clause : clauses) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(clause.toQueryString());
            }
            return b.toString();
        }
    }

    /** A clause of an {@link And}: an {@link Or}, or a single literal. */
    sealed interface Clause extends QueryCriteria permits Or, Literal {}

    /**
     * At least one literal must match. {@code a OR b OR NOT c}.
     *
     * @param literals two or more literals
     */
    record Or(List<Literal> literals) implements Clause {
        public Or {
            literals = List.copyOf(literals);
            if (literals.size() < 2) {
                throw new IllegalArgumentException("an Or needs at least 2 literals: " + literals);
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitOr(this);
        }

        @Override
        public String toQueryString() {
            StringBuilder b = new StringBuilder();
            for (Literal literal : literals) {
                if (b.length() > 0) {
                    b.append(" OR ");
                }
                b.append(literal.toQueryString());
            }
            return b.toString();
        }
    }

    /** A term or a negated term. */
    sealed interface Literal extends Clause permits Not, Term {}

    /** {@code NOT term}: the term must not match. @param term the negated term */
    record Not(Term term) implements Literal {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitNot(this);
        }

        @Override
        public String toQueryString() {
            return "NOT " + term.toQueryString();
        }
    }

    /**
     * One {@code key:value} criterion or bare word.
     *
     * <pre>{@code
     * String key = term.accept(new QueryCriteria.Term.Visitor<String>() { ... });
     * }</pre>
     */
    sealed interface Term extends Literal
            permits Id, ParentId, Status, CreatedAfter, CreatedBefore, Creator, Type, Computer, Text {

        /** Calls the visitor's method for this term's type and returns what it returns. */
        <R> R accept(Term.Visitor<R> visitor);

        /**
         * An operation on the terms of a query, one method per term type: a class that implements it does not
         * compile until it handles each. {@link QueryCriteria.Visitor} adds the {@code And}, {@code Or} and
         * {@code Not} nodes.
         *
         * @param <R> what the operation returns for a term
         */
        interface Visitor<R> {
            R visitId(Id id);

            R visitParentId(ParentId parentId);

            R visitStatus(Status status);

            R visitCreatedAfter(CreatedAfter createdAfter);

            R visitCreatedBefore(CreatedBefore createdBefore);

            R visitCreator(Creator creator);

            R visitType(Type type);

            R visitComputer(Computer computer);

            R visitText(Text text);
        }
    }

    /** {@code id:N}: the activity with this id. @param id 1 or more */
    record Id(long id) implements Term {
        @Override
        public <R> R accept(QueryCriteria.Visitor<R> visitor) {
            return visitor.visitId(this);
        }

        @Override
        public <R> R accept(Term.Visitor<R> visitor) {
            return visitor.visitId(this);
        }

        public Id {
            QueryText.requirePositive("id", id);
        }

        @Override
        public String toQueryString() {
            return "id:" + id;
        }
    }

    /** {@code parent-id:N}: the children of this activity. @param parentId 1 or more */
    record ParentId(long parentId) implements Term {
        @Override
        public <R> R accept(QueryCriteria.Visitor<R> visitor) {
            return visitor.visitParentId(this);
        }

        @Override
        public <R> R accept(Term.Visitor<R> visitor) {
            return visitor.visitParentId(this);
        }

        public ParentId {
            QueryText.requirePositive("parent-id", parentId);
        }

        @Override
        public String toQueryString() {
            return "parent-id:" + parentId;
        }
    }

    /** {@code status:NAME}: activities in this status. @param status the status */
    record Status(ActivityStatus status) implements Term {
        @Override
        public <R> R accept(QueryCriteria.Visitor<R> visitor) {
            return visitor.visitStatus(this);
        }

        @Override
        public <R> R accept(Term.Visitor<R> visitor) {
            return visitor.visitStatus(this);
        }

        @Override
        public String toQueryString() {
            return "status:" + status.wireName();
        }
    }

    /** {@code created-after:DATE}: created at or after the date's first instant. @param date the date */
    record CreatedAfter(QueryDate date) implements Term {
        @Override
        public <R> R accept(QueryCriteria.Visitor<R> visitor) {
            return visitor.visitCreatedAfter(this);
        }

        @Override
        public <R> R accept(Term.Visitor<R> visitor) {
            return visitor.visitCreatedAfter(this);
        }

        @Override
        public String toQueryString() {
            return "created-after:" + date;
        }
    }

    /** {@code created-before:DATE}: created before the date's first instant. @param date the date */
    record CreatedBefore(QueryDate date) implements Term {
        @Override
        public <R> R accept(QueryCriteria.Visitor<R> visitor) {
            return visitor.visitCreatedBefore(this);
        }

        @Override
        public <R> R accept(Term.Visitor<R> visitor) {
            return visitor.visitCreatedBefore(this);
        }

        @Override
        public String toQueryString() {
            return "created-before:" + date;
        }
    }

    /**
     * {@code creator:EMAIL}: activities created by the person with this email address.
     *
     * @param email an address with a non-empty part before and after an {@code @}
     */
    record Creator(String email) implements Term {
        @Override
        public <R> R accept(QueryCriteria.Visitor<R> visitor) {
            return visitor.visitCreator(this);
        }

        @Override
        public <R> R accept(Term.Visitor<R> visitor) {
            return visitor.visitCreator(this);
        }

        public Creator {
            QueryText.requireValue("creator", email);
            int at = email.lastIndexOf('@');
            if (at <= 0 || at == email.length() - 1) {
                throw new IllegalArgumentException("creator must be an email address (name@domain): " + email);
            }
        }

        @Override
        public String toQueryString() {
            return QueryText.keyed("creator", email);
        }
    }

    /** {@code type:TYPE}: activities of this type, e.g. {@code ChangePackagesRequest}. @param type non-empty */
    record Type(String type) implements Term {
        @Override
        public <R> R accept(QueryCriteria.Visitor<R> visitor) {
            return visitor.visitType(this);
        }

        @Override
        public <R> R accept(Term.Visitor<R> visitor) {
            return visitor.visitType(this);
        }

        public Type {
            QueryText.requireValue("type", type);
        }

        @Override
        public String toQueryString() {
            return QueryText.keyed("type", type);
        }
    }

    /** {@code computer:CRITERION}: activities of the computers the criterion matches. @param criterion it */
    record Computer(ComputerCriterion criterion) implements Term {
        @Override
        public <R> R accept(QueryCriteria.Visitor<R> visitor) {
            return visitor.visitComputer(this);
        }

        @Override
        public <R> R accept(Term.Visitor<R> visitor) {
            return visitor.visitComputer(this);
        }

        @Override
        public String toQueryString() {
            return "computer:" + criterion.toQueryString();
        }
    }

    /** A bare word or quoted phrase, matched against the summary. @param text non-empty */
    record Text(String text) implements Term {
        @Override
        public <R> R accept(QueryCriteria.Visitor<R> visitor) {
            return visitor.visitText(this);
        }

        @Override
        public <R> R accept(Term.Visitor<R> visitor) {
            return visitor.visitText(this);
        }

        public Text {
            QueryText.requireValue("text", text);
        }

        @Override
        public String toQueryString() {
            return QueryText.bareWord(text);
        }
    }
}
