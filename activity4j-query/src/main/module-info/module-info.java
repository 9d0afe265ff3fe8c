/**
 * The Landscape activity query language: exports the API package only. The parser's implementation, with
 * parboiled relocated into it, stays in closed internal packages.
 */
module org.activity4j.query {
    requires static transitive org.jspecify;

    exports org.activity4j.query;
}
