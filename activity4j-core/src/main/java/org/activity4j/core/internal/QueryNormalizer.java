package org.activity4j.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QueryCriteria.And;
import org.activity4j.query.QueryCriteria.Clause;
import org.activity4j.query.QueryCriteria.Literal;
import org.activity4j.query.QueryCriteria.Not;
import org.activity4j.query.QueryCriteria.Or;

/**
 * Rewrites a query into an equivalent one with no repeated work, before a store compiles it. The tree's
 * types already keep it flat (an {@code And} of clauses, each an {@code Or} of literals or one literal; {@link
 * QueryCriteria#and}/{@link QueryCriteria#or} flatten nested nodes), so what is left is, in time linear in the
 * size of the tree:
 *
 * <ul>
 *   <li>a literal repeated in an {@code Or} appears once ({@code a OR b OR a} is {@code a OR b});
 *   <li>an {@code Or} that holds a term and its negation matches everything and is dropped ({@code a OR NOT
 *       a}); a query of such clauses only is {@link QueryCriteria#all()};
 *   <li>a clause repeated in the {@code And} appears once, whatever the order of its literals;
 *   <li>an {@code Or} that holds a literal that is also a clause of its own is dropped ({@code a (a OR b)}
 *       is {@code a}).
 * </ul>
 *
 * Each step is exact in two-valued logic, and both stores' conditions are two-valued (the PostgreSQL store's
 * SQL is never NULL, {@link ActivitySql}), so the result matches exactly the activities the query matches.
 * The first occurrence of each literal and clause keeps its place.
 */
final class QueryNormalizer {
    private QueryNormalizer() {}

    static QueryCriteria normalize(QueryCriteria query) {
        List<Clause> clauses = query instanceof And ? ((And) query).clauses() : List.of((Clause) query);
        Set<Set<Literal>> kept = new LinkedHashSet<>();
        for (Clause clause : clauses) {
            Set<Literal> literals = clause instanceof Or
                    ? new LinkedHashSet<>(((Or) clause).literals())
                    : new LinkedHashSet<>(List.of((Literal) clause));
            if (!tautology(literals)) {
                kept.add(literals);
            }
        }
        Set<Literal> units = new LinkedHashSet<>();
        for (Set<Literal> clause : kept) {
            if (clause.size() == 1) {
                units.addAll(clause);
            }
        }
        List<Clause> result = new ArrayList<>(kept.size());
        for (Set<Literal> clause : kept) {
            if (clause.size() == 1) {
                result.add(clause.iterator().next());
            } else if (!absorbed(clause, units)) {
                result.add(new Or(List.copyOf(clause)));
            }
        }
        if (result.size() == 1) {
            return result.get(0);
        }
        if (result.size() == clauses.size() && result.equals(clauses)) {
            return query;
        }
        return result.isEmpty() ? QueryCriteria.all() : new And(result);
    }

    /** Whether the literals hold some term and its negation. */
    private static boolean tautology(Set<Literal> literals) {
        for (Literal literal : literals) {
            if (literal instanceof Not && literals.contains(((Not) literal).term())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a clause of several literals holds one that is a clause of its own (so it is implied). */
    private static boolean absorbed(Set<Literal> clause, Set<Literal> units) {
        for (Literal literal : clause) {
            if (units.contains(literal)) {
                return true;
            }
        }
        return false;
    }
}
