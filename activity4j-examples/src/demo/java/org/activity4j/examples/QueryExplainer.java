package org.activity4j.examples;

import org.activity4j.query.ComputerCriterion;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QueryCriteria.And;
import org.activity4j.query.QueryCriteria.Clause;
import org.activity4j.query.QueryCriteria.Literal;
import org.activity4j.query.QueryCriteria.Not;
import org.activity4j.query.QueryCriteria.Or;
import org.activity4j.query.QueryCriteria.Term;

/** Writes a query tree as indented English, to show how a query binds. */
final class QueryExplainer {
    private QueryExplainer() {}

    static String explain(QueryCriteria q) {
        StringBuilder b = new StringBuilder();
        if (q.isAll()) {
            return "every activity";
        }
        if (q instanceof And) {
            b.append("all of:");
            for (Clause clause : ((And) q).clauses()) {
                b.append("\n  - ").append(clause(clause, "    "));
            }
            return b.toString();
        }
        return clause((Clause) q, "  ");
    }

    private static String clause(Clause clause, String indent) {
        if (clause instanceof Or) {
            StringBuilder b = new StringBuilder("any of:");
            for (Literal literal : ((Or) clause).literals()) {
                b.append('\n').append(indent).append("- ").append(literal(literal));
            }
            return b.toString();
        }
        return literal((Literal) clause);
    }

    private static String literal(Literal literal) {
        return literal instanceof Not ? "not (" + term(((Not) literal).term()) + ")" : term((Term) literal);
    }

    private static String term(Term term) {
        if (term instanceof QueryCriteria.Id) {
            return "id is " + ((QueryCriteria.Id) term).id();
        } else if (term instanceof QueryCriteria.ParentId) {
            return "parent id is " + ((QueryCriteria.ParentId) term).parentId();
        } else if (term instanceof QueryCriteria.Status) {
            return "status is " + ((QueryCriteria.Status) term).status().wireName();
        } else if (term instanceof QueryCriteria.CreatedAfter) {
            return "created at or after "
                    + ((QueryCriteria.CreatedAfter) term).date().instant();
        } else if (term instanceof QueryCriteria.CreatedBefore) {
            return "created before "
                    + ((QueryCriteria.CreatedBefore) term).date().instant();
        } else if (term instanceof QueryCriteria.Creator) {
            return "created by " + ((QueryCriteria.Creator) term).email();
        } else if (term instanceof QueryCriteria.Type) {
            return "type is " + ((QueryCriteria.Type) term).type();
        } else if (term instanceof QueryCriteria.Computer) {
            return "on a computer " + computer(((QueryCriteria.Computer) term).criterion());
        }
        return "summary mentions \"" + ((QueryCriteria.Text) term).text() + "\"";
    }

    private static String computer(ComputerCriterion c) {
        if (c instanceof ComputerCriterion.NeedsReboot) {
            return "that needs a reboot";
        } else if (c instanceof ComputerCriterion.Annotation) {
            ComputerCriterion.Annotation a = (ComputerCriterion.Annotation) c;
            return "whose annotation " + a.key()
                    + a.value().map(v -> " is " + v).orElse(" exists");
        } else if (c instanceof ComputerCriterion.Text) {
            return "whose hostname or title matches \"" + ((ComputerCriterion.Text) c).text() + "\"";
        }
        String text = c.toQueryString();
        int colon = text.indexOf(':');
        return "whose " + text.substring(0, colon) + " is " + text.substring(colon + 1);
    }
}
