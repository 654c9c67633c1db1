package dev.selfheal.healing.code;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The sample Quarkus-style service under {@code src/test/resources/sample-service}, copied so tests may edit it. */
public final class SampleService {

    private SampleService() {
    }

    /** A fresh copy of the sample repository under {@code dir}. */
    public static Path copyTo(Path dir) {
        try {
            Path source = Path.of(SampleService.class.getResource("/sample-service").toURI());
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path p : walk.toList()) {
                    Path target = dir.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test run's classpath, which holds the APIs the sample is written against (JAX-RS, MicroProfile). */
    public static List<Path> classpath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
    }
}
