package org.activity4j.examples;

import java.io.PrintStream;
import java.util.List;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QuerySyntaxException;

/** The query-language part of the demo: parse, print canonically, explain, and show errors. */
final class QueryLanguageDemo {
    private static final List<String> QUERIES = List.of(
            "status:succeeded computer:tag:laptop",
            "appserver computer:tag:server OR computer:distribution:jammy",
            "NOT status:failed created-after:2011-01   creator:jane@example.com",
            "computer:title:\"Café box\" OR computer:annotation:env:prod computer:needs:reboot",
            "NOT NOT type:ChangePackagesRequest");

    private static final List<String> MISTAKES = List.of(
            "status:done computer:tag:laptop",
            "created-after:2011-13",
            "status:failed OR",
            "computer:title:\"Café box");

    private QueryLanguageDemo() {}

    static void run(PrintStream out) {
        out.println("== The query language: OR binds tighter than the implicit AND, NOT takes one criterion");
        for (String text : QUERIES) {
            QueryCriteria q = QueryCriteria.parse(text);
            out.println();
            out.println("query:     " + text);
            out.println("canonical: " + q.toQueryString());
            out.println("means:     " + QueryExplainer.explain(q).replace("\n", "\n           "));
        }
        out.println();
        out.println("== Mistakes are reported where they are");
        for (String text : MISTAKES) {
            try {
                QueryCriteria.parse(text);
                throw new IllegalStateException("the demo expected an error for: " + text);
            } catch (QuerySyntaxException e) {
                out.println();
                out.println(e.getMessage());
            }
        }
    }
}
