package dev.selfheal.healer.fix;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A root-cause candidate of the diagnosis. */
@Schema(description = "A candidate cause, most likely first, with how sure the diagnosis is and why")
public record CandidateView(
        @Schema(description = "HANDLER_CODE, RELEASE, CAPACITY, DEPENDENCY, ERROR_ORIGIN, STATE_FIELD, FLOW_STEP, "
                + "UNTESTED_HANDLER or STALE_DOCUMENTATION") String kind,
        @Schema(description = "The service at fault", examples = "inventory") String service,
        @Schema(description = "The handler at fault", examples = "POST /reservations") String handler,
        @Schema(description = "The dependency at fault", examples = "payments.example.com:443") String dependency,
        @Schema(description = "The state field at fault", examples = "order.quantity") String key,
        @Schema(description = "The version that introduced it", examples = "1.4.3") String version,
        @Schema(description = "How much of the evidence it explains, 0 to 1") double confidence,
        @Schema(description = "Why, with figures") String explanation,
        @Schema(description = "The measurements it rests on") Map<String, Double> figures) {
}
