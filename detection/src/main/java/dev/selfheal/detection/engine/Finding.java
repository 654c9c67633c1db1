package dev.selfheal.detection.engine;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.EventIds;
import dev.selfheal.contracts.v1.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a detector concluded from the events it saw. Times are event times (the telemetry's own clock), so the
 * same traffic gives the same findings however fast it is replayed.
 *
 * @param capability      which of the seven capabilities found it
 * @param service         the affected service (for a dependency: the caller)
 * @param version         the version the problem was observed in
 * @param handler         the affected handler (for a dependency: the caller's handler, or the target when the
 *                        call has no handler); never null, {@code *} when the finding is about the whole service
 * @param signature       what, within capability, service and handler, tells this problem apart from another,
 *                        e.g. an error signature or {@code missing-step:inventory:POST /reservations}; stable over
 *                        time, so that a storm of the same problem has one fingerprint
 * @param score           strength, higher is stronger; each detector documents its scale
 * @param severity        how urgent it is
 * @param summary         one sentence a person can read
 * @param onset           event time of the first evidence of the problem
 * @param detectedAt      event time at which the detector decided (the watermark when it decided)
 * @param figures         the measurements behind it, e.g. {@code baseline.p95Ms}
 * @param details         the facts behind it that are not numbers, e.g. {@code baseline.version}
 * @param exampleTraceIds traces that show the problem, most telling first (at most a handful)
 */
public record Finding(Capability capability, String service, String version, String handler, String signature,
        double score, Severity severity, String summary, Instant onset, Instant detectedAt,
        Map<String, Double> figures, Map<String, String> details, List<String> exampleTraceIds) {

    public Finding {
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(detectedAt, "detectedAt");
        version = version == null ? "" : version;
        onset = onset == null ? detectedAt : onset;
        figures = figures == null ? Map.of() : Map.copyOf(figures);
        details = details == null ? Map.of() : Map.copyOf(details);
        exampleTraceIds = exampleTraceIds == null ? List.of() : List.copyOf(exampleTraceIds);
    }

    /** Identifies "the same problem": capability, service, handler and signature, hashed to 16 hex digits. */
    public String fingerprint() {
        return fingerprintOf(capability, service, handler, signature);
    }

    public static String fingerprintOf(Capability capability, String service, String handler, String signature) {
        return EventIds.hash(capability, service, handler, signature);
    }
}
