package dev.selfheal.healing.playbook;

/**
 * A file a fix brings: a code change, a test that reproduces the problem, a note for the documentation.
 *
 * @param kind        what it is
 * @param path        where it goes in the service's repository (for a diff, the file it changes), relative to
 *                    the repository's root with {@code /} separators
 * @param content     the unified diff, the test's source, or the note's Markdown
 * @param description one line saying what it does
 */
public record Artifact(Kind kind, String path, String content, String description) {

    public enum Kind {
        /** A unified diff against the service's source. */
        CODE_DIFF,
        /** A JUnit 5 test (Java source) reproducing the problem from recorded production examples. */
        TEST,
        /** Markdown for docs-service: what changed and why. */
        DOC_NOTE
    }

    public Artifact {
        if (kind == null || path == null || path.isBlank() || content == null) {
            throw new IllegalArgumentException("an artifact needs a kind, a path and content");
        }
        if (path.startsWith("/") || path.contains("\\") || path.contains("..")) {
            throw new IllegalArgumentException("an artifact's path is relative and stays inside the repository: " + path);
        }
    }
}
