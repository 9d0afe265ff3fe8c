package org.activity4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.activity4j.core.ActivityStoreException;
import org.activity4j.core.ActivityStores;
import org.activity4j.testkit.PostgresMatrixTest;
import org.activity4j.testkit.TestDatabase;
import org.activity4j.testkit.TestRole;
import org.activity4j.testkit.TestSession;

/**
 * The embedding example runs as a service's runtime role: the schema migrated by its owner beforehand, the
 * runtime role with only USAGE, DML and EXECUTE; VALIDATE refuses a database without the schema.
 */
class EmbeddedActivityServiceIT {

    @PostgresMatrixTest
    void runsAsALeastPrivilegeRoleWithMetrics(TestDatabase db) {
        ActivityStores.postgres(db.dataSource()); // the owner's migration (a service would run Flyway)
        TestRole runtime = db.createRole("pg_monitor");
        String schema = ActivityStores.DEFAULT_SCHEMA;
        String r = '"' + runtime.name() + '"';
        db.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + r + ";"
                + "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + r + ";"
                + "GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + r + ";"
                + "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA " + schema + " TO " + r + ";");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        TestSession other = db.openSession(); // a backend of someone else for the inspector to see
        other.execute("SELECT 1");

        try (EmbeddedActivityService service =
                EmbeddedActivityService.start(db.jdbcUrl(), runtime.name(), runtime.password(), registry)) {
            assertThat(service.failedActivities()).isEmpty();
            assertThat(service.backends()).extracting(b -> b.pid()).contains(other.pid());

            assertThat(registry.get("activity4j.activities.calls")
                            .tag("method", "getActivities")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("activity4j.backends.waiting").gauge().value())
                    .isZero();
        }
    }

    @PostgresMatrixTest
    void validateRefusesADatabaseWithoutTheSchema(TestDatabase db) {
        TestRole runtime = db.createRole();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        assertThatThrownBy(
                        () -> EmbeddedActivityService.start(db.jdbcUrl(), runtime.name(), runtime.password(), registry))
                .isInstanceOf(ActivityStoreException.class)
                .hasMessageContaining(ActivityStores.DEFAULT_SCHEMA);
        assertThat(registry.find("activity4j.backends.waiting").gauge()).isNull();
    }
}
