package dev.selfheal.docs.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocsDiffTest {

    @Test
    void aNewSectionIsAddedLinesInAUnifiedDiffOfTheMarkdown() {
        String before = "# checkout\n\n## Handlers\n\n- POST /orders\n";
        String after = "# checkout\n\n## Handlers\n\n- POST /orders\n- GET /cart\n\n## Fixes applied\n";

        DocsDiff diff = DocsDiff.of("checkout", 3, before, 5, after);

        assertThat(diff.added()).isEqualTo(3);
        assertThat(diff.removed()).isZero();
        assertThat(diff.unified()).startsWith("--- checkout.md@3\n+++ checkout.md@5\n@@ ")
                .contains("+- GET /cart\n", "+## Fixes applied\n", " - POST /orders\n");
    }

    @Test
    void aChangedLineIsOneRemovedAndOneAdded() {
        DocsDiff diff = DocsDiff.of("checkout", 1, "p95: 40 ms\n", 2, "p95: 180 ms\n");

        assertThat(diff.added()).isEqualTo(1);
        assertThat(diff.removed()).isEqualTo(1);
        assertThat(diff.unified()).contains("-p95: 40 ms", "+p95: 180 ms");
    }

    @Test
    void identicalVersionsHaveAnEmptyDiff() {
        DocsDiff diff = DocsDiff.of("checkout", 4, "same\n", 4, "same\n");

        assertThat(diff.unified()).isEmpty();
        assertThat(diff.added()).isZero();
        assertThat(diff.removed()).isZero();
    }
}
