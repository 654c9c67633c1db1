package dev.selfheal.telemetry.evidence.testreport;

import dev.selfheal.contracts.v1.TestReportRecorded;
import dev.selfheal.contracts.v1.TestReportRecorded.ClassCoverage;
import dev.selfheal.contracts.v1.TestReportRecorded.MethodCoverage;
import dev.selfheal.contracts.v1.TestReportRecorded.TestCase;
import dev.selfheal.telemetry.evidence.EventParts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Turns a read report into the {@link TestReportRecorded} events it travels in: as few parts as keep each
 * event's JSON within {@code maxEventBytes}. Every part repeats the report's identity and totals, so a consumer
 * can use any part on its own.
 */
final class TestReportEvents {

    /** Room left for what grows with the slice count (part numbers) and for rounding in the size estimate. */
    private static final int MARGIN = 256;

    private final ToIntFunction<Object> jsonSize;
    private final int maxEventBytes;

    /**
     * @param jsonSize      the size in bytes of a value serialised as the Kafka serializer will write it
     * @param maxEventBytes the largest event payload allowed
     */
    TestReportEvents(ToIntFunction<Object> jsonSize, int maxEventBytes) {
        this.jsonSize = jsonSize;
        this.maxEventBytes = maxEventBytes;
    }

    List<TestReportRecorded> of(String reportId, String service, String version, Instant receivedAt,
            ParsedTestReport report) {
        if (report instanceof ParsedTestReport.Coverage coverage) {
            TestReportRecorded envelope = new TestReportRecorded(reportId, service, version, coverage.format(),
                    coverage.name(), receivedAt, 1, 1, coverage.totals(), List.of(), null, null);
            int budget = budget(envelope);
            List<ClassCoverage> fitting = new ArrayList<>();
            coverage.classes().forEach(c -> fitting.addAll(fit(c, budget)));
            List<List<ClassCoverage>> parts = EventParts.pack(fitting, jsonSize::applyAsInt, budget,
                    c -> "class " + c.name());
            List<TestReportRecorded> events = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                events.add(new TestReportRecorded(reportId, service, version, coverage.format(), coverage.name(),
                        receivedAt, i + 1, parts.size(), coverage.totals(), parts.get(i), null, null));
            }
            return events;
        }
        ParsedTestReport.TestResults results = (ParsedTestReport.TestResults) report;
        TestReportRecorded envelope = new TestReportRecorded(reportId, service, version, results.format(),
                results.name(), receivedAt, 1, 1, null, null, results.totals(), List.of());
        List<List<TestCase>> parts = EventParts.pack(results.cases(), jsonSize::applyAsInt, budget(envelope),
                t -> "test case " + t.className() + "." + t.name());
        List<TestReportRecorded> events = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            events.add(new TestReportRecorded(reportId, service, version, results.format(), results.name(),
                    receivedAt, i + 1, parts.size(), null, null, results.totals(), parts.get(i)));
        }
        return events;
    }

    private int budget(TestReportRecorded envelope) {
        return maxEventBytes - jsonSize.applyAsInt(envelope) - MARGIN;
    }

    /** The class itself, or, when its methods alone outgrow one event, slices of it under the same name. */
    private List<ClassCoverage> fit(ClassCoverage type, int budget) {
        if (jsonSize.applyAsInt(type) < budget) {
            return List.of(type);
        }
        int overhead = jsonSize.applyAsInt(new ClassCoverage(type.name(), type.sourceFile(), List.of()));
        return EventParts.pack(type.methods(), jsonSize::applyAsInt, budget - overhead,
                        (MethodCoverage m) -> "method " + type.name() + "." + m.name() + m.descriptor()).stream()
                .map(methods -> new ClassCoverage(type.name(), type.sourceFile(), methods))
                .toList();
    }
}
