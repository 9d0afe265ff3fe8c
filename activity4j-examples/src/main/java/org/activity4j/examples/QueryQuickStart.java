package org.activity4j.examples;

import org.activity4j.query.ActivityStatus;
import org.activity4j.query.ComputerCriterion;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QuerySyntaxException;

/** The README's quick start of activity4j-query, as a program. */
public final class QueryQuickStart {
    private QueryQuickStart() {}

    public static void main(String[] args) {
        // Parse text into a typed tree, and print it back as canonical text.
        QueryCriteria q = QueryCriteria.parse("status:succeeded computer:tag:laptop");
        System.out.println(q.toQueryString()); // status:succeeded computer:tag:laptop

        // Build the same query in code: no string concatenation, quoting is done for you.
        QueryCriteria built = QueryCriteria.status(ActivityStatus.SUCCEEDED)
                .and(QueryCriteria.computer(ComputerCriterion.tag("laptop")));
        System.out.println(built.equals(q)); // true

        // Bad text is a QuerySyntaxException that says where and what.
        try {
            QueryCriteria.parse("status:done");
        } catch (QuerySyntaxException e) {
            System.out.println(e.position() + ": " + e.problem()); // 7: unknown status 'done'
        }
    }
}
