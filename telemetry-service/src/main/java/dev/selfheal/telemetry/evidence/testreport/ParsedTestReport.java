package dev.selfheal.telemetry.evidence.testreport;

import dev.selfheal.contracts.v1.TestReportFormat;
import dev.selfheal.contracts.v1.TestReportRecorded.ClassCoverage;
import dev.selfheal.contracts.v1.TestReportRecorded.CoverageTotals;
import dev.selfheal.contracts.v1.TestReportRecorded.TestCase;
import dev.selfheal.contracts.v1.TestReportRecorded.TestOutcome;
import dev.selfheal.contracts.v1.TestReportRecorded.TestTotals;
import java.util.List;

/** What a test report says, once read: JaCoCo coverage or JUnit results. */
sealed interface ParsedTestReport {

    TestReportFormat format();

    /** The report's own name, when it has one. */
    String name();

    /** Classes (JaCoCo) or test cases (JUnit). */
    int items();

    /** A JaCoCo report: its totals and every class with its methods. */
    record Coverage(String name, CoverageTotals totals, List<ClassCoverage> classes) implements ParsedTestReport {

        @Override
        public TestReportFormat format() {
            return TestReportFormat.JACOCO;
        }

        @Override
        public int items() {
            return classes.size();
        }

        int methods() {
            return classes.stream().mapToInt(c -> c.methods().size()).sum();
        }
    }

    /** A JUnit report: every test case, wherever its suite nested it. */
    record TestResults(String name, List<TestCase> cases) implements ParsedTestReport {

        @Override
        public TestReportFormat format() {
            return TestReportFormat.JUNIT;
        }

        @Override
        public int items() {
            return cases.size();
        }

        /** Totals counted from the cases themselves, which no suite attribute can contradict. */
        TestTotals totals() {
            int failed = count(TestOutcome.FAILED);
            int errors = count(TestOutcome.ERROR);
            int skipped = count(TestOutcome.SKIPPED);
            double time = cases.stream().mapToDouble(TestCase::timeSeconds).sum();
            return new TestTotals(cases.size(), count(TestOutcome.PASSED), failed, errors, skipped,
                    Math.round(time * 1000) / 1000.0);
        }

        private int count(TestOutcome outcome) {
            return (int) cases.stream().filter(c -> c.outcome() == outcome).count();
        }
    }
}
