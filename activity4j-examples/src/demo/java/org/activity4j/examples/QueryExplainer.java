package org.activity4j.examples;

import org.activity4j.query.ComputerCriterion;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QueryCriteria.And;
import org.activity4j.query.QueryCriteria.Clause;
import org.activity4j.query.QueryCriteria.Literal;
import org.activity4j.query.QueryCriteria.Not;
import org.activity4j.query.QueryCriteria.Or;

/**
 * Writes a query tree as indented English, to show how a query binds. A visitor of every node and one of
 * every computer criterion: a node type added to the language does not compile here until it is explained.
 */
final class QueryExplainer implements QueryCriteria.Visitor<String> {
    private final String indent;

    private QueryExplainer(String indent) {
        this.indent = indent;
    }

    static String explain(QueryCriteria q) {
        if (q.isAll()) {
            return "every activity";
        }
        return q.accept(new QueryExplainer("  "));
    }

    @Override
    public String visitAnd(And and) {
        StringBuilder b = new StringBuilder("all of:");
        QueryExplainer nested = new QueryExplainer("    ");
        for (Clause clause : and.clauses()) {
            b.append("\n  - ").append(clause.accept(nested));
        }
        return b.toString();
    }

    @Override
    public String visitOr(Or or) {
        StringBuilder b = new StringBuilder("any of:");
        for (Literal literal : or.literals()) {
            b.append('\n').append(indent).append("- ").append(literal.accept(this));
        }
        return b.toString();
    }

    @Override
    public String visitNot(Not not) {
        return "not (" + not.term().accept(this) + ")";
    }

    @Override
    public String visitId(QueryCriteria.Id term) {
        return "id is " + term.id();
    }

    @Override
    public String visitParentId(QueryCriteria.ParentId term) {
        return "parent id is " + term.parentId();
    }

    @Override
    public String visitStatus(QueryCriteria.Status term) {
        return "status is " + term.status().wireName();
    }

    @Override
    public String visitCreatedAfter(QueryCriteria.CreatedAfter term) {
        return "created at or after " + term.date().instant();
    }

    @Override
    public String visitCreatedBefore(QueryCriteria.CreatedBefore term) {
        return "created before " + term.date().instant();
    }

    @Override
    public String visitCreator(QueryCriteria.Creator term) {
        return "created by " + term.email();
    }

    @Override
    public String visitType(QueryCriteria.Type term) {
        return "type is " + term.type();
    }

    @Override
    public String visitComputer(QueryCriteria.Computer term) {
        return "on a computer " + term.criterion().accept(Computers.INSTANCE);
    }

    @Override
    public String visitText(QueryCriteria.Text term) {
        return "summary mentions \"" + term.text() + "\"";
    }

    /** "whose ... is ..." for each computer criterion. */
    private enum Computers implements ComputerCriterion.Visitor<String> {
        INSTANCE;

        /** "whose KEY is VALUE", the value as the query writes it (quoted where it must be). */
        private static String whose(ComputerCriterion c) {
            String text = c.toQueryString();
            int colon = text.indexOf(':');
            return "whose " + text.substring(0, colon) + " is " + text.substring(colon + 1);
        }

        @Override
        public String visitId(ComputerCriterion.Id c) {
            return whose(c);
        }

        @Override
        public String visitTag(ComputerCriterion.Tag c) {
            return whose(c);
        }

        @Override
        public String visitHostname(ComputerCriterion.Hostname c) {
            return whose(c);
        }

        @Override
        public String visitTitle(ComputerCriterion.Title c) {
            return whose(c);
        }

        @Override
        public String visitDistribution(ComputerCriterion.Distribution c) {
            return whose(c);
        }

        @Override
        public String visitAccessGroup(ComputerCriterion.AccessGroup c) {
            return whose(c);
        }

        @Override
        public String visitAlert(ComputerCriterion.Alert c) {
            return whose(c);
        }

        @Override
        public String visitNeedsReboot(ComputerCriterion.NeedsReboot c) {
            return "that needs a reboot";
        }

        @Override
        public String visitAnnotation(ComputerCriterion.Annotation a) {
            return "whose annotation " + a.key()
                    + a.value().map(v -> " is " + v).orElse(" exists");
        }

        @Override
        public String visitText(ComputerCriterion.Text c) {
            return "whose hostname or title matches \"" + c.text() + "\"";
        }
    }
}
