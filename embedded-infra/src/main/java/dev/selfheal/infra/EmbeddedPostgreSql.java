package dev.selfheal.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL server from the binaries on Maven Central, running as a child process, with one database for
 * Selfheal in which each service migrates its own schema.
 */
public final class EmbeddedPostgreSql implements AutoCloseable {

    public static final String DATABASE = "selfheal";
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgreSql(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server with a fresh data directory under {@code workDir} and creates the {@value #DATABASE}
     * database.
     *
     * @param port the port to listen on, or 0 for any free one
     */
    public static EmbeddedPostgreSql start(Path workDir, int port) {
        try {
            Path data = Files.createDirectories(workDir.resolve("pgdata"));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(FreePorts.pick(port))
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    // zonky turns this off for speed; Selfheal acknowledges only what is durably stored.
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
            return new EmbeddedPostgreSql(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL under " + workDir, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the " + DATABASE + " database", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The Vert.x reactive client's URL, as services read it from {@code DB_URL}. */
    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    public String jdbcUrl() {
        return "jdbc:" + reactiveUrl();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
        }
    }
}
