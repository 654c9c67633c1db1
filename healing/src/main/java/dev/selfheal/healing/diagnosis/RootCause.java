package dev.selfheal.healing.diagnosis;

import java.util.Map;
import java.util.TreeMap;

/**
 * One candidate explanation of an anomaly: where the fault is, how sure the diagnosis is, and why.
 *
 * @param kind        what sort of cause it is
 * @param service     the service at fault
 * @param handler     the handler at fault (span name, {@code METHOD /route}); null when the cause is not one handler
 * @param dependency  the dependency at fault as telemetry names it ({@code host:port}, a topic, a database); else null
 * @param key         the state field at fault; else null
 * @param version     the version that introduced it, when one did; else null
 * @param confidence  how much of the evidence this candidate explains, 0 to 1; candidates of one diagnosis are
 *                    ranked by it
 * @param explanation one or two sentences a person can check against the figures
 * @param figures     the measurements the candidate rests on, e.g. {@code selfTime.baselineMs}
 */
public record RootCause(Kind kind, String service, String handler, String dependency, String key, String version,
        double confidence, String explanation, Map<String, Double> figures) {

    /** What sort of cause a candidate names. */
    public enum Kind {
        /** The handler's own code is slower (its self time grew, not its calls'). */
        HANDLER_CODE,
        /** A release introduced the problem; {@code version} names it. */
        RELEASE,
        /** The handler is short of capacity: all its spans slowed together without a release. */
        CAPACITY,
        /** A dependency fails, is slow, missing or undeclared. */
        DEPENDENCY,
        /** The span where an error starts. */
        ERROR_ORIGIN,
        /** A state field written against its invariant. */
        STATE_FIELD,
        /** The step of a flow that diverges, and the handler that owns it. */
        FLOW_STEP,
        /** A handler production uses that no test covers. */
        UNTESTED_HANDLER,
        /** A documented statement that production contradicts. */
        STALE_DOCUMENTATION
    }

    public RootCause {
        if (kind == null || service == null || service.isBlank()) {
            throw new IllegalArgumentException("a root cause needs a kind and a service");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, not " + confidence);
        }
        figures = figures == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(figures));
    }

    /** Where the cause is, for one line: {@code service handler -> dependency [key] @version}. */
    public String location() {
        StringBuilder text = new StringBuilder(service);
        if (handler != null) {
            text.append(' ').append(handler);
        }
        if (dependency != null) {
            text.append(" -> ").append(dependency);
        }
        if (key != null) {
            text.append(" [").append(key).append(']');
        }
        if (version != null) {
            text.append(" @").append(version);
        }
        return text.toString();
    }
}
