package dev.selfheal.detection.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.contracts.v1.SpanKind;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.contracts.v1.TestReportFormat;
import dev.selfheal.contracts.v1.TestReportRecorded;
import dev.selfheal.contracts.v1.TestReportRecorded.ClassCoverage;
import dev.selfheal.contracts.v1.TestReportRecorded.Counter;
import dev.selfheal.contracts.v1.TestReportRecorded.MethodCoverage;
import dev.selfheal.detection.engine.DetectionEngine;
import dev.selfheal.detection.engine.EngineSettings;
import dev.selfheal.detection.engine.Feedback;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.detection.engine.TestReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CoverageDetectorTest {

    private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ORDERS = "com.shop.OrderResource";

    /** A JaCoCo report of the shop: which OrderResource methods ran in tests. */
    static TestReport report(String id, String version, Map<String, Boolean> methods) {
        List<MethodCoverage> covered = new ArrayList<>();
        methods.forEach((name, ran) -> covered.add(new MethodCoverage(name, "()V", 10,
                new Counter(ran ? 0 : 12, ran ? 12 : 0), null, null)));
        return new TestReport(id, "shop", version, TestReportFormat.JACOCO, START,
                List.of(new ClassCoverage(ORDERS, "OrderResource.java", covered)), List.of());
    }

    /** The shop's handlers, their share of calls and the method behind each. */
    private record Handler(String name, String method, double weight) {
    }

    private static final List<Handler> HANDLERS = List.of(
            new Handler("POST /orders", "create", 0.5),
            new Handler("GET /orders/{id}", "get", 0.3),
            new Handler("DELETE /orders/{id}", "cancel", 0.1),
            new Handler("GET /health", null, 0.1));

    /** Feeds spans at five calls per second as the engine would: watermark first, then the span. */
    private static final class Drive {
        final CoverageDetector detector;
        final Random random;
        final List<Finding> found = new ArrayList<>();
        Instant clock = START;
        String version = "1.0.0";
        int n;

        Drive(CoverageDetector detector, long seed) {
            this.detector = detector;
            this.random = new Random(seed);
        }

        void run(Duration d) {
            Instant until = clock.plus(d);
            while (clock.isBefore(until)) {
                double pick = random.nextDouble();
                Handler h = HANDLERS.get(HANDLERS.size() - 1);
                for (Handler candidate : HANDLERS) {
                    pick -= candidate.weight();
                    if (pick < 0) {
                        h = candidate;
                        break;
                    }
                }
                send(h.name(), h.method() == null ? Map.of() : Map.of("code.namespace", ORDERS, "code.function",
                        h.method()));
            }
        }

        void send(String handler, Map<String, String> attributes) {
            clock = clock.plusMillis(200);
            SpanRecorded span = new SpanRecorded("shop", version, "t" + (++n), "s1", null, handler, clock, 15,
                    SpanStatus.OK, attributes, SpanKind.SERVER, null);
            detector.advance(clock.plusMillis(15), found::add);
            detector.onSpan(span, found::add);
        }

        void report(TestReport report) {
            detector.onTestReport(report, found::add);
        }

        List<Finding> about(String handler) {
            return found.stream().filter(f -> f.handler().equals(handler)).toList();
        }
    }

    private static final Map<String, Boolean> CREATE_AND_CANCEL_UNTESTED = Map.of("create", false, "get", true,
            "cancel", false, "list", false);

    @Test
    void uncoveredHandlersAreRaisedAfterTenCallsAndRankedByTraffic() {
        Drive drive = new Drive(new CoverageDetector(), 1);
        drive.report(report("r1", "1.0.0", CREATE_AND_CANCEL_UNTESTED));
        drive.run(Duration.ofMinutes(3));

        assertThat(drive.found).extracting(Finding::handler).as("get is covered, list never called, health has no code")
                .containsOnly("POST /orders", "DELETE /orders/{id}");
        assertThat(drive.found).allSatisfy(f -> {
            assertThat(f.capability()).isEqualTo(Capability.COVERAGE);
            assertThat(f.signature()).isEqualTo("uncovered");
            assertThat(f.details()).containsEntry("class", ORDERS).containsEntry("reportId", "r1");
            assertThat(f.exampleTraceIds()).hasSize(5);
            assertThat(f.figures()).containsEntry("handlersWithoutCode", 1.0);
        });
        Finding firstCreate = drive.about("POST /orders").get(0);
        assertThat(firstCreate.figures()).containsEntry("callsSinceReport", 10.0);
        assertThat(firstCreate.details()).containsEntry("method", "create");

        Finding create = last(drive.about("POST /orders"));
        Finding cancel = last(drive.about("DELETE /orders/{id}"));
        assertThat(create.details()).containsEntry("rank", "1 of 2");
        assertThat(cancel.details()).containsEntry("rank", "2 of 2");
        assertThat(create.score()).isBetween(0.4, 0.6);
        assertThat(cancel.score()).isBetween(0.05, 0.15);
        assertThat(create.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(create.figures().get("callsPerMinute")).isBetween(100.0, 200.0);
        assertThat(drive.about("POST /orders")).as("at most once per event-time second")
                .hasSizeLessThanOrEqualTo(3 * 60 + 1);
    }

    private static Finding last(List<Finding> findings) {
        return findings.get(findings.size() - 1);
    }

    @Test
    void aNewReportIsJudgedAfreshAndANewlyCoveredHandlerStopsRaising() {
        Drive drive = new Drive(new CoverageDetector(), 2);
        drive.report(report("r1", "1.0.0", CREATE_AND_CANCEL_UNTESTED));
        drive.run(Duration.ofMinutes(1));
        assertThat(drive.about("POST /orders")).isNotEmpty();

        Instant arrived = drive.clock;
        drive.report(report("r2", "1.0.0", Map.of("create", true, "get", true, "cancel", false)));
        drive.found.clear();
        drive.run(Duration.ofMinutes(1));

        assertThat(drive.about("POST /orders")).isEmpty();
        List<Finding> cancel = drive.about("DELETE /orders/{id}");
        assertThat(cancel).isNotEmpty().allSatisfy(f -> assertThat(f.details()).containsEntry("reportId", "r2"));
        assertThat(cancel.get(0).figures()).as("counted again since r2").containsEntry("callsSinceReport", 10.0);
        assertThat(cancel.get(0).onset()).isAfter(arrived);
        assertThat(cancel.get(0).details()).containsEntry("rank", "1 of 1");
    }

    @Test
    void theReportOfTheObservedVersionIsPreferredElseTheLatest() {
        Drive drive = new Drive(new CoverageDetector(), 3);
        drive.report(report("r-old", "1.0.0", CREATE_AND_CANCEL_UNTESTED));
        drive.report(report("r-new", "1.1.0", Map.of("create", true, "get", true, "cancel", true)));

        drive.run(Duration.ofMinutes(1));
        assertThat(drive.found).as("1.0.0 judged by its own report").isNotEmpty()
                .allSatisfy(f -> assertThat(f.details()).containsEntry("reportId", "r-old"));

        drive.found.clear();
        drive.version = "1.1.0";
        drive.run(Duration.ofMinutes(1));
        drive.version = "1.2.0";
        drive.run(Duration.ofMinutes(1));
        assertThat(drive.found).as("1.1.0 by its own, 1.2.0 (no report) by the latest: all covered").isEmpty();
    }

    @Test
    void theNewerCodeFunctionNameAttributeIsUnderstood() {
        Drive drive = new Drive(new CoverageDetector(), 4);
        drive.report(report("r1", "1.0.0", CREATE_AND_CANCEL_UNTESTED));
        for (int i = 0; i < 12; i++) {
            drive.send("orders.create", Map.of("code.function.name", ORDERS + ".create"));
            drive.send("GET /orders/{id}", Map.of("code.function.name", ORDERS + ".get"));
        }
        assertThat(drive.found).isNotEmpty().extracting(Finding::handler).containsOnly("orders.create");
        assertThat(drive.found.get(0).details()).containsEntry("class", ORDERS).containsEntry("method", "create");
    }

    @Test
    void onTheEnginePathAMultiPartReportIsAssembledFirst() {
        DetectionEngine engine = new DetectionEngine(List.of(new CoverageDetector()), EngineSettings.DEFAULTS);
        TestReport whole = report("r1", "1.0.0", CREATE_AND_CANCEL_UNTESTED);
        for (int part = 1; part <= 2; part++) {
            engine.accept(new TestReportRecorded("r1", "shop", "1.0.0", TestReportFormat.JACOCO, "shop", START, part, 2,
                    null, part == 1 ? whole.classes() : List.of(), null, null), START);
        }
        List<Finding> found = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Instant at = START.plusSeconds(i);
            found.addAll(engine.accept(new SpanRecorded("shop", "1.0.0", "t" + i, "s1", null, "POST /orders", at, 20,
                    SpanStatus.OK, Map.of("code.namespace", ORDERS, "code.function", "create"), SpanKind.SERVER,
                    null), at));
        }
        assertThat(found).hasSize(1);
        assertThat(found.get(0).onset()).isEqualTo(START);
    }

    @Test
    void falsePositiveAcceptsTheHandlerAndConfirmedChangesNothing() {
        Drive drive = new Drive(new CoverageDetector(), 5);
        drive.report(report("r1", "1.0.0", CREATE_AND_CANCEL_UNTESTED));
        drive.run(Duration.ofMinutes(1));
        Finding create = drive.about("POST /orders").get(0);
        Finding cancel = drive.about("DELETE /orders/{id}").get(0);
        drive.detector.feedback(feedback(create, Feedback.Verdict.FALSE_POSITIVE));
        drive.detector.feedback(feedback(cancel, Feedback.Verdict.CONFIRMED));
        drive.found.clear();
        drive.run(Duration.ofMinutes(1));
        assertThat(drive.found).isNotEmpty().extracting(Finding::handler).containsOnly("DELETE /orders/{id}");
        assertThat(drive.found).allSatisfy(f -> assertThat(f.details()).containsEntry("rank", "1 of 1"));
    }

    private static Feedback feedback(Finding f, Feedback.Verdict verdict) {
        return new Feedback(f.capability(), f.service(), f.handler(), f.signature(), verdict, f.score(),
                Instant.parse("2026-01-05T12:00:00Z"));
    }

    @Test
    void snapshotAsJsonTextRestoresADetectorThatBehavesIdentically() throws Exception {
        Drive original = new Drive(new CoverageDetector(), 6);
        original.report(report("r1", "1.0.0", CREATE_AND_CANCEL_UNTESTED));
        original.run(Duration.ofSeconds(90));
        CoverageDetector restored = new CoverageDetector();
        restored.restore(MAPPER.readTree(MAPPER.writeValueAsString(original.detector.snapshot(MAPPER))), MAPPER);

        Drive copy = new Drive(restored, 6);
        copy.clock = original.clock;
        copy.n = original.n;
        original.found.clear();
        original.random.setSeed(77);
        copy.random.setSeed(77);
        original.run(Duration.ofMinutes(2));
        copy.run(Duration.ofMinutes(2));
        assertThat(original.found).isNotEmpty();
        assertThat(copy.found).isEqualTo(original.found);
    }
}
