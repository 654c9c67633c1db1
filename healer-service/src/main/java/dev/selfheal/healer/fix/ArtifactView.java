package dev.selfheal.healer.fix;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A file the fix brings. */
@Schema(description = "A code diff, a generated test or a documentation note")
public record ArtifactView(
        @Schema(description = "CODE_DIFF, TEST or DOC_NOTE") String kind,
        @Schema(description = "Its path in the service's repository") String path,
        @Schema(description = "One line saying what it does") String description,
        @Schema(description = "The unified diff, the test's source or the note's Markdown") String content) {
}
