package dev.selfheal.docs.page;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What changed in a service's documentation from one version to another: the Markdown as a unified diff (what
 * {@code git diff} shows, and what GitHub renders) with the number of lines added and removed.
 */
@Schema(description = "The difference between two versions of a service's documentation")
public record DocsDiff(
        @Schema(description = "The service", examples = "checkout") String service,
        @Schema(description = "The older version compared", examples = "3") int from,
        @Schema(description = "The newer version compared", examples = "5") int to,
        @Schema(description = "Lines added from one to the other") int added,
        @Schema(description = "Lines removed from one to the other") int removed,
        @Schema(description = "The unified diff of the two versions' Markdown, 3 lines of context; empty when "
                + "they are the same") String unified) {

    private static final int CONTEXT = 3;

    /** The difference from {@code fromMarkdown} (version {@code from}) to {@code toMarkdown} (version {@code to}). */
    public static DocsDiff of(String service, int from, String fromMarkdown, int to, String toMarkdown) {
        List<String> original = lines(fromMarkdown);
        List<String> revised = lines(toMarkdown);
        Patch<String> patch = DiffUtils.diff(original, revised);
        int added = 0;
        int removed = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            added += delta.getTarget().size();
            removed += delta.getSource().size();
        }
        String unified = patch.getDeltas().isEmpty() ? "" : String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(
                service + ".md@" + from, service + ".md@" + to, original, patch, CONTEXT)) + "\n";
        return new DocsDiff(service, from, to, added, removed, unified);
    }

    private static List<String> lines(String markdown) {
        return markdown == null || markdown.isEmpty() ? List.of() : List.of(markdown.split("\n", -1));
    }
}
