package dev.selfheal.telemetry.evidence.testreport;

import dev.selfheal.contracts.v1.TestReportRecorded;
import dev.selfheal.contracts.v1.TestReportRecorded.Counter;
import dev.selfheal.contracts.v1.TestReportRecorded.CoverageTotals;
import dev.selfheal.contracts.v1.TestReportRecorded.TestTotals;
import java.util.function.Consumer;

/** Between the stored summary of a report, its first event, and the REST view. */
final class TestReportMapper {

    private TestReportMapper() {
    }

    /** The summary to store for a report, from its first event (every part carries the totals). */
    static StoredTestReport toStored(TestReportRecorded first, ParsedTestReport report) {
        StoredTestReport r = new StoredTestReport();
        r.id = first.reportId();
        r.service = first.service();
        r.version = first.version();
        r.format = first.format();
        r.name = first.name();
        r.receivedAt = first.receivedAt();
        r.parts = first.parts();
        r.items = report.items();
        if (report instanceof ParsedTestReport.Coverage coverage) {
            r.methods = coverage.methods();
            CoverageTotals totals = coverage.totals();
            store(totals.instructions(), m -> r.instructionsMissed = m, c -> r.instructionsCovered = c);
            store(totals.branches(), m -> r.branchesMissed = m, c -> r.branchesCovered = c);
            store(totals.lines(), m -> r.linesMissed = m, c -> r.linesCovered = c);
            store(totals.methods(), m -> r.methodsMissed = m, c -> r.methodsCovered = c);
            store(totals.classes(), m -> r.classesMissed = m, c -> r.classesCovered = c);
        } else {
            TestTotals totals = ((ParsedTestReport.TestResults) report).totals();
            r.tests = totals.tests();
            r.passed = totals.passed();
            r.failed = totals.failed();
            r.errors = totals.errors();
            r.skipped = totals.skipped();
            r.timeSeconds = totals.timeSeconds();
        }
        return r;
    }

    static TestReportSummary toSummary(StoredTestReport r) {
        boolean coverage = r.methods != null;
        return new TestReportSummary(r.id, r.service, r.version, r.format, r.name, r.receivedAt, r.parts,
                coverage ? r.items : null, r.methods,
                coverage ? new CoverageTotals(counter(r.instructionsMissed, r.instructionsCovered),
                        counter(r.branchesMissed, r.branchesCovered), counter(r.linesMissed, r.linesCovered),
                        counter(r.methodsMissed, r.methodsCovered), counter(r.classesMissed, r.classesCovered)) : null,
                coverage ? null : new TestTotals(r.tests, r.passed, r.failed, r.errors, r.skipped, r.timeSeconds));
    }

    private static void store(Counter counter, Consumer<Integer> missed, Consumer<Integer> covered) {
        if (counter != null) {
            missed.accept(counter.missed());
            covered.accept(counter.covered());
        }
    }

    private static Counter counter(Integer missed, Integer covered) {
        return missed == null || covered == null ? null : new Counter(missed, covered);
    }
}
