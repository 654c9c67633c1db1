package dev.selfheal.detection.engine;

import dev.selfheal.contracts.v1.TestReportFormat;
import dev.selfheal.contracts.v1.TestReportRecorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A whole test report, assembled from its parts.
 *
 * @param reportId   the report's id
 * @param service    the service the tests ran against
 * @param version    that service's version
 * @param format     JaCoCo or JUnit
 * @param receivedAt when telemetry-service received it
 * @param classes    JaCoCo: every class with its methods' coverage (empty for JUnit)
 * @param testCases  JUnit: every test case (empty for JaCoCo)
 */
public record TestReport(String reportId, String service, String version, TestReportFormat format,
        Instant receivedAt, List<TestReportRecorded.ClassCoverage> classes,
        List<TestReportRecorded.TestCase> testCases) {

    public TestReport {
        classes = List.copyOf(classes);
        testCases = List.copyOf(testCases);
    }

    /** Joins the parts of one report (all of them, any order). */
    public static TestReport of(List<TestReportRecorded> parts) {
        List<TestReportRecorded> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparingInt(TestReportRecorded::part));
        TestReportRecorded first = ordered.get(0);
        List<TestReportRecorded.ClassCoverage> classes = new ArrayList<>();
        List<TestReportRecorded.TestCase> cases = new ArrayList<>();
        for (TestReportRecorded part : ordered) {
            if (part.classes() != null) {
                classes.addAll(part.classes());
            }
            if (part.testCases() != null) {
                cases.addAll(part.testCases());
            }
        }
        return new TestReport(first.reportId(), first.service(), first.version(), first.format(), first.receivedAt(),
                classes, cases);
    }
}
