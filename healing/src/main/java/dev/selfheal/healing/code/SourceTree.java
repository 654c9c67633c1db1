package dev.selfheal.healing.code;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A checked-out repository of a healed service: its Java sources and its {@code application.properties}, with
 * paths relative to the repository's root as artifacts name them.
 */
public final class SourceTree {

    private final Path root;

    private SourceTree(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The tree rooted at a repository directory, which must exist. */
    public static SourceTree of(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("not a directory: " + root);
        }
        return new SourceTree(root);
    }

    public Path root() {
        return root;
    }

    /** Every {@code .java} file outside build output, in path order. */
    public List<Path> javaFiles() {
        return files(".java");
    }

    /**
     * Every {@code application.properties} entry of the tree (all modules, profile-prefixed entries such as
     * {@code %dev.x} included under their full key), the first file in path order winning on a repeated key.
     */
    public Map<String, String> properties() {
        Map<String, String> merged = new LinkedHashMap<>();
        for (Path file : files("application.properties")) {
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(read(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            properties.stringPropertyNames().stream().sorted()
                    .forEach(key -> merged.putIfAbsent(key, properties.getProperty(key)));
        }
        return merged;
    }

    /** A file's text (UTF-8). */
    public String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file's path relative to the root, with {@code /} separators, as an artifact names it. */
    public String relative(Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** The file at a path relative to the root. */
    public Path resolve(String relative) {
        return root.resolve(relative).normalize();
    }

    private List<Path> files(String suffix) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .filter(p -> !excluded(root.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Build output and VCS metadata hold copies of sources that must never be edited.
    private static boolean excluded(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals("build") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
