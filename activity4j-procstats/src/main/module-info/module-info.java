/** OS figures of PostgreSQL backend processes (/proc on Linux, OSHI elsewhere): exports the API package only. */
module org.activity4j.procstats {
    requires transitive org.activity4j.core;
    requires com.github.oshi;
    requires static transitive org.jspecify;

    exports org.activity4j.procstats;
}
