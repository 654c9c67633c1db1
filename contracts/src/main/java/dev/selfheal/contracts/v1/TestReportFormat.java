package dev.selfheal.contracts.v1;

/** The kinds of test evidence telemetry-service reads, told apart by the XML document's root element. */
public enum TestReportFormat {
    /** A JaCoCo XML coverage report ({@code <report>}). */
    JACOCO,
    /** A JUnit XML test report, as Maven Surefire and Gradle write it ({@code <testsuite>} or {@code <testsuites>}). */
    JUNIT
}
