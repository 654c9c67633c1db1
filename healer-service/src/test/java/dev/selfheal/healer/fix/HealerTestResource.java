package dev.selfheal.healer.fix;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.RefSpec;

/**
 * What the healer's tests run against besides Kafka and PostgreSQL: a bare Git repository holding the sample
 * service (service {@code orders}), so fixes with code are diffed against real source and pushed as branches;
 * short verification clocks; and telemetry-service and detector-service that cannot be reached, so diagnoses rest
 * on the anomaly's evidence and verification on recurrences.
 */
public class HealerTestResource implements QuarkusTestResourceLifecycleManager {

    /** The service whose repository is configured. */
    public static final String SOURCE_SERVICE = "orders";

    private static Path dir;

    /** The bare repository fixes for {@link #SOURCE_SERVICE} are pushed to. */
    public static Path bareRepository() {
        return dir.resolve("orders.git");
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("selfheal-healer-test");
            Path bare = bareRepository();
            Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
            Path seed = dir.resolve("seed");
            try (Git git = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(seed.toFile()).call()) {
                copy(Path.of(System.getProperty("selfheal.sample-service")), seed);
                git.add().addFilepattern(".").call();
                git.commit().setMessage("the orders service").setAuthor("Test", "test@localhost")
                        .setCommitter("Test", "test@localhost").call();
                // The clone of an empty repository starts on JGit's default branch; the service's branch is main.
                git.push().setRemote("origin").setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call();
            }
            return Map.ofEntries(
                    Map.entry("selfheal.sources.\"orders\".url", bare.toUri().toString()),
                    Map.entry("selfheal.git.work-dir", dir.resolve("work").toString()),
                    Map.entry("quarkus.rest-client.telemetry.url", "http://127.0.0.1:1"),
                    Map.entry("quarkus.rest-client.detector.url", "http://127.0.0.1:1"),
                    Map.entry("selfheal.fixes.verify-settle", "1s"),
                    Map.entry("selfheal.fixes.verify-window", "2s"),
                    Map.entry("selfheal.fixes.check-every", "1s"),
                    Map.entry("selfheal.ledger.unattended-min-outcomes", "2"),
                    Map.entry("selfheal.ledger.unattended-min-success", "0.3"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("the test repository cannot be created", e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Override
    public void stop() {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
