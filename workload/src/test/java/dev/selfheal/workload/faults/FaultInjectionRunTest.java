package dev.selfheal.workload.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.workload.shop.SimClock;
import dev.selfheal.workload.shop.Spans;
import dev.selfheal.workload.shop.TelemetrySink;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectionRunTest {

    private static final Instant START = Instant.parse("2026-11-30T08:00:00Z");
    private static final FaultPlan PLAN = FaultPlan.evaluation(Duration.ofMinutes(2), Duration.ofMinutes(1),
            Duration.ofMinutes(1), 1);

    /** Everything a run sent, in the order it was sent. */
    static final class Recording implements TelemetrySink {
        final List<Object> sent = new ArrayList<>();
        final List<Injection> truth = new ArrayList<>();
        final List<String> truthLines = new ArrayList<>();

        @Override
        public void export(ExportTraceServiceRequest request) {
            sent.add(request);
        }

        @Override
        public void spec(String service, String version, String openApiJson) {
            sent.add("spec " + service + " " + version);
        }

        @Override
        public void testReport(String service, String version, String xml) {
            sent.add("report " + service + " " + version);
        }

        List<ExportTraceServiceRequest> exports() {
            return sent.stream().filter(ExportTraceServiceRequest.class::isInstance)
                    .map(ExportTraceServiceRequest.class::cast).toList();
        }
    }

    static Recording run(long seed) throws Exception {
        Recording recording = new Recording();
        new FaultInjectionRun(new FaultInjectionRun.Settings(new SimClock(START, 0), 10, seed, PLAN, 1000, 512),
                recording, injection -> {
                    recording.truth.add(injection);
                    recording.truthLines.add(injection.toJsonLine());
                }).run();
        return recording;
    }

    @Test
    void aSeedGivesTheSameRunByteForByte() throws Exception {
        Recording first = run(42);
        Recording second = run(42);
        assertThat(second.truthLines).isEqualTo(first.truthLines);
        assertThat(second.sent).hasSameSizeAs(first.sent);
        for (int i = 0; i < first.sent.size(); i++) {
            Object a = first.sent.get(i);
            Object b = second.sent.get(i);
            if (a instanceof ExportTraceServiceRequest r) {
                assertThat(Arrays.equals(r.toByteArray(), ((ExportTraceServiceRequest) b).toByteArray())).isTrue();
            } else {
                assertThat(b).isEqualTo(a);
            }
        }
        assertThat(run(43).truthLines).isNotEqualTo(first.truthLines);
    }

    @Test
    void oneFaultOfEachKindInTurnAtThePlannedTimesWithTheEvidenceOfItsRelease() throws Exception {
        Recording run = run(7);
        assertThat(run.truth).extracting(Injection::kind).containsExactly(FaultKind.values());
        for (Injection injection : run.truth) {
            Instant onset = START.plus(Duration.ofMinutes(2 + 2L * (injection.trial() - 1)));
            assertThat(injection.onset()).isEqualTo(onset);
            assertThat(injection.end()).isEqualTo(onset.plus(Duration.ofMinutes(1)));
            assertThat(FaultCatalog.variants(injection.kind())).contains(injection.variant());
            if (injection.previousVersion() != null) {
                int evidence = run.sent.indexOf("spec " + injection.service() + " " + injection.version());
                assertThat(evidence).isPositive();
                assertThat(run.sent.get(evidence + 1)).isEqualTo("report " + injection.service() + " " + injection.version());
                int firstSpan = -1;
                for (int i = 0; i < run.sent.size() && firstSpan < 0; i++) {
                    if (run.sent.get(i) instanceof ExportTraceServiceRequest r && Spans.decode(List.of(r)).stream()
                            .anyMatch(s -> s.service().equals(injection.service()) && s.version().equals(injection.version()))) {
                        firstSpan = i;
                    }
                }
                assertThat(firstSpan).as("first span of the release").isGreaterThan(evidence);
            }
            JsonNode line = new ObjectMapper().readTree(injection.toJsonLine());
            assertThat(line.path("kind").asText()).isEqualTo(injection.kind().name());
            assertThat(Instant.parse(line.path("onset").asText())).isEqualTo(onset);
        }
        assertThat(run.sent.subList(0, 14)).allSatisfy(s -> assertThat(s).isInstanceOf(String.class));
    }

    @Test
    void spansStayWithinTheRunAndReleasedVersionsWithinTheirFault() throws Exception {
        Recording run = run(9);
        long end = SimClock.nanos(START.plus(PLAN.total()));
        List<Spans.Decoded> spans = Spans.decode(run.exports());
        assertThat(spans).hasSizeGreaterThan(10 * 60 * 16 * 5);
        assertThat(spans).allSatisfy(s -> assertThat(s.span().getStartTimeUnixNano())
                .isBetween(SimClock.nanos(START), end));
        for (Injection injection : run.truth) {
            if (injection.previousVersion() != null) {
                assertThat(spans).filteredOn(s -> s.service().equals(injection.service())
                        && s.version().equals(injection.version())).isNotEmpty().allSatisfy(s -> assertThat(
                        s.span().getStartTimeUnixNano()).isBetween(SimClock.nanos(injection.onset()),
                        SimClock.nanos(injection.end())));
            }
        }
    }

    @Test
    void continuousFaultsNeverOverlap() {
        var trials = FaultPlan.continuous(Duration.ofMinutes(15), Duration.ofMinutes(2), Duration.ofMinutes(10))
                .trials(new java.util.SplittableRandom(3));
        FaultPlan.Trial previous = trials.next();
        assertThat(previous.onset()).isEqualTo(Duration.ofMinutes(15));
        for (int i = 0; i < 50; i++) {
            FaultPlan.Trial next = trials.next();
            assertThat(next.onset()).isGreaterThan(previous.end());
            assertThat(next.kind()).isEqualTo(FaultKind.values()[(next.number() - 1) % 7]);
            previous = next;
        }
    }
}
