package dev.selfheal.docs.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    static HandlerDoc handler(String name) {
        return new HandlerDoc(name, 200, 5, 0.025, 40.25, 120.0, 199.99, List.of("1.0.0", "1.1.0"), NOW, NOW);
    }

    static FixDoc fix() {
        return new FixDoc("fix-42", "Roll checkout back to 1.0.0", "ROLLED_OUT", "performance.rollback-version",
                "POST /orders", "PERFORMANCE", "alice", NOW.minusSeconds(60),
                "p95 rose from 40 ms to 180 ms\nwith version 1.1.0");
    }

    @Test
    void rendersTheHandlersTableWithFormattedFigures() {
        String md = MarkdownRenderer.render(new DocPage("checkout", 7, NOW, List.of(handler("POST /orders")), List.of()));

        assertThat(md).startsWith("# checkout\n");
        assertThat(md).contains("Documentation version 7, generated 2026-11-29T12:00:00Z");
        assertThat(md).contains("| Handler | Calls | Errors | Error rate | p50 | p95 | p99 | Versions |");
        assertThat(md).contains("| `POST /orders` | 200 | 5 | 2.50% | 40.3 ms | 120.0 ms | 200.0 ms | 1.0.0, 1.1.0 |");
        assertThat(md).contains("## Fixes applied\n\nNo fixes applied yet.");
    }

    @Test
    void rendersEachAppliedFixWithItsProvenance() {
        String md = MarkdownRenderer.render(new DocPage("checkout", 8, NOW, List.of(), List.of(fix())));

        assertThat(md).contains("No handler executions observed yet.");
        assertThat(md).contains("### Roll checkout back to 1.0.0\n");
        assertThat(md).contains("- **Fix:** `fix-42`\n");
        assertThat(md).contains("- **Status:** ROLLED_OUT\n");
        assertThat(md).contains("- **Playbook:** `performance.rollback-version`\n");
        assertThat(md).contains("- **Handler:** `POST /orders`\n");
        assertThat(md).contains("- **Approved by:** alice\n");
        assertThat(md).contains("- **Applied:** 2026-11-29T11:59:00Z\n");
        assertThat(md).contains("> p95 rose from 40 ms to 180 ms\n> with version 1.1.0\n");
        assertThat(md).endsWith("\n").doesNotEndWith("\n\n");
    }

    @Test
    void theHealersNoteIsQuotedUnderTheFix() {
        FixDoc f = fix();
        FixDoc noted = new FixDoc(f.fixId(), f.title(), f.status(), f.playbook(), f.handler(), f.capability(),
                f.approvedBy(), f.at(), f.diagnosis(), "# Rolled back\nchecked by `ReleaseRollbackTest`");

        String md = MarkdownRenderer.render(new DocPage("checkout", 9, NOW, List.of(), List.of(noted)));

        assertThat(md).contains("The fix's note:\n\n");
        assertThat(md).contains("ReleaseRollbackTest");
        assertThat(md).doesNotContain("\n# Rolled back").as("a heading in the note cannot become one of the page's");
        assertThat(MarkdownRenderer.render(new DocPage("checkout", 9, NOW, List.of(), List.of(fix()))))
                .doesNotContain("The fix's note");
    }

    @Test
    void namesThatLookLikeMarkdownCannotBreakThePage() {
        HandlerDoc tricky = new HandlerDoc("GET /a|b `x`", 1, 0, 0, 1, 1, 1, List.of("v|2"), NOW, NOW);
        FixDoc injected = new FixDoc("f", "# not a heading <script>\nsecond line", "VERIFIED", null, null, null, null,
                null, null);

        String md = MarkdownRenderer.render(new DocPage("svc_*x*", 1, NOW, List.of(tricky), List.of(injected)));

        assertThat(md).startsWith("# svc\\_\\*x\\*\n");
        assertThat(md).contains("| `` GET /a\\|b `x` `` | 1 |");
        assertThat(md).contains("| v\\|2 |");
        assertThat(md).contains("### \\# not a heading \\<script\\> second line\n");
        assertThat(md).contains("- **Playbook:** -\n").contains("- **Approved by:** -\n").contains("- **Applied:** -\n");
        assertThat(md).doesNotContain("Diagnosis:");
    }
}
