package org.activity4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresStoreOptionsTest {
    @Test
    void defaultsMigrateTheDefaultSchemaWithBoundedStatements() {
        PostgresStoreOptions o = PostgresStoreOptions.defaults();

        assertThat(o.schema()).isEqualTo(ActivityStores.DEFAULT_SCHEMA);
        assertThat(o.clock()).isEqualTo(Clock.systemUTC());
        assertThat(o.schemaMode()).isEqualTo(SchemaMode.MIGRATE);
        assertThat(o.createTrigramExtension()).isFalse();
        assertThat(o.statementTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.lockTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void toBuilderKeepsEveryPart() {
        PostgresStoreOptions o = PostgresStoreOptions.builder()
                .schema("svc")
                .schemaMode(SchemaMode.VALIDATE)
                .createTrigramExtension(true)
                .statementTimeout(Duration.ZERO)
                .lockTimeout(Duration.ofMillis(250))
                .build();

        assertThat(o.toBuilder().build()).isEqualTo(o);
    }

    @Test
    void refusesABadSchemaNameNamingIt() {
        assertThatThrownBy(
                        () -> PostgresStoreOptions.builder().schema("Bad-Name").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bad-Name");
    }

    @Test
    void refusesNegativeAndTooLongTimeoutsNamingThem() {
        assertThatThrownBy(() -> PostgresStoreOptions.builder()
                        .lockTimeout(Duration.ofMillis(-1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lockTimeout")
                .hasMessageContaining("PT-0.001S");
        assertThatThrownBy(() -> PostgresStoreOptions.builder()
                        .statementTimeout(Duration.ofDays(25))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("statementTimeout")
                .hasMessageContaining("PT600H");
    }

    @Test
    void migrationScriptsAreNumberedFromOneWithTheSchemaFilledIn() {
        List<MigrationScript> scripts = ActivityStores.migrationScripts("svc_1");

        assertThat(scripts).isNotEmpty();
        for (int i = 0; i < scripts.size(); i++) {
            MigrationScript s = scripts.get(i);
            assertThat(s.version()).isEqualTo(i + 1);
            assertThat(s.fileName()).startsWith("V" + (i + 1) + "__");
            assertThat(s.sql())
                    .doesNotContain("${schema}")
                    .contains("\"svc_1\".")
                    .contains("INSERT INTO \"svc_1\".schema_version (version, script) VALUES (" + (i + 1) + ", '"
                            + s.fileName() + "')");
        }
        assertThat(scripts.get(0).fileName()).isEqualTo("V1__baseline.sql");
        assertThat(scripts.get(0).sql()).contains("CREATE TABLE \"svc_1\".schema_version");
    }

    @Test
    void migrationScriptsRefuseABadSchemaNameNamingIt() {
        assertThatThrownBy(() -> ActivityStores.migrationScripts("x\"; DROP TABLE y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x\"; DROP TABLE y");
    }

    @Test
    void inspectorBuilderRefusesANegativeStatementTimeout() {
        assertThatThrownBy(() -> BackendInspector.builder(new javax.sql.DataSource() {
                            @Override
                            public java.sql.Connection getConnection() {
                                throw new UnsupportedOperationException();
                            }

                            @Override
                            public java.sql.Connection getConnection(String u, String p) {
                                throw new UnsupportedOperationException();
                            }

                            @Override
                            public java.io.PrintWriter getLogWriter() {
                                throw new UnsupportedOperationException();
                            }

                            @Override
                            public void setLogWriter(java.io.PrintWriter out) {}

                            @Override
                            public void setLoginTimeout(int seconds) {}

                            @Override
                            public int getLoginTimeout() {
                                return 0;
                            }

                            @Override
                            public java.util.logging.Logger getParentLogger() {
                                throw new UnsupportedOperationException();
                            }

                            @Override
                            public <T> T unwrap(Class<T> iface) {
                                throw new UnsupportedOperationException();
                            }

                            @Override
                            public boolean isWrapperFor(Class<?> iface) {
                                return false;
                            }
                        })
                        .statementTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-1S");
    }
}
