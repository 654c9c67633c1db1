package dev.selfheal.detection.documentation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.DocsRegenerated;
import dev.selfheal.contracts.v1.SpanKind;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.contracts.v1.SpecPublished;
import dev.selfheal.detection.behaviour.FlowTraffic;
import dev.selfheal.detection.engine.ApiSpec;
import dev.selfheal.detection.engine.DetectionEngine;
import dev.selfheal.detection.engine.EngineSettings;
import dev.selfheal.detection.engine.Feedback;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.detection.engine.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DocumentationDetectorTest {

    static final String CHECKOUT = "shop:POST /checkout";
    static final String LOAD = "shop:CartService.load";
    static final String FIND = "shop:CartRepository.find";
    static final String RESERVE = "inventory:POST /reservations";
    static final String QUOTE = "shop:PricingService.quote";
    static final String AUDIT = "shop:AuditLog.write";
    static final String CHARGE = "payments:POST /charges";
    /** Spelled with another parameter name than the document's {@code /orders/{orderId}}. */
    static final String LOOKUP = "shop:GET /orders/{id}";
    static final String REINDEX = "shop:POST /admin/reindex";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static SpecPublished.Operation op(String method, String path, Double budgetMs) {
        return new SpecPublished.Operation(method, path, null, null, null, List.of("200"), null, false, budgetMs);
    }

    /** The shop's document: checkout, the order lookup with a 200 ms budget, and a cancellation nobody calls. */
    static ApiSpec shopSpec() {
        return new ApiSpec("spec-shop-1", "shop", "1.0.0", FlowTraffic.START, List.of(
                op("POST", "/checkout", null),
                op("GET", "/orders/{orderId}", 200.0),
                op("DELETE", "/orders/{orderId}", null)));
    }

    static DocsRegenerated docs(List<List<String>> flows) {
        return new DocsRegenerated("shop", 2, FlowTraffic.START, "telemetry", List.of(), 3,
                flows.stream().map(steps -> new DocsRegenerated.DocumentedFlow(CHECKOUT, steps)).toList());
    }

    static List<String> checkout(Random random) {
        List<String> flow = new ArrayList<>(List.of(CHECKOUT, LOAD));
        if (random.nextDouble() >= 0.3) {
            flow.add(FIND);
        }
        flow.add(RESERVE);
        flow.add(QUOTE);
        if (random.nextDouble() < 0.02) {
            flow.add(AUDIT);
        }
        flow.add(CHARGE);
        return flow;
    }

    /** Feeds a detector as the engine would: each span after the watermark reached its end, then the trace. */
    static final class Drive {
        final DocumentationDetector detector;
        final FlowTraffic traffic;
        final List<Finding> found = new ArrayList<>();
        /** Order lookups take a lognormal time around this median (p95 = 1.93 times it). */
        double lookupMedianMs = 80;

        Drive(DocumentationDetector detector, long seed) {
            this(detector, seed, true);
        }

        Drive(DocumentationDetector detector, long seed, boolean publishSpec) {
            this(detector, seed, publishSpec, 2);
        }

        Drive(DocumentationDetector detector, long seed, boolean publishSpec, double tracesPerSecond) {
            this.detector = detector;
            this.traffic = new FlowTraffic(seed, tracesPerSecond);
            if (publishSpec) {
                detector.onSpec(shopSpec(), found::add);
            }
        }

        /** Traffic for a while: 60% checkouts, 40% order lookups. */
        void run(Duration d) {
            Instant until = traffic.clock().plus(d);
            while (traffic.clock().isBefore(until)) {
                Random r = traffic.random();
                send(r.nextDouble() < 0.6 ? checkout(r) : List.of(LOOKUP));
            }
        }

        void send(List<String> flow) {
            Random r = traffic.random();
            double lookup = lookupMedianMs * Math.exp(0.4 * r.nextGaussian());
            Function<String, Double> durations = step -> step.equals(LOOKUP) ? lookup : 10.0;
            String id = traffic.nextTraceId();
            send(Trace.of(id, FlowTraffic.spans(id, traffic.nextStart(), flow, "1.4.0", durations)));
        }

        void send(Trace trace) {
            for (SpanRecorded span : trace.spans()) {
                detector.advance(span.start().plusNanos((long) (span.durationMs() * 1e6)), found::add);
                detector.onSpan(span, found::add);
            }
            detector.onTrace(trace, found::add);
            detector.advance(trace.end().plus(FlowTraffic.QUIET), found::add);
        }

        List<Finding> signed(String signature) {
            return found.stream().filter(f -> f.signature().equals(signature)).toList();
        }
    }

    @Test
    void undocumentedServerHandlerIsRaisedAfterAFewCallsAndDocumentedOnesMatchWhateverTheParameterName() {
        Drive drive = new Drive(new DocumentationDetector(), 1);
        drive.run(Duration.ofMinutes(5));
        assertThat(drive.found).as("checkout, lookups spelled /orders/{id}, internal steps").isEmpty();

        Instant first = drive.traffic.clock();
        for (int i = 0; i < 8; i++) {
            drive.send(List.of(REINDEX));
            drive.run(Duration.ofSeconds(10));
        }

        List<Finding> raised = drive.signed("undocumented");
        assertThat(raised).isNotEmpty().allSatisfy(f -> {
            assertThat(f.capability()).isEqualTo(Capability.DOCUMENTATION);
            assertThat(f.service()).isEqualTo("shop");
            assertThat(f.handler()).isEqualTo("POST /admin/reindex");
            assertThat(f.version()).isEqualTo("1.4.0");
        });
        assertThat(raised).hasSize(4);
        assertThat(raised.get(0).figures().get("calls")).isEqualTo(5.0);
        assertThat(raised.get(0).onset()).isAfterOrEqualTo(first).isBefore(first.plusSeconds(10));
        assertThat(raised.get(0).score()).isBetween(0.0, 0.05);
        assertThat(raised.get(0).exampleTraceIds()).hasSize(5);
        assertThat(drive.found).extracting(Finding::signature).containsOnly("undocumented");
    }

    @Test
    void aServerSpanNamedOtherwiseIsMatchedThroughItsRouteOnTheEnginePath() {
        DetectionEngine engine = new DetectionEngine(List.of(new DocumentationDetector()), EngineSettings.DEFAULTS);
        engine.accept(new SpecPublished("spec-shop-1", "shop", "1.0.0", FlowTraffic.START, "3.1.0", "Shop", "1", 1, 1,
                shopSpec().operations()), FlowTraffic.START);
        List<Finding> found = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Instant at = FlowTraffic.START.plusSeconds(i);
            found.addAll(engine.accept(server("lookup" + i, "OrderResource.get", "GET", "/orders/{orderId}", at), at));
            found.addAll(engine.accept(server("reindex" + i, "reindex", "POST", "/admin/reindex", at), at));
        }
        assertThat(found).isNotEmpty().extracting(Finding::handler).containsOnly("reindex");
        assertThat(found.get(0).details()).containsEntry("operationKey", "POST /admin/reindex");
    }

    private static SpanRecorded server(String traceId, String name, String method, String route, Instant at) {
        return new SpanRecorded("shop", "1.4.0", traceId, "s1", null, name, at, 20, SpanStatus.OK,
                Map.of("http.route", route, "http.request.method", method), SpanKind.SERVER, null);
    }

    @Test
    void documentedOperationNeverCalledForAnHourWhileTheServiceHasTrafficIsRaised() {
        DocumentationDetector detector = new DocumentationDetector();
        detector.onSpec(new ApiSpec("spec-billing", "billing", "2.0.0", FlowTraffic.START,
                List.of(op("GET", "/invoices", null))), f -> { });
        Drive drive = new Drive(detector, 2, true, 0.5);
        drive.run(Duration.ofMinutes(59));
        assertThat(drive.found).isEmpty();
        drive.run(Duration.ofMinutes(3));

        List<Finding> raised = drive.signed("never-seen");
        assertThat(raised).isNotEmpty().extracting(Finding::handler).containsOnly("DELETE /orders/{orderId}");
        assertThat(raised).extracting(Finding::service).as("billing had no traffic at all").containsOnly("shop");
        Finding first = raised.get(0);
        assertThat(first.detectedAt()).isBetween(FlowTraffic.START.plus(Duration.ofHours(1)),
                FlowTraffic.START.plus(Duration.ofHours(1)).plusSeconds(15));
        assertThat(first.onset()).isEqualTo(FlowTraffic.START);
        assertThat(first.score()).isGreaterThanOrEqualTo(1.0);
        assertThat(first.details()).containsEntry("lastSeen", "never");
        assertThat(raised).as("once per second at most")
                .hasSizeLessThanOrEqualTo((int) Duration.between(first.detectedAt(), drive.traffic.clock()).toSeconds() + 1);
    }

    @Test
    void latencyBudgetExceededByTheP95IsRaisedAndAFalsePositiveMovesTheBudget() {
        Drive drive = new Drive(new DocumentationDetector(), 3);
        drive.run(Duration.ofMinutes(10));
        assertThat(drive.found).as("p95 about 155 ms under a 200 ms budget").isEmpty();

        Instant slowStart = drive.traffic.clock();
        drive.lookupMedianMs = 160;
        drive.run(Duration.ofMinutes(6));
        List<Finding> raised = drive.signed("latency-budget");
        assertThat(raised).isNotEmpty().extracting(Finding::handler).containsOnly("GET /orders/{orderId}");
        Finding first = raised.get(0);
        System.out.printf("documentation latency-budget: raised after %s, p95 %.0f ms%n",
                Duration.between(slowStart, first.detectedAt()), first.figures().get("p95Ms"));
        assertThat(Duration.between(slowStart, first.detectedAt())).isLessThan(Duration.ofMinutes(2));
        assertThat(first.onset()).isAfterOrEqualTo(slowStart.minusSeconds(60));
        Finding last = raised.get(raised.size() - 1);
        assertThat(last.figures().get("p95Ms")).isGreaterThan(250);
        assertThat(last.score()).isEqualTo(last.figures().get("p95Ms") / 200.0);
        assertThat(last.exampleTraceIds()).isNotEmpty();

        drive.detector.feedback(new Feedback(Capability.DOCUMENTATION, "shop", last.handler(), last.signature(),
                Feedback.Verdict.FALSE_POSITIVE, last.score(), Instant.now()));
        drive.found.clear();
        drive.run(Duration.ofMinutes(5));
        assertThat(drive.signed("latency-budget")).as("the judged p95 is the budget now").isEmpty();
        drive.lookupMedianMs = 400;
        drive.run(Duration.ofMinutes(3));
        assertThat(drive.signed("latency-budget")).as("well above the moved budget").isNotEmpty();
    }

    @Test
    void aCommonFlowTheDocumentationDoesNotDescribeIsAFlowMismatch() {
        Drive drive = new Drive(new DocumentationDetector(), 4);
        drive.detector.onDocs(docs(List.of(List.of(CHECKOUT, LOAD, FIND, RESERVE, QUOTE, CHARGE))), f -> { });
        drive.run(Duration.ofMinutes(5));

        String cacheHit = DocumentationDetector.hash(List.of(CHECKOUT, LOAD, RESERVE, QUOTE, CHARGE));
        assertThat(drive.found).as("the 30% cache-hit flow; not the 2% audit flows").isNotEmpty()
                .extracting(Finding::signature).containsOnly("flow-mismatch:" + cacheHit);
        Finding last = drive.found.get(drive.found.size() - 1);
        assertThat(last.handler()).isEqualTo("POST /checkout");
        assertThat(last.score()).isBetween(0.2, 0.4);
        assertThat(last.details().get("observedFlow")).doesNotContain("CartRepository");
        assertThat(last.details().get("documentedFlows")).contains("CartRepository");
        assertThat(last.exampleTraceIds()).isNotEmpty();
    }

    @Test
    void aDocumentedFlowNotFollowedForAnHourIsAFlowMismatch() {
        Drive drive = new Drive(new DocumentationDetector(), 5, true, 0.5);
        List<String> fraudCheck = List.of(CHECKOUT, LOAD, FIND, RESERVE, QUOTE, "shop:FraudCheck.score", CHARGE);
        drive.detector.onDocs(docs(List.of(List.of(CHECKOUT, LOAD, FIND, RESERVE, QUOTE, CHARGE),
                List.of(CHECKOUT, LOAD, RESERVE, QUOTE, CHARGE), fraudCheck)), f -> { });
        drive.run(Duration.ofMinutes(59));
        assertThat(drive.found).extracting(Finding::signature).doesNotContain(
                "flow-mismatch:" + DocumentationDetector.hash(fraudCheck));
        drive.run(Duration.ofMinutes(2));

        List<Finding> raised = drive.signed("flow-mismatch:" + DocumentationDetector.hash(fraudCheck));
        assertThat(raised).isNotEmpty();
        assertThat(raised.get(0).details().get("documentedFlow")).contains("FraudCheck");
        assertThat(drive.found).extracting(Finding::signature).as("the two followed flows are fine")
                .containsOnly("flow-mismatch:" + DocumentationDetector.hash(fraudCheck), "never-seen");
    }

    @Test
    void falsePositiveAcceptsAnUndocumentedHandler() {
        Drive drive = new Drive(new DocumentationDetector(), 6);
        drive.run(Duration.ofMinutes(1));
        for (int i = 0; i < 6; i++) {
            drive.send(List.of(REINDEX));
        }
        Finding raised = drive.signed("undocumented").get(0);
        drive.detector.feedback(new Feedback(Capability.DOCUMENTATION, "shop", raised.handler(), raised.signature(),
                Feedback.Verdict.CONFIRMED, raised.score(), Instant.now()));
        drive.run(Duration.ofSeconds(5));
        drive.found.clear();
        drive.send(List.of(REINDEX));
        assertThat(drive.signed("undocumented")).as("confirmed: still raised").hasSize(1);

        drive.detector.feedback(new Feedback(Capability.DOCUMENTATION, "shop", raised.handler(), raised.signature(),
                Feedback.Verdict.FALSE_POSITIVE, raised.score(), Instant.now()));
        drive.found.clear();
        for (int i = 0; i < 20; i++) {
            drive.send(List.of(REINDEX));
        }
        assertThat(drive.found).isEmpty();
    }

    @Test
    void snapshotAsJsonTextRestoresADetectorThatBehavesIdentically() throws Exception {
        Drive original = new Drive(new DocumentationDetector(), 7);
        original.detector.onDocs(docs(List.of(List.of(CHECKOUT, LOAD, FIND, RESERVE, QUOTE, CHARGE))), f -> { });
        original.run(Duration.ofMinutes(5));
        original.lookupMedianMs = 200;
        original.run(Duration.ofMinutes(2));
        for (int i = 0; i < 3; i++) {
            original.send(List.of(REINDEX));
        }
        String json = MAPPER.writeValueAsString(original.detector.snapshot(MAPPER));
        DocumentationDetector restored = new DocumentationDetector();
        restored.restore(MAPPER.readTree(json), MAPPER);

        List<Finding> fromOriginal = new ArrayList<>();
        List<Finding> fromRestored = new ArrayList<>();
        Drive other = new Drive(restored, 99, false);
        original.found.clear();
        other.found.clear();
        Instant until = original.traffic.clock().plus(Duration.ofMinutes(3));
        while (original.traffic.clock().isBefore(until)) {
            Random r = original.traffic.random();
            List<String> flow = r.nextDouble() < 0.05 ? List.of(REINDEX) : r.nextDouble() < 0.6 ? checkout(r) : List.of(LOOKUP);
            double lookup = 200 * Math.exp(0.4 * r.nextGaussian());
            String id = original.traffic.nextTraceId();
            Trace trace = Trace.of(id, FlowTraffic.spans(id, original.traffic.nextStart(), flow, "1.4.0",
                    step -> step.equals(LOOKUP) ? lookup : 10.0));
            original.send(trace);
            other.send(trace);
        }
        fromOriginal.addAll(original.found);
        fromRestored.addAll(other.found);
        assertThat(fromOriginal).extracting(Finding::signature)
                .contains("undocumented", "latency-budget").anyMatch(s -> s.startsWith("flow-mismatch:"));
        assertThat(fromRestored).isEqualTo(fromOriginal);
    }
}
