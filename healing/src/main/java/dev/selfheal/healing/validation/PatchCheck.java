package dev.selfheal.healing.validation;

import com.github.difflib.patch.PatchFailedException;
import com.github.difflib.unifieddiff.UnifiedDiff;
import com.github.difflib.unifieddiff.UnifiedDiffFile;
import com.github.difflib.unifieddiff.UnifiedDiffReader;
import dev.selfheal.healing.code.UnifiedDiffs;
import dev.selfheal.healing.playbook.Artifact;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that each code diff of a plan applies cleanly to the source tree, file by file, and gives the files as
 * they would be after applying (for {@link CompileCheck}).
 */
public final class PatchCheck {

    private PatchCheck() {
    }

    /**
     * The files a plan's code diffs produce, with one result per diffed file.
     *
     * @param results one per file: PASSED, or FAILED with the conflict or the reason it could not be read
     * @param files   the files' text after the diffs, by path relative to the root; only files that applied
     */
    public record Outcome(List<ValidationResult> results, Map<String, String> files) {
    }

    /** Applies every CODE_DIFF artifact in order (a later diff sees the earlier ones' result). */
    public static Outcome apply(Path root, List<Artifact> artifacts) {
        List<ValidationResult> results = new ArrayList<>();
        Map<String, String> files = new LinkedHashMap<>();
        for (Artifact artifact : artifacts) {
            if (artifact.kind() != Artifact.Kind.CODE_DIFF) {
                continue;
            }
            UnifiedDiff diff;
            try {
                diff = UnifiedDiffReader.parseUnifiedDiff(
                        new ByteArrayInputStream(artifact.content().getBytes(StandardCharsets.UTF_8)));
            } catch (IOException | RuntimeException e) {
                results.add(ValidationResult.failed("patch " + artifact.path(), "not a unified diff: " + e.getMessage()));
                continue;
            }
            if (diff.getFiles().isEmpty()) {
                results.add(ValidationResult.failed("patch " + artifact.path(), "the diff changes no file"));
            }
            for (UnifiedDiffFile file : diff.getFiles()) {
                results.add(applyFile(root, file, files));
            }
        }
        return new Outcome(results, files);
    }

    /** The checks alone. */
    public static List<ValidationResult> check(Path root, List<Artifact> artifacts) {
        return apply(root, artifacts).results();
    }

    private static ValidationResult applyFile(Path root, UnifiedDiffFile file, Map<String, String> files) {
        boolean created = file.getFromFile() == null || file.getFromFile().equals(UnifiedDiffs.DEV_NULL);
        String path = strip(created ? file.getToFile() : file.getFromFile());
        String check = "patch " + path;
        if (path == null || path.isBlank() || path.startsWith("/") || path.contains("..")) {
            return ValidationResult.failed(check, "the diff names no file inside the repository");
        }
        Path target = root.resolve(path).normalize();
        List<String> original;
        if (files.containsKey(path)) {
            original = UnifiedDiffs.lines(files.get(path));
        } else if (created) {
            if (Files.exists(target)) {
                return ValidationResult.failed(check, "the diff creates " + path + ", which already exists");
            }
            original = List.of();
        } else if (!Files.isRegularFile(target)) {
            return ValidationResult.failed(check, path + " does not exist in the source tree");
        } else {
            try {
                original = UnifiedDiffs.lines(Files.readString(target, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            List<String> patched = file.getPatch().applyTo(original);
            files.put(path, String.join("\n", patched) + (patched.isEmpty() ? "" : "\n"));
            return ValidationResult.passed(check, file.getPatch().getDeltas().size() + " hunk(s) apply cleanly");
        } catch (PatchFailedException | RuntimeException e) {
            return ValidationResult.failed(check, "does not apply: " + e.getMessage());
        }
    }

    // Git's a/ and b/ prefixes name the two sides, not directories of the repository.
    private static String strip(String name) {
        if (name == null) {
            return null;
        }
        String trimmed = name.strip();
        return trimmed.startsWith("a/") || trimmed.startsWith("b/") ? trimmed.substring(2) : trimmed;
    }
}
