package dev.selfheal.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded Kafka broker and PostgreSQL until interrupted; {@code ./selfheal up} starts it when no
 * external broker or database is configured. Prints {@code KAFKA_BOOTSTRAP_SERVERS=...}, {@code DB_URL=...}
 * and then {@code READY}, one per line.
 *
 * <p>Usage: {@code java -cp "embedded-infra.jar:lib/*" dev.selfheal.infra.EmbeddedInfraMain [--kafka-port N] [--db-port N] [--work-dir DIR] [--no-kafka] [--no-db]}
 */
public final class EmbeddedInfraMain {

    private EmbeddedInfraMain() {
    }

    public static void main(String[] args) throws Exception {
        // The broker logs its whole configuration at INFO; a person running the system wants warnings only.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        int kafkaPort = 9092;
        int dbPort = 5432;
        boolean kafka = true;
        boolean db = true;
        Path workDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kafka-port" -> kafkaPort = Integer.parseInt(args[++i]);
                case "--db-port" -> dbPort = Integer.parseInt(args[++i]);
                case "--work-dir" -> workDir = Path.of(args[++i]);
                case "--no-kafka" -> kafka = false;
                case "--no-db" -> db = false;
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("selfheal-infra");

        EmbeddedPostgreSql postgres = db ? EmbeddedPostgreSql.start(dir, dbPort) : null;
        EmbeddedKafka broker = kafka ? EmbeddedKafka.start(dir, kafkaPort) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (broker != null) {
                broker.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            stopped.countDown();
        }, "embedded-infra-shutdown"));

        if (broker != null) {
            System.out.println("KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers());
        }
        if (postgres != null) {
            System.out.println("DB_URL=" + postgres.reactiveUrl());
        }
        System.out.println("READY");
        System.out.flush();
        stopped.await();
    }
}
