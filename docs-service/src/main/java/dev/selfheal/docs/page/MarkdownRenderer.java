package dev.selfheal.docs.page;

import java.time.Instant;
import java.util.Locale;

/** Renders a {@link DocPage} as Markdown (CommonMark with GitHub tables), the form people read in a repository. */
public final class MarkdownRenderer {

    private MarkdownRenderer() {
    }

    public static String render(DocPage page) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(inline(page.service())).append("\n\n");
        md.append("Documentation version ").append(page.version()).append(", generated ")
                .append(page.generatedAt()).append(" by Selfheal from observed production telemetry and applied fixes.\n\n");

        md.append("## Handlers\n\n");
        if (page.handlers().isEmpty()) {
            md.append("No handler executions observed yet.\n\n");
        } else {
            md.append("| Handler | Calls | Errors | Error rate | p50 | p95 | p99 | Versions |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
            for (HandlerDoc h : page.handlers()) {
                md.append("| ").append(code(h.handler()))
                        .append(" | ").append(h.calls())
                        .append(" | ").append(h.errors())
                        .append(" | ").append(percent(h.errorRate()))
                        .append(" | ").append(ms(h.p50Ms()))
                        .append(" | ").append(ms(h.p95Ms()))
                        .append(" | ").append(ms(h.p99Ms()))
                        .append(" | ").append(cell(String.join(", ", h.versions())))
                        .append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Fixes applied\n\n");
        if (page.fixes().isEmpty()) {
            md.append("No fixes applied yet.\n");
        } else {
            for (FixDoc f : page.fixes()) {
                md.append("### ").append(inline(orDash(f.title()))).append("\n\n");
                item(md, "Fix", code(f.fixId()));
                item(md, "Status", f.status());
                item(md, "Playbook", f.playbook() == null ? "-" : code(f.playbook()));
                item(md, "Handler", f.handler() == null ? "-" : code(f.handler()));
                if (f.capability() != null) {
                    item(md, "Capability", f.capability());
                }
                item(md, "Approved by", inline(orDash(f.approvedBy())));
                item(md, "Applied", time(f.at()));
                md.append('\n');
                if (f.diagnosis() != null && !f.diagnosis().isBlank()) {
                    md.append("Diagnosis:\n\n");
                    for (String line : f.diagnosis().strip().split("\\R")) {
                        md.append("> ").append(inline(line)).append('\n');
                    }
                    md.append('\n');
                }
                if (f.note() != null && !f.note().isBlank()) {
                    md.append("The fix's note:\n\n");
                    for (String line : f.note().strip().split("\\R")) {
                        md.append("> ").append(inline(line)).append('\n');
                    }
                    md.append('\n');
                }
            }
        }
        return md.toString().stripTrailing() + "\n";
    }

    private static void item(StringBuilder md, String label, String value) {
        md.append("- **").append(label).append(":** ").append(value).append('\n');
    }

    static String ms(double value) {
        return String.format(Locale.ROOT, "%.1f ms", value);
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.2f%%", rate * 100);
    }

    private static String time(Instant at) {
        return at == null ? "-" : at.toString();
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }

    /** Text inside a paragraph or heading: Markdown's active characters are escaped, line breaks flattened. */
    static String inline(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : flat(text).toCharArray()) {
            if ("\\`*_[]<>#|!".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A table cell: only the cell separator needs escaping. */
    private static String cell(String text) {
        return flat(text).replace("|", "\\|");
    }

    /** A code span long enough to hold any backticks inside the text; pipes stay escaped for table cells. */
    static String code(String text) {
        String flat = flat(text);
        int longest = 0;
        int run = 0;
        for (char c : flat.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
        return fence + pad + flat.replace("|", "\\|") + pad + fence;
    }

    private static String flat(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}
