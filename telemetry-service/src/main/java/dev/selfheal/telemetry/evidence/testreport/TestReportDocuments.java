package dev.selfheal.telemetry.evidence.testreport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.contracts.v1.TestReportRecorded;
import dev.selfheal.telemetry.evidence.EvidenceRequest;
import java.time.Instant;
import java.util.List;

/**
 * The events a JaCoCo or JUnit XML report becomes, computed exactly as {@code POST /api/test-reports} does (same
 * parser, ids and parts) but without storing or publishing them: for callers that run the detectors in process,
 * such as the fault-injection evaluation.
 */
public final class TestReportDocuments {

    private TestReportDocuments() {
    }

    /**
     * @param maxEventBytes the largest event payload (telemetry-service's {@code selfheal.evidence.max-event-size})
     * @throws dev.selfheal.platform.problem.ProblemException when the report is not a readable JaCoCo or JUnit one
     */
    public static List<TestReportRecorded> events(String service, String version, byte[] body, Instant receivedAt,
            ObjectMapper mapper, int maxEventBytes) {
        ParsedTestReport report = TestReportParser.parse(body);
        String reportId = TestReportRecorded.reportIdOf(service, version, report.format(), EvidenceRequest.digest(body));
        TestReportEvents events = new TestReportEvents(value -> size(mapper, value), maxEventBytes);
        return events.of(reportId, service, version, receivedAt, report);
    }

    private static int size(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsBytes(value).length;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable: " + value, e);
        }
    }
}
