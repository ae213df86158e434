package kr.vcp.infra.quarkus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import kr.vcp.infra.SharedServers;

/** Points a Quarkus test at the JVM's shared real PostgreSQL (JDBC for Flyway, reactive for everything else). */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        SharedServers.Database db = SharedServers.postgres();
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.reactive.url", db.url(),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password());
    }

    @Override
    public void stop() {
        // The server outlives each test class; SharedServers stops it when the JVM exits.
    }
}
