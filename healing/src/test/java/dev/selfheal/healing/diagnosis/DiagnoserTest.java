package dev.selfheal.healing.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Evidence;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.contracts.v1.SpanKind;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.healing.diagnosis.RootCause.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class DiagnoserTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private final Diagnoser diagnoser = new Diagnoser();

    // ---- PERFORMANCE

    @Test
    void aSlowCallerIsDiagnosedToTheCalleeWhoseSelfTimeGrew() {
        // web GET /product calls catalog GET /products/{id}; catalog's own time goes from 5 to 40 ms.
        TraceSample sample = sample(i -> productPage(i, "1.0.0", 5, false, "2.0.0"),
                i -> productPage(i, "1.0.0", 40, false, "2.0.0"));

        Diagnosis d = diagnoser.diagnose(anomaly(Capability.PERFORMANCE, "web", "GET /product", "latency",
                Map.of("baseline.version", "1.0.0", "observed.version", "1.0.0")), sample);

        RootCause top = d.top().orElseThrow();
        assertThat(top.service()).isEqualTo("catalog");
        assertThat(top.handler()).isEqualTo("GET /products/{id}");
        assertThat(top.kind()).isEqualTo(Kind.HANDLER_CODE);
        assertThat(top.version()).isNull();
        assertThat(top.figures().get("selfTime.baselineMs")).isCloseTo(5, org.assertj.core.data.Offset.offset(0.01));
        assertThat(top.figures().get("selfTime.observedMs")).isCloseTo(40, org.assertj.core.data.Offset.offset(0.01));
        assertThat(top.explanation()).contains("catalog GET /products/{id}").contains("5.0 ms").contains("40.0 ms");
    }

    @Test
    void aSlowdownThatCameWithANewVersionIsNamedAsThatRelease() {
        TraceSample sample = sample(i -> productPage(i, "1.0.0", 5, false, "2.0.0"),
                i -> productPage(i, "1.0.0", 40, false, "2.1.0"));

        RootCause top = diagnoser.diagnose(anomaly(Capability.PERFORMANCE, "web", "GET /product", "latency", Map.of()),
                sample).top().orElseThrow();

        assertThat(top.kind()).isEqualTo(Kind.RELEASE);
        assertThat(top.service()).isEqualTo("catalog");
        assertThat(top.version()).isEqualTo("2.1.0");
    }

    @Test
    void aCallWhoseTimeGrewWhileTheCalleeDidNotPointsAtTheNetwork() {
        // The client span grows by 30 ms around an unchanged catalog server span.
        TraceSample sample = sample(i -> productPage(i, "1.0.0", 5, false, "2.0.0"),
                i -> productPageWithNetwork(i, 30));

        RootCause top = diagnoser.diagnose(anomaly(Capability.PERFORMANCE, "web", "GET /product", "latency", Map.of()),
                sample).top().orElseThrow();

        assertThat(top.kind()).isEqualTo(Kind.DEPENDENCY);
        assertThat(top.service()).isEqualTo("web");
        assertThat(top.handler()).isEqualTo("GET /product");
        assertThat(top.dependency()).isEqualTo("catalog");
    }

    // ---- ERROR

    @Test
    void theErrorOriginIsTheDeepestFailingSpanWithTheFirstBadVersion() {
        // catalog GET /products/{id} (new version 2.1.0) throws; web answers 502 above it.
        TraceSample sample = sample(i -> productPage(i, "1.0.0", 5, false, "2.0.0"),
                i -> productPage(i, "1.0.0", 5, i % 2 == 0, "2.1.0"));

        Diagnosis d = diagnoser.diagnose(anomaly(Capability.ERROR, "web", "GET /product", "error-rate",
                Map.of("baseline.version", "1.0.0", "observed.version", "1.0.0")), sample);

        RootCause top = d.top().orElseThrow();
        assertThat(top.kind()).isEqualTo(Kind.ERROR_ORIGIN);
        assertThat(top.service()).isEqualTo("catalog");
        assertThat(top.handler()).isEqualTo("GET /products/{id}");
        assertThat(top.version()).isEqualTo("2.1.0");
        assertThat(top.explanation()).contains("java.lang.IllegalStateException");
        assertThat(d.candidates()).noneMatch(c -> c.service().equals("web") && c.dependency() == null);
    }

    @Test
    void anErrorStartingAtADatabaseCallNamesTheDatabase() {
        TraceSample sample = sample(i -> withDatabase(i, false), i -> withDatabase(i, i % 3 != 0));

        RootCause top = diagnoser.diagnose(anomaly(Capability.ERROR, "catalog", "GET /products/{id}", "error-rate",
                Map.of()), sample).top().orElseThrow();

        assertThat(top.kind()).isEqualTo(Kind.DEPENDENCY);
        assertThat(top.service()).isEqualTo("catalog");
        assertThat(top.dependency()).isEqualTo("postgresql/catalog");
        assertThat(top.handler()).isEqualTo("GET /products/{id}");
    }

    // ---- DEPENDENCY

    @Test
    void aFailingCallToAServiceIsFollowedToTheDependencyThatServiceFailsOn() {
        // web's calls to catalog fail because catalog's database refuses connections.
        TraceSample sample = sample(i -> callerWithDatabase(i, false), i -> callerWithDatabase(i, true));

        Diagnosis d = diagnoser.diagnose(anomaly(Capability.DEPENDENCY, "web", "catalog", "failing",
                Map.of("callers", "GET", "since", T0.toString())), sample);

        RootCause top = d.top().orElseThrow();
        assertThat(top.service()).isEqualTo("catalog");
        assertThat(top.dependency()).isEqualTo("postgresql/catalog");
        // The target the detector named stays among the candidates, below.
        assertThat(d.candidates()).anyMatch(c -> c.service().equals("web") && "catalog".equals(c.dependency()));
    }

    @Test
    void anUndeclaredTargetNamesTheCallingHandlerAndItsRelease() {
        List<List<SpanRecorded>> baseline = traces(20, i -> List.of(
                span("t" + i, "s1", null, "shipping", "1.0.0", "GET /shipments/{id}", SpanKind.SERVER, i, 0, 10, ok())));
        List<List<SpanRecorded>> observed = traces(10, i -> List.of(
                span("o" + i, "s1", null, "shipping", "1.1.0", "GET /shipments/{id}", SpanKind.SERVER, i, 0, 50, ok()),
                span("o" + i, "c1", "s1", "shipping", "1.1.0", "POST", SpanKind.CLIENT, i, 5, 35,
                        Map.of("server.address", "tax.example", "server.port", "443"))));

        RootCause top = diagnoser.diagnose(anomaly(Capability.DEPENDENCY, "shipping", "tax.example:443", "undeclared",
                Map.of()), new TraceSample(observed, baseline)).top().orElseThrow();

        assertThat(top.kind()).isEqualTo(Kind.DEPENDENCY);
        assertThat(top.handler()).isEqualTo("GET /shipments/{id}");
        assertThat(top.dependency()).isEqualTo("tax.example:443");
        assertThat(top.version()).isEqualTo("1.1.0");
    }

    // ---- STATE

    @Test
    void aStateViolationNamesTheWriterTheFieldAndTheVersionItRan() {
        TraceSample sample = sample(i -> withDatabase(i, false, "3.0.0"), i -> withDatabase(i, false, "3.1.0"));
        Diagnosis d = diagnoser.diagnose(anomaly(Capability.STATE, "catalog", "GET /products/{id}",
                "value:product.status", Map.of("key", "product.status", "expected", "A|B", "observed", "Z")), sample);

        RootCause top = d.top().orElseThrow();
        assertThat(top.kind()).isEqualTo(Kind.STATE_FIELD);
        assertThat(top.key()).isEqualTo("product.status");
        assertThat(top.handler()).isEqualTo("GET /products/{id}");
        assertThat(top.version()).isEqualTo("3.1.0");
    }

    // ---- BEHAVIORAL

    @Test
    void aMissingStepIsPinnedOnTheHandlerThatStoppedCallingIt() {
        // web POST /orders calls checkout POST /orders, which calls inventory then payments; in version 1.1.0 it
        // skips inventory. The anomaly is raised on the flow's entry, web.
        TraceSample sample = sample(i -> order(i, "1.0.0", true), i -> order(i, "1.1.0", i % 4 != 0 ? false : true));

        Diagnosis d = diagnoser.diagnose(anomaly(Capability.BEHAVIORAL, "web", "POST /orders",
                "missing-step:inventory:POST /reservations", Map.of()), sample);

        RootCause top = d.top().orElseThrow();
        assertThat(top.kind()).isEqualTo(Kind.FLOW_STEP);
        assertThat(top.service()).isEqualTo("checkout");
        assertThat(top.handler()).isEqualTo("POST /orders");
        assertThat(top.version()).isEqualTo("1.1.0");
        assertThat(top.explanation()).contains("missing inventory:POST /reservations");
    }

    // ---- COVERAGE, DOCUMENTATION

    @Test
    void anUntestedHandlerIsNamedWithTheVersionThatAddedIt() {
        List<List<SpanRecorded>> baseline = traces(10, i -> List.of(
                span("b" + i, "s1", null, "cart", "1.0.0", "GET /cart", SpanKind.SERVER, i, 0, 5, ok())));
        List<List<SpanRecorded>> observed = traces(5, i -> List.of(
                span("o" + i, "s1", null, "cart", "1.1.0", "GET /wishlist", SpanKind.SERVER, i, 0, 5, ok())));

        RootCause top = diagnoser.diagnose(anomaly(Capability.COVERAGE, "cart", "GET /wishlist", "uncovered",
                Map.of("reason", "the report shows the method never executed")), new TraceSample(observed, baseline))
                .top().orElseThrow();

        assertThat(top.kind()).isEqualTo(Kind.UNTESTED_HANDLER);
        assertThat(top.handler()).isEqualTo("GET /wishlist");
        assertThat(top.version()).isEqualTo("1.1.0");
    }

    @Test
    void aStaleDocumentationSectionIsTheHandlerTheEvidenceNames() {
        RootCause top = diagnoser.diagnose(anomaly(Capability.DOCUMENTATION, "web", "GET /products", "latency-budget",
                Map.of()), TraceSample.NONE).top().orElseThrow();

        assertThat(top.kind()).isEqualTo(Kind.STALE_DOCUMENTATION);
        assertThat(top.handler()).isEqualTo("GET /products");
    }

    // ---- missing evidence, determinism

    @Test
    void withoutTracesOrEvidenceItSaysWhatItCouldNotSeeInsteadOfThrowing() {
        AnomalyDetected bare = new AnomalyDetected("a1", Capability.PERFORMANCE, "web", null, null, T0, 2,
                Severity.MEDIUM, null, null);

        Diagnosis d = diagnoser.diagnose(bare, null);

        assertThat(d.candidates()).hasSize(1);
        assertThat(d.top().orElseThrow().confidence()).isEqualTo(Diagnoser.EVIDENCE_ONLY);
        assertThat(d.summary()).contains("no observed traces").contains("no baseline traces");
        assertThat(d.traces()).isZero();
    }

    @Test
    void theSameInputGivesTheSameDiagnosis() {
        TraceSample sample = sample(i -> productPage(i, "1.0.0", 5, false, "2.0.0"),
                i -> productPage(i, "1.0.0", 40, i % 5 == 0, "2.1.0"));
        AnomalyDetected anomaly = anomaly(Capability.PERFORMANCE, "web", "GET /product", "latency", Map.of());

        assertThat(diagnoser.diagnose(anomaly, sample)).isEqualTo(diagnoser.diagnose(anomaly, sample));
    }

    // ---- traces built by hand

    /** web GET /product -> (client) -> catalog GET /products/{id}, whose own time is {@code catalogSelfMs}. */
    private static List<SpanRecorded> productPage(int i, String webVersion, double catalogSelfMs, boolean fails,
            String catalogVersion) {
        String t = "p" + i + "-" + catalogSelfMs + fails + catalogVersion;
        Map<String, String> failed = Map.of("error.type", "java.lang.IllegalStateException",
                "http.response.status_code", "500");
        return List.of(
                span(t, "w", null, "web", webVersion, "GET /product", SpanKind.SERVER, i, 0, catalogSelfMs + 12,
                        fails ? Map.of("http.response.status_code", "502", "error.type", "502") : ok(),
                        fails ? SpanStatus.ERROR : SpanStatus.OK),
                span(t, "c", "w", "web", webVersion, "GET", SpanKind.CLIENT, i, 2, catalogSelfMs + 4,
                        fails ? Map.of("peer.service", "catalog", "error.type", "500") : Map.of("peer.service", "catalog"),
                        fails ? SpanStatus.ERROR : SpanStatus.OK),
                span(t, "s", "c", "catalog", catalogVersion, "GET /products/{id}", SpanKind.SERVER, i, 4, catalogSelfMs,
                        fails ? failed : ok(), fails ? SpanStatus.ERROR : SpanStatus.OK));
    }

    private static List<SpanRecorded> productPageWithNetwork(int i, double extraMs) {
        String t = "n" + i;
        return List.of(
                span(t, "w", null, "web", "1.0.0", "GET /product", SpanKind.SERVER, i, 0, 17 + extraMs, ok()),
                span(t, "c", "w", "web", "1.0.0", "GET", SpanKind.CLIENT, i, 2, 9 + extraMs, Map.of("peer.service", "catalog")),
                span(t, "s", "c", "catalog", "2.0.0", "GET /products/{id}", SpanKind.SERVER, i, 4 + extraMs / 2, 5, ok()));
    }

    /** catalog GET /products/{id} with one database query, failing or not. */
    private static List<SpanRecorded> withDatabase(int i, boolean dbFails) {
        return withDatabase(i, dbFails, "2.0.0");
    }

    private static List<SpanRecorded> withDatabase(int i, boolean dbFails, String version) {
        String t = "d" + i + dbFails + version;
        return List.of(
                span(t, "s", null, "catalog", version, "GET /products/{id}", SpanKind.SERVER, i, 0, 10,
                        dbFails ? Map.of("http.response.status_code", "503", "error.type", "503") : ok(),
                        dbFails ? SpanStatus.ERROR : SpanStatus.OK),
                span(t, "q", "s", "catalog", version, "SELECT products", SpanKind.CLIENT, i, 2, 3,
                        dbFails ? Map.of("db.system", "postgresql", "db.namespace", "catalog", "error.type",
                                "java.net.ConnectException") : Map.of("db.system", "postgresql", "db.namespace", "catalog"),
                        dbFails ? SpanStatus.ERROR : SpanStatus.OK));
    }

    /** web GET /product calling catalog, which queries its database. */
    private static List<SpanRecorded> callerWithDatabase(int i, boolean dbFails) {
        String t = "x" + i + dbFails;
        List<SpanRecorded> spans = new ArrayList<>();
        SpanStatus status = dbFails ? SpanStatus.ERROR : SpanStatus.OK;
        spans.add(span(t, "w", null, "web", "1.0.0", "GET /product", SpanKind.SERVER, i, 0, 20,
                dbFails ? Map.of("http.response.status_code", "502") : ok(), status));
        spans.add(span(t, "c", "w", "web", "1.0.0", "GET", SpanKind.CLIENT, i, 1, 15,
                dbFails ? Map.of("peer.service", "catalog", "error.type", "503") : Map.of("peer.service", "catalog"),
                status));
        for (SpanRecorded s : withDatabase(i, dbFails)) {
            spans.add(new SpanRecorded(s.service(), s.version(), t, s.spanId(), s.parentSpanId() == null ? "c"
                    : s.parentSpanId(), s.handler(), s.start().plusMillis(2), s.durationMs(), s.status(),
                    s.attributes(), s.kind(), null));
        }
        return spans;
    }

    /** web POST /orders -> checkout POST /orders -> (inventory POST /reservations)? -> payments POST /charges. */
    private static List<SpanRecorded> order(int i, String checkoutVersion, boolean reserve) {
        String t = "o" + i + checkoutVersion + reserve;
        List<SpanRecorded> spans = new ArrayList<>();
        spans.add(span(t, "w", null, "web", "1.0.0", "POST /orders", SpanKind.SERVER, i, 0, 60, ok()));
        spans.add(span(t, "wc", "w", "web", "1.0.0", "POST", SpanKind.CLIENT, i, 1, 55, Map.of("peer.service", "checkout")));
        spans.add(span(t, "k", "wc", "checkout", checkoutVersion, "POST /orders", SpanKind.SERVER, i, 2, 50, ok()));
        if (reserve) {
            spans.add(span(t, "kc1", "k", "checkout", checkoutVersion, "POST", SpanKind.CLIENT, i, 5, 10,
                    Map.of("peer.service", "inventory")));
            spans.add(span(t, "inv", "kc1", "inventory", "1.0.0", "POST /reservations", SpanKind.SERVER, i, 6, 8, ok()));
        }
        spans.add(span(t, "kc2", "k", "checkout", checkoutVersion, "POST", SpanKind.CLIENT, i, 20, 10,
                Map.of("peer.service", "payments")));
        spans.add(span(t, "pay", "kc2", "payments", "1.0.0", "POST /charges", SpanKind.SERVER, i, 21, 8, ok()));
        return spans;
    }

    private static TraceSample sample(IntFunction<List<SpanRecorded>> baseline, IntFunction<List<SpanRecorded>> observed) {
        return new TraceSample(traces(20, observed), traces(20, baseline));
    }

    private static List<List<SpanRecorded>> traces(int n, IntFunction<List<SpanRecorded>> trace) {
        List<List<SpanRecorded>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(trace.apply(i));
        }
        return out;
    }

    private static Map<String, String> ok() {
        return Map.of("http.response.status_code", "200");
    }

    private static SpanRecorded span(String trace, String id, String parent, String service, String version,
            String handler, SpanKind kind, int i, double startMs, double durationMs, Map<String, String> attributes) {
        return span(trace, id, parent, service, version, handler, kind, i, startMs, durationMs, attributes,
                attributes.containsKey("error.type") ? SpanStatus.ERROR : SpanStatus.OK);
    }

    private static SpanRecorded span(String trace, String id, String parent, String service, String version,
            String handler, SpanKind kind, int i, double startMs, double durationMs, Map<String, String> attributes,
            SpanStatus status) {
        Instant start = T0.plusSeconds(i).plusNanos((long) (startMs * 1_000_000));
        return new SpanRecorded(service, version, trace, id, parent, handler, start, durationMs, status,
                attributes, kind, null);
    }

    private static AnomalyDetected anomaly(Capability capability, String service, String handler, String signature,
            Map<String, String> details) {
        return new AnomalyDetected("a-" + capability, capability, service, "1.0.0", handler, T0.plusSeconds(60), 3,
                Severity.HIGH, capability + " on " + handler, new Evidence(Map.of("observed.p95Ms", 50.0,
                        "baseline.p95Ms", 15.0), new HashMap<>(details), List.of()), null, signature);
    }
}
