package dev.selfheal.telemetry.logs;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A template mined from a service's logs")
public record LogTemplateView(
        @Schema(description = "16 hex digits, hashed from the template text", examples = "3f9a0c1d2e4b5a69") String templateId,
        @Schema(description = "The template, variable parts as <*>", examples = "Received block <*> of size <*> from <*>") String template,
        @Schema(description = "Records that matched it") long count,
        @Schema(description = "When a record first matched it") Instant firstSeen,
        @Schema(description = "When a record last matched it") Instant lastSeen) {

    static LogTemplateView of(StoredLogTemplate t) {
        return new LogTemplateView(t.templateId, t.template, t.count, t.firstSeen, t.lastSeen);
    }
}
