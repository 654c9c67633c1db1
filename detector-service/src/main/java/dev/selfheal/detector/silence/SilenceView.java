package dev.selfheal.detector.silence;

import dev.selfheal.contracts.v1.Capability;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A silence as the REST API shows it. */
@Schema(description = "A silence: new incidents it matches are recorded but not announced")
public record SilenceView(
        @Schema(description = "Silence id") String id,
        @Schema(description = "Capability it matches; absent for any") Capability capability,
        @Schema(description = "Service it matches; absent for any") String service,
        @Schema(description = "Handler it matches; absent for any") String handler,
        @Schema(description = "Signature it matches; absent for any") String signature,
        @Schema(description = "Why") String reason,
        @Schema(description = "Who created it") String createdBy,
        @Schema(description = "When it was created") Instant createdAt,
        @Schema(description = "When it ends") Instant expiresAt,
        @Schema(description = "Whether it is in force now") boolean active) {

    static SilenceView of(Silence s, Instant now) {
        return new SilenceView(s.id, s.capability, s.service, s.handler, s.signature, s.reason, s.createdBy,
                s.createdAt, s.expiresAt, s.activeAt(now));
    }
}
