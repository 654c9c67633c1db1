package dev.selfheal.testing;

import dev.selfheal.infra.EmbeddedPostgreSql;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * A real PostgreSQL (embedded binaries, no Docker) for {@code @QuarkusTest}s; both the reactive pool and
 * Flyway's JDBC connection point at it.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgreSql postgres;

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedPostgreSql.start(Files.createTempDirectory("selfheal-pg"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.username", EmbeddedPostgreSql.USER,
                "quarkus.datasource.password", EmbeddedPostgreSql.PASSWORD);
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
