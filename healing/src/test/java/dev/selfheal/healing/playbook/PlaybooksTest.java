package dev.selfheal.healing.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Evidence;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.contracts.v1.SpanKind;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.healing.code.SampleService;
import dev.selfheal.healing.diagnosis.Diagnosis;
import dev.selfheal.healing.diagnosis.RootCause;
import dev.selfheal.healing.diagnosis.RootCause.Kind;
import dev.selfheal.healing.diagnosis.TraceSample;
import dev.selfheal.healing.validation.CompileCheck;
import dev.selfheal.healing.validation.PatchCheck;
import dev.selfheal.healing.validation.ValidationResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybooksTest {

    @TempDir
    Path dir;

    private final Playbooks playbooks = Playbooks.standard();

    static Diagnosis diagnosis(Capability capability, String handler, String signature, Map<String, Double> figures,
            Map<String, String> details, RootCause... causes) {
        AnomalyDetected anomaly = new AnomalyDetected("a-1", capability, "orders", "1.5.0", handler, Instant.EPOCH,
                3, Severity.HIGH, "something departs", new Evidence(figures, details, List.of("t1")), null, signature);
        return new Diagnosis(anomaly, List.of(causes), "summary", 2);
    }

    static RootCause cause(Kind kind, String handler, String dependency, String key, String version) {
        return new RootCause(kind, "orders", handler, dependency, key, version, 0.8, "because the figures say so",
                Map.of());
    }

    static SpanRecorded server(String trace, String handler, String method, String path, int status, String body) {
        Map<String, String> attributes = new java.util.HashMap<>(Map.of("http.request.method", method, "url.path",
                path, "http.response.status_code", Integer.toString(status)));
        if (body != null) {
            attributes.put("http.request.body", body);
        }
        return new SpanRecorded("orders", "1.5.0", trace, "s" + trace, null, handler, Instant.EPOCH, 20,
                status >= 500 ? SpanStatus.ERROR : SpanStatus.OK, attributes, SpanKind.SERVER, null);
    }

    static SpanRecorded client(String trace, String method, String url) {
        return new SpanRecorded("orders", "1.5.0", trace, "c" + trace, "s" + trace, method, Instant.EPOCH, 900,
                SpanStatus.ERROR, Map.of("http.request.method", method, "url.full", url, "server.address",
                        "inventory", "server.port", "8080"), SpanKind.CLIENT, null);
    }

    private PlaybookContext context(TraceSample traces) {
        return new PlaybookContext(SampleService.copyTo(dir), traces, "orders", 2, 2);
    }

    private void assertValid(FixPlan plan) {
        List<Artifact> artifacts = plan.artifacts();
        assertThat(PatchCheck.check(dir, artifacts)).allSatisfy(r -> assertThat(r.status()).as(r.detail())
                .isEqualTo(ValidationResult.Status.PASSED));
        assertThat(CompileCheck.check(dir, artifacts, SampleService.classpath()))
                .allSatisfy(r -> assertThat(r.status()).as(r.detail()).isEqualTo(ValidationResult.Status.PASSED));
        assertThat(artifacts).last().extracting(Artifact::kind).isEqualTo(Artifact.Kind.DOC_NOTE);
        assertThat(plan.validation()).last().asString().startsWith("After rollout: ");
    }

    @Test
    void aFailingDependencyGetsFaultToleranceOnTheCalledClientMethodAndATest() {
        TraceSample traces = new TraceSample(List.of(List.of(
                server("t1", "POST /orders", "POST", "/orders", 500, "{\"sku\":\"A\",\"quantity\":1}"),
                client("t1", "POST", "http://inventory:8080/stock/reservations/7"))), List.of());
        Diagnosis d = diagnosis(Capability.DEPENDENCY, "inventory:8080", "failing",
                Map.of("baseline.rate", 0.01, "observed.rate", 0.4), Map.of(),
                cause(Kind.DEPENDENCY, "POST /orders", "inventory:8080", null, null));

        List<FixPlan> plans = playbooks.propose(d, context(traces));

        assertThat(plans).extracting(FixPlan::playbook).containsExactly("dependency.circuit-breaker");
        FixPlan plan = plans.get(0);
        assertThat(plan.risk()).isEqualTo(Risk.HIGH);
        assertThat(plan.artifacts()).extracting(Artifact::kind).containsExactly(Artifact.Kind.CODE_DIFF,
                Artifact.Kind.TEST, Artifact.Kind.DOC_NOTE);
        String diff = plan.artifacts().get(0).content();
        assertThat(diff).contains("+    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)"
                + "\n     void reserve(");
        assertThat(diff).doesNotContain("int available");
        assertThat(plan.artifacts().get(1).content()).contains("Arguments.of(\"POST\", \"/orders\"");
        assertValid(plan);
    }

    @Test
    void withoutSourceTheCodeChangeIsSaidToBeImpossibleAndTheRestStays() {
        Diagnosis d = diagnosis(Capability.DEPENDENCY, "inventory:8080", "slow", Map.of("baseline.p99Ms", 120.0),
                Map.of(), cause(Kind.DEPENDENCY, "POST /orders", "inventory:8080", null, null));

        FixPlan plan = playbooks.propose(d, PlaybookContext.of(TraceSample.NONE)).get(0);

        assertThat(plan.change()).contains("could not be made", "@Timeout(250)");
        assertThat(plan.artifacts()).extracting(Artifact::kind).containsExactly(Artifact.Kind.DOC_NOTE);
    }

    @Test
    void anUnreachableHostGetsItsDeclaredUrlBackThroughConfig() {
        Diagnosis d = diagnosis(Capability.DEPENDENCY, "inventroy:8080", "missing", Map.of(),
                Map.of("errorType", "java.net.UnknownHostException"),
                cause(Kind.DEPENDENCY, null, "inventroy:8080", null, null));

        FixPlan plan = playbooks.propose(d, context(TraceSample.NONE)).get(0);

        assertThat(plan.playbook()).isEqualTo("dependency.config-fix");
        assertThat(plan.risk()).isEqualTo(Risk.MEDIUM);
        assertThat(plan.actions()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(RuntimeAction.Type.CONFIG);
            assertThat(a.parameters()).containsEntry("data.QUARKUS_REST_CLIENT_INVENTORY_API_URL",
                    "http://inventory:8080");
        });
    }

    @Test
    void aBrokenRangeGetsAConstraintAndAStateTest() {
        TraceSample traces = new TraceSample(List.of(List.of(
                server("t1", "POST /orders", "POST", "/orders", 201, "{\"sku\":\"A\",\"quantity\":-3}"))), List.of());
        Diagnosis d = diagnosis(Capability.STATE, "POST /orders", "range:order.quantity", Map.of(),
                Map.of("key", "order.quantity", "expected", "[1, 20]", "observed", "-3"),
                cause(Kind.STATE_FIELD, "POST /orders", null, "order.quantity", null));

        FixPlan plan = playbooks.propose(d, context(traces)).get(0);

        assertThat(plan.playbook()).isEqualTo("state.bean-validation");
        assertThat(plan.artifacts().get(0).content()).contains("+    @Min(1)");
        assertThat(plan.artifacts().get(1).content()).contains("\"{\\\"sku\\\":\\\"A\\\",\\\"quantity\\\":-3}\", 400)");
        assertValid(plan);
    }

    @Test
    void anEscapingExceptionGetsAMapperAndAnErrorTestOrARollbackWhenAReleaseBroughtIt() {
        TraceSample traces = new TraceSample(List.of(List.of(
                server("t1", "POST /orders", "POST", "/orders", 500, "{\"sku\":\"A\",\"quantity\":99}"))),
                List.of(List.of(server("t0", "POST /orders", "POST", "/orders", 201, "{\"sku\":\"A\"}"))));
        Diagnosis d = diagnosis(Capability.ERROR, "POST /orders", "abc", Map.of(),
                Map.of("exceptionType", "com.acme.orders.OutOfStockException", "baseline.version", "1.4.0"),
                cause(Kind.ERROR_ORIGIN, "POST /orders", null, null, null),
                cause(Kind.RELEASE, "POST /orders", null, null, "1.5.0"));

        List<FixPlan> plans = playbooks.propose(d, context(traces));

        assertThat(plans).extracting(FixPlan::playbook).containsExactly("release.rollback", "error.exception-mapper");
        FixPlan rollback = plans.get(0);
        assertThat(rollback.actions()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(RuntimeAction.Type.ROLLBACK);
            assertThat(a.parameters()).containsEntry("toVersion", "1.4.0");
        });
        assertThat(rollback.risk()).isEqualTo(Risk.MEDIUM);
        FixPlan mapper = plans.get(1);
        assertThat(mapper.artifacts().get(0).content()).startsWith("--- /dev/null\n");
        assertThat(mapper.artifacts().get(1).content()).contains(", 409)");
        assertValid(mapper);
        assertValid(rollback);
    }

    @Test
    void aCapacityShortageScalesWithinTheLimit() {
        Diagnosis d = diagnosis(Capability.PERFORMANCE, "GET /orders/{id}", "latency",
                Map.of("p95Ratio", 4.0, "baseline.p95Ms", 40.0), Map.of(),
                cause(Kind.CAPACITY, "GET /orders/{id}", null, null, null),
                cause(Kind.HANDLER_CODE, "GET /orders/{id}", null, null, null));

        List<FixPlan> plans = playbooks.propose(d, context(new TraceSample(List.of(List.of(
                server("t1", "GET /orders/{id}", "GET", "/orders/7", 200, null))), List.of())));

        assertThat(plans).extracting(FixPlan::playbook).containsExactly("performance.scale-out",
                "performance.handler-timeout");
        assertThat(plans.get(0).actions()).singleElement().satisfies(a ->
                assertThat(a.parameters()).containsEntry("replicas", "4"));
        assertThat(plans.get(0).risk()).isEqualTo(Risk.LOW);
        assertThat(plans.get(1).artifacts().get(0).content()).contains("+    @Timeout(5000)");
        assertValid(plans.get(1));
    }

    @Test
    void aDivergentFlowIsPinnedAndAnUntestedHandlerGetsATestAndStaleDocsANote() {
        TraceSample traces = new TraceSample(List.of(), List.of(List.of(
                server("t0", "POST /orders", "POST", "/orders", 201, "{\"sku\":\"A\",\"quantity\":1}"))));
        Diagnosis flow = diagnosis(Capability.BEHAVIORAL, "POST /orders", "flow", Map.of(),
                Map.of("entry", "POST /orders", "expectedFlow", "POST /orders > POST /stock/reservations/{orderId}"),
                cause(Kind.FLOW_STEP, "POST /orders", null, null, null));
        Diagnosis coverage = diagnosis(Capability.COVERAGE, "POST /orders", "uncovered", Map.of(), Map.of(),
                cause(Kind.UNTESTED_HANDLER, "POST /orders", null, null, null));
        Diagnosis docs = diagnosis(Capability.DOCUMENTATION, "POST /orders", "status", Map.of(),
                Map.of("documented", "200", "observed", "201"),
                cause(Kind.STALE_DOCUMENTATION, "POST /orders", null, null, null));

        PlaybookContext context = context(traces);
        FixPlan pinned = playbooks.propose(flow, context).get(0);
        FixPlan generated = playbooks.propose(coverage, context).get(0);
        FixPlan note = playbooks.propose(docs, context).get(0);

        assertThat(pinned.artifacts().get(0).content()).contains("List.of(\"POST /orders\", "
                + "\"POST /stock/reservations/{orderId}\")");
        assertValid(pinned);
        assertThat(generated.artifacts().get(0).content()).contains("@ParameterizedTest", ", 201)");
        assertValid(generated);
        assertThat(note.artifacts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Artifact.Kind.DOC_NOTE);
            assertThat(a.content()).contains("## What was wrong", "## Evidence", "| observed | 201 |",
                    "## What changed");
        });
    }

    @Test
    void everyCapabilityHasAPlaybook() {
        assertThat(playbooks.all()).extracting(Playbook::capability).containsAll(List.of(Capability.values()));
    }
}
