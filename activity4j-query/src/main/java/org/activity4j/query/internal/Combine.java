package org.activity4j.query.internal;

import java.util.ArrayList;
import java.util.List;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QueryCriteria.And;
import org.activity4j.query.QueryCriteria.Clause;
import org.activity4j.query.QueryCriteria.Literal;
import org.activity4j.query.QueryCriteria.Not;
import org.activity4j.query.QueryCriteria.Or;
import org.activity4j.query.QueryCriteria.Term;

/** AND, OR and NOT of query trees, kept in the flat shape the query language can write. */
public final class Combine {
    private Combine() {}

    public static QueryCriteria and(QueryCriteria left, QueryCriteria right) {
        List<Clause> clauses = new ArrayList<>(clauses(left));
        clauses.addAll(clauses(right));
        return ofClauses(clauses);
    }

    public static QueryCriteria or(QueryCriteria left, QueryCriteria right) {
        if (left.isAll() || right.isAll()) {
            return QueryCriteria.all();
        }
        List<Literal> literals = new ArrayList<>(literals(left));
        literals.addAll(literals(right));
        return new Or(literals);
    }

    public static QueryCriteria anyOf(List<? extends QueryCriteria> criteria) {
        if (criteria.isEmpty()) {
            throw new IllegalArgumentException("anyOf needs at least one criterion: a query cannot match nothing");
        }
        List<Literal> literals = new ArrayList<>();
        for (QueryCriteria c : criteria) {
            if (c.isAll()) {
                return QueryCriteria.all();
            }
            literals.addAll(literals(c));
        }
        return literals.size() == 1 ? literals.get(0) : new Or(literals);
    }

    public static QueryCriteria not(QueryCriteria criteria) {
        if (criteria instanceof Term) {
            return new Not((Term) criteria);
        }
        if (criteria instanceof Not) {
            return ((Not) criteria).term();
        }
        if (criteria instanceof Or) {
            List<Clause> negated = new ArrayList<>();
            for (Literal literal : ((Or) criteria).literals()) {
                negated.add(negate(literal));
            }
            return ofClauses(negated);
        }
        And and = (And) criteria;
        if (and.clauses().isEmpty()) {
            throw new IllegalArgumentException("NOT of the empty query would match nothing; no query text says that");
        }
        List<Literal> negated = new ArrayList<>();
        for (Clause clause : and.clauses()) {
            if (clause instanceof Or) {
                throw new IllegalArgumentException("NOT of an AND that holds an OR cannot be written without"
                        + " parentheses: NOT (" + criteria.toQueryString() + ")");
            }
            negated.add(negate((Literal) clause));
        }
        return new Or(negated);
    }

    private static Literal negate(Literal literal) {
        return literal instanceof Not ? ((Not) literal).term() : new Not((Term) literal);
    }

    private static QueryCriteria ofClauses(List<Clause> clauses) {
        return clauses.size() == 1 ? clauses.get(0) : new And(clauses);
    }

    private static List<Clause> clauses(QueryCriteria criteria) {
        return criteria instanceof And ? ((And) criteria).clauses() : List.of((Clause) criteria);
    }

    private static List<Literal> literals(QueryCriteria criteria) {
        if (criteria instanceof Or) {
            return ((Or) criteria).literals();
        }
        if (criteria instanceof Literal) {
            return List.of((Literal) criteria);
        }
        throw new IllegalArgumentException("OR of an AND cannot be written without parentheses (OR binds tighter"
                + " than the implicit AND): " + (criteria.isAll() ? "the empty query" : criteria.toQueryString()));
    }
}
