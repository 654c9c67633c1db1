package dev.selfheal.detection.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.DocsRegenerated;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.detection.engine.DetectionEngine;
import dev.selfheal.detection.engine.EngineSettings;
import dev.selfheal.detection.engine.Feedback;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.detection.engine.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BehaviourDetectorTest {

    static final String ENTRY = "shop:POST /checkout";
    static final String LOAD = "shop:CartService.load";
    static final String FIND = "shop:CartRepository.find";
    static final String RESERVE = "inventory:POST /reservations";
    static final String QUOTE = "shop:PricingService.quote";
    static final String AUDIT = "shop:AuditLog.write";
    static final String CHARGE = "payments:POST /charges";
    static final String FRAUD = "shop:FraudCheck.score";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The checkout flow: 30% of carts come from the cache (no repository step), 2% write an audit record. */
    static List<String> normal(Random random) {
        List<String> flow = new ArrayList<>(List.of(ENTRY, LOAD));
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

    /** A fault injected into every trace, and the finding it must give. */
    enum Fault {
        SKIPPED_STEP("missing-step:" + RESERVE, flow -> without(flow, RESERVE)),
        SWAPPED_ORDER("reordered:" + RESERVE + "|" + QUOTE, flow -> {
            List<String> swapped = new ArrayList<>(flow);
            int reserve = swapped.indexOf(RESERVE);
            swapped.set(reserve, QUOTE);
            swapped.set(reserve + 1, RESERVE);
            return swapped;
        }),
        NEW_STEP("unseen-step:" + FRAUD, flow -> {
            List<String> added = new ArrayList<>(flow);
            added.add(added.indexOf(QUOTE) + 1, FRAUD);
            return added;
        });

        final String signature;
        final UnaryOperator<List<String>> inject;

        Fault(String signature, UnaryOperator<List<String>> inject) {
            this.signature = signature;
            this.inject = inject;
        }
    }

    private static List<String> without(List<String> flow, String step) {
        List<String> less = new ArrayList<>(flow);
        less.remove(step);
        return less;
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void faultInEveryTraceIsRaisedWithin30SecondsThroughTheEngine(Fault fault) {
        DetectionEngine engine = new DetectionEngine(List.of(new BehaviourDetector()), EngineSettings.DEFAULTS);
        FlowTraffic traffic = new FlowTraffic(42, 3);
        List<Finding> found = new ArrayList<>();
        while (traffic.clock().isBefore(FlowTraffic.START.plus(Duration.ofMinutes(10)))) {
            send(engine, traffic, normal(traffic.random()), found);
        }
        assertThat(found).as("normal traffic with a 30% cache hit and a 2% optional step").isEmpty();

        Instant faultStart = traffic.clock();
        while (traffic.clock().isBefore(faultStart.plus(Duration.ofSeconds(60)))) {
            send(engine, traffic, fault.inject.apply(normal(traffic.random())), found);
        }

        assertThat(found).isNotEmpty();
        assertThat(found).extracting(Finding::signature).containsOnly(fault.signature);
        Finding first = found.get(0);
        Duration delay = Duration.between(faultStart, first.detectedAt());
        System.out.printf("behaviour %s: raised %s after %s of event time%n", fault, first.signature(), delay);
        assertThat(delay).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(first.capability()).isEqualTo(Capability.BEHAVIORAL);
        assertThat(first.service()).isEqualTo("shop");
        assertThat(first.handler()).isEqualTo("POST /checkout");
        assertThat(first.onset()).isAfterOrEqualTo(faultStart).isBefore(first.detectedAt());
        assertThat(first.exampleTraceIds()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        assertThat(first.details().get("expectedFlow")).contains(RESERVE);
        assertThat(first.details().get("observedFlow")).isNotEqualTo(first.details().get("expectedFlow"));
        Finding last = found.get(found.size() - 1);
        assertThat(last.score()).as("share of recent traces once the window is full of faulty ones").isGreaterThan(0.9);
        assertThat(last.onset()).as("onset kept while the problem holds").isEqualTo(first.onset());
        assertThat(found).as("at most one finding per event-time second")
                .hasSizeLessThanOrEqualTo((int) Duration.between(first.detectedAt(), last.detectedAt()).toSeconds() + 1);
    }

    private static void send(DetectionEngine engine, FlowTraffic traffic, List<String> flow, List<Finding> found) {
        String traceId = traffic.nextTraceId();
        for (SpanRecorded span : FlowTraffic.spans(traceId, traffic.nextStart(), flow)) {
            found.addAll(engine.accept(span, span.start()));
        }
    }

    @Test
    void anHourOfNormalTrafficWithRareVariantsRaisesNothing() {
        BehaviourDetector detector = new BehaviourDetector();
        FlowTraffic traffic = new FlowTraffic(7, 3);
        List<Finding> found = new ArrayList<>();
        int traces = 0;
        while (traffic.clock().isBefore(FlowTraffic.START.plus(Duration.ofHours(1)))) {
            Random r = traffic.random();
            List<String> flow = r.nextDouble() < 0.25
                    // a second entry: an order lookup that usually hits the cache, rarely retries the repository
                    ? lookup(r)
                    : normal(r);
            found.addAll(traffic.feed(detector, flow));
            traces++;
        }
        assertThat(traces).isGreaterThan(10_000);
        assertThat(found).isEmpty();
    }

    private static List<String> lookup(Random r) {
        List<String> flow = new ArrayList<>(List.of("shop:GET /orders/{id}", "shop:OrderCache.get"));
        if (r.nextDouble() < 0.4) {
            flow.add("shop:OrderRepository.find");
            if (r.nextDouble() < 0.05) {
                flow.add("shop:OrderRepository.find");
            }
        }
        return flow;
    }

    @Test
    void nothingIsJudgedBeforeTheEntryHasEnoughTraces() {
        List<List<String>> flows = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 100; i++) {
            flows.add(normal(random));
        }
        for (int i = 0; i < 99; i++) {
            flows.add(Fault.NEW_STEP.inject.apply(normal(random)));
        }

        assertThat(run(new BehaviourDetector(), flows)).as("199 traces, cold start lasts 200").isEmpty();
        BehaviourSettings shortColdStart = withMinTraces(BehaviourSettings.DEFAULTS, 50);
        assertThat(run(new BehaviourDetector(shortColdStart), flows)).as("the same traffic after a 50-trace cold start")
                .extracting(Finding::signature).contains("unseen-step:" + FRAUD);
    }

    private static BehaviourSettings withMinTraces(BehaviourSettings s, int minTraces) {
        return new BehaviourSettings(minTraces, s.relearnEvery(), s.support(), s.window(), s.windowCap(),
                s.minOccurrences(), s.minShare(), s.rareVariantShare(), s.maxLearntTraces(), s.maxVariants(),
                s.maxEntries(), s.minRaiseInterval(), s.maxExamples());
    }

    private static List<Finding> run(BehaviourDetector detector, List<List<String>> flows) {
        FlowTraffic traffic = new FlowTraffic(1, 3);
        List<Finding> found = new ArrayList<>();
        flows.forEach(flow -> found.addAll(traffic.feed(detector, flow)));
        return found;
    }

    @Test
    void aSingleOddTraceOrAFewDoNotRaise() {
        BehaviourDetector detector = new BehaviourDetector();
        FlowTraffic traffic = new FlowTraffic(5, 3);
        List<Finding> found = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            List<String> flow = normal(traffic.random());
            // four faulty traces in a row, then one every 100 traces: never recurring enough
            boolean odd = (i >= 500 && i < 504) || i % 100 == 0 && i > 600;
            found.addAll(traffic.feed(detector, odd ? Fault.SKIPPED_STEP.inject.apply(flow) : flow));
        }
        assertThat(found).isEmpty();
    }

    @Test
    void snapshotAsJsonTextRestoresADetectorThatBehavesIdentically() throws Exception {
        BehaviourDetector original = new BehaviourDetector();
        FlowTraffic traffic = new FlowTraffic(11, 3);
        for (int i = 0; i < 1_000; i++) {
            traffic.feed(original, normal(traffic.random()));
        }
        for (int i = 0; i < 20; i++) {
            traffic.feed(original, Fault.SWAPPED_ORDER.inject.apply(normal(traffic.random())));
        }
        String json = MAPPER.writeValueAsString(original.snapshot(MAPPER));
        BehaviourDetector restored = new BehaviourDetector();
        restored.restore(MAPPER.readTree(json), MAPPER);

        List<Finding> fromOriginal = new ArrayList<>();
        List<Finding> fromRestored = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            List<String> flow = Fault.SWAPPED_ORDER.inject.apply(normal(traffic.random()));
            String traceId = traffic.nextTraceId();
            Trace trace = Trace.of(traceId, FlowTraffic.spans(traceId, traffic.nextStart(), flow));
            fromOriginal.addAll(FlowTraffic.feed(original, trace));
            fromRestored.addAll(FlowTraffic.feed(restored, trace));
        }
        assertThat(fromOriginal).isNotEmpty();
        assertThat(fromRestored).isEqualTo(fromOriginal);
        JsonNode again = restored.snapshot(MAPPER);
        assertThat(again).isEqualTo(original.snapshot(MAPPER));
    }

    @Test
    void falsePositiveFeedbackMakesTheFlowNormalAndConfirmedChangesNothing() {
        BehaviourDetector confirmed = new BehaviourDetector();
        BehaviourDetector rejected = new BehaviourDetector();
        FlowTraffic traffic = new FlowTraffic(13, 3);
        List<Trace> warmUp = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String id = traffic.nextTraceId();
            warmUp.add(Trace.of(id, FlowTraffic.spans(id, traffic.nextStart(), normal(traffic.random()))));
        }
        List<Finding> before = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = traffic.nextTraceId();
            warmUp.add(Trace.of(id, FlowTraffic.spans(id, traffic.nextStart(),
                    Fault.NEW_STEP.inject.apply(normal(traffic.random())))));
        }
        for (Trace t : warmUp) {
            before.addAll(FlowTraffic.feed(confirmed, t));
            FlowTraffic.feed(rejected, t);
        }
        Finding raised = before.get(before.size() - 1);
        assertThat(raised.signature()).isEqualTo("unseen-step:" + FRAUD);
        confirmed.feedback(verdict(raised, Feedback.Verdict.CONFIRMED));
        rejected.feedback(verdict(raised, Feedback.Verdict.FALSE_POSITIVE));

        List<Finding> afterConfirmed = new ArrayList<>();
        List<Finding> afterRejected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = traffic.nextTraceId();
            Trace t = Trace.of(id, FlowTraffic.spans(id, traffic.nextStart(),
                    Fault.NEW_STEP.inject.apply(normal(traffic.random()))));
            afterConfirmed.addAll(FlowTraffic.feed(confirmed, t));
            afterRejected.addAll(FlowTraffic.feed(rejected, t));
        }
        assertThat(afterConfirmed).extracting(Finding::signature).contains("unseen-step:" + FRAUD);
        assertThat(afterRejected).isEmpty();
    }

    private static Feedback verdict(Finding f, Feedback.Verdict verdict) {
        return new Feedback(f.capability(), f.service(), f.handler(), f.signature(), verdict, f.score(),
                Instant.parse("2026-01-05T12:00:00Z"));
    }

    private static DocsRegenerated docs(List<List<String>> flows) {
        return new DocsRegenerated("shop", 3, FlowTraffic.START, "telemetry", List.of(), 4,
                flows.stream().map(steps -> new DocsRegenerated.DocumentedFlow(ENTRY, steps)).toList());
    }

    private static final List<List<String>> DOCUMENTED = List.of(
            List.of(ENTRY, LOAD, FIND, RESERVE, QUOTE, CHARGE),
            List.of(ENTRY, LOAD, RESERVE, QUOTE, CHARGE));

    @Test
    void aRareFlowMatchingNoDocumentedFlowIsUndocumented() {
        BehaviourDetector detector = new BehaviourDetector();
        detector.onDocs(docs(DOCUMENTED), f -> { });
        FlowTraffic traffic = new FlowTraffic(17, 3);
        List<Finding> found = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            found.addAll(traffic.feed(detector, normal(traffic.random())));
        }
        assertThat(found).as("the 2% audit flows are undocumented but not rare").isEmpty();
        for (int i = 0; i < 100; i++) {
            found.addAll(traffic.feed(detector, Fault.SWAPPED_ORDER.inject.apply(normal(traffic.random()))));
        }
        assertThat(found).extracting(Finding::signature)
                .contains("undocumented-flow", Fault.SWAPPED_ORDER.signature);
    }

    @Test
    void aDocumentedFlowIsNormalEvenWhenNeverLearnt() {
        BehaviourDetector detector = new BehaviourDetector();
        List<List<String>> documented = new ArrayList<>(DOCUMENTED);
        documented.add(List.of(ENTRY, LOAD, FIND, RESERVE, QUOTE, FRAUD, CHARGE));
        detector.onDocs(docs(documented), f -> { });
        FlowTraffic traffic = new FlowTraffic(19, 3);
        List<Finding> found = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            found.addAll(traffic.feed(detector, normal(traffic.random())));
        }
        for (int i = 0; i < 100; i++) {
            List<String> flow = normal(traffic.random());
            found.addAll(traffic.feed(detector, flow.contains(FIND) && !flow.contains(AUDIT)
                    ? Fault.NEW_STEP.inject.apply(flow) : flow));
        }
        assertThat(found).isEmpty();
    }
}
