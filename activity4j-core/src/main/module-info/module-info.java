/**
 * activity4j's domain types, activity stores and backend inspector: exports the API package only; the
 * implementations stay in closed internal packages.
 */
module org.activity4j.core {
    requires transitive org.activity4j.query;
    requires transitive java.sql;
    requires static transitive org.jspecify;

    exports org.activity4j.core;
}
