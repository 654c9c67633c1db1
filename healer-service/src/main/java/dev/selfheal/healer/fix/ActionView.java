package dev.selfheal.healer.fix;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The change a fix proposes. */
@Schema(description = "What the fix would change")
public record ActionView(
        @Schema(description = "rollback, scale-out or investigate") String type,
        @Schema(description = "The kind of thing changed", examples = "Deployment") String targetKind,
        @Schema(description = "Its name", examples = "checkout") String target,
        @Schema(description = "The action's settings, e.g. toVersion") Map<String, String> parameters,
        @Schema(description = "The change in one sentence") String description) {
}
