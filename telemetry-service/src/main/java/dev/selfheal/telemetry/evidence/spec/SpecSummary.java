package dev.selfheal.telemetry.evidence.spec;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The OpenAPI document stored for one service version, without its operations")
public record SpecSummary(
        @Schema(description = "16 hex digits hashed from service, version and content") String specId,
        String service,
        @Schema(description = "The service version it documents") String version,
        @Schema(description = "The document's OpenAPI version", examples = "3.1.0") String openapi,
        @Schema(description = "info.title") String title,
        @Schema(description = "info.version, the API's own version") String apiVersion,
        @Schema(description = "How many operations it documents") int operations,
        @Schema(description = "When this document was received for that version") Instant receivedAt) {

    static SpecSummary of(StoredSpec s) {
        return new SpecSummary(s.specId, s.service, s.version, s.openapi, s.title, s.apiVersion, s.operationCount,
                s.receivedAt);
    }
}
