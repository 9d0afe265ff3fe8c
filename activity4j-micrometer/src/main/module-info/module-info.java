/**
 * Optional Micrometer metrics for activity4j: a binder of a BackendInspector's gauges and timed decorators
 * of stores, clients and inspectors. Exports the API package only.
 */
module org.activity4j.micrometer {
    requires transitive org.activity4j.core;
    requires transitive micrometer.core;
    requires static transitive org.jspecify;

    exports org.activity4j.micrometer;
}
