package dev.selfheal.healer.fix;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One validation check's result. */
@Schema(description = "A check run before the proposal reached a person")
public record CheckView(
        @Schema(description = "What was checked", examples = "patch applies") String check,
        @Schema(description = "PASSED, FAILED or SKIPPED") String status,
        @Schema(description = "What it found, or why it was skipped") String detail) {
}
