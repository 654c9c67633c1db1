package dev.selfheal.telemetry.evidence.spec;

import dev.selfheal.contracts.v1.SpecPublished;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The OpenAPI document stored for one service version, with its operations")
public record SpecView(
        String specId,
        String service,
        String version,
        String openapi,
        String title,
        String apiVersion,
        Instant receivedAt,
        @Schema(description = "Every operation, ordered by path then method, as published in SpecPublished events")
        List<SpecPublished.Operation> operations) {
}
