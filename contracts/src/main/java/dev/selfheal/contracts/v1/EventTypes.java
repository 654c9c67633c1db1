package dev.selfheal.contracts.v1;

/** CloudEvent {@code type} values, one per kind of event, and the default topic each is published on. */
public final class EventTypes {

    /**
     * Default topic of {@link SpanRecorded}, {@link ErrorObserved}, {@link DependencyCalled}, {@link StateMutated}
     * {@link LogRecorded}, {@link TestReportRecorded} and {@link SpecPublished} events: everything
     * telemetry-service normalises, including the evidence CI sends (test reports, API specs).
     */
    public static final String TELEMETRY_TOPIC = "selfheal.telemetry.v1";
    /** Default topic of {@link AnomalyDetected} events. */
    public static final String ANOMALIES_TOPIC = "selfheal.anomalies.v1";
    /** Default topic of {@link FixEvent} events. */
    public static final String FIXES_TOPIC = "selfheal.fixes.v1";
    /** Default topic of {@link DocsRegenerated} events. */
    public static final String DOCS_TOPIC = "selfheal.docs.v1";

    public static final String SPAN_RECORDED = "dev.selfheal.telemetry.span.recorded";
    public static final String ERROR_OBSERVED = "dev.selfheal.telemetry.error.observed";
    public static final String DEPENDENCY_CALLED = "dev.selfheal.telemetry.dependency.called";
    public static final String STATE_MUTATED = "dev.selfheal.telemetry.state.mutated";
    public static final String LOG_RECORDED = "dev.selfheal.telemetry.log.recorded";
    public static final String TEST_REPORT_RECORDED = "dev.selfheal.telemetry.test-report.recorded";
    public static final String SPEC_PUBLISHED = "dev.selfheal.telemetry.spec.published";
    public static final String ANOMALY_DETECTED = "dev.selfheal.anomaly.detected";
    public static final String DOCS_REGENERATED = "dev.selfheal.docs.regenerated";

    private static final String FIX_PREFIX = "dev.selfheal.fix.";

    private EventTypes() {
    }

    /** The type of a fix event, derived from the state the fix entered, e.g. {@code dev.selfheal.fix.approved}. */
    public static String fix(FixStatus status) {
        return FIX_PREFIX + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
