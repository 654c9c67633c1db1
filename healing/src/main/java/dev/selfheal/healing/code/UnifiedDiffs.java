package dev.selfheal.healing.code;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.Arrays;
import java.util.List;

/** Unified diffs in git's form: {@code a/path} and {@code b/path}, a new file coming from {@code /dev/null}. */
public final class UnifiedDiffs {

    /** Lines of context around each change, as git and patch use by default. */
    public static final int CONTEXT = 3;
    /** The "file" a new file's diff starts from. */
    public static final String DEV_NULL = "/dev/null";

    private UnifiedDiffs() {
    }

    /** The diff turning {@code original} into {@code revised} at {@code path}; empty when they are the same. */
    public static String of(String path, String original, String revised) {
        return render("a/" + path, "b/" + path, lines(original), lines(revised));
    }

    /** The diff creating a file at {@code path}. */
    public static String newFile(String path, String content) {
        return render(DEV_NULL, "b/" + path, List.of(), lines(content));
    }

    /** Text split into lines without their terminators; a final newline does not make an empty last line. */
    public static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String[] lines = text.split("\r?\n", -1);
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        return Arrays.asList(lines).subList(0, count);
    }

    private static String render(String from, String to, List<String> original, List<String> revised) {
        Patch<String> patch = DiffUtils.diff(original, revised);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(from, to, original, patch, CONTEXT)) + "\n";
    }
}
