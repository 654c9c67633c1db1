package dev.selfheal.contracts.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A test report of one service version, as CI sent it: JaCoCo coverage per method, or JUnit test outcomes.
 *
 * <p>A large report does not fit one Kafka message (1 MB by default), so it travels as {@code parts} events
 * sharing its {@code reportId}, numbered from 1. Each part carries the report's totals and a slice of its
 * classes (JaCoCo) or test cases (JUnit); a consumer has the whole report once it holds parts 1 to
 * {@code parts}. A class whose methods alone exceed one message is split across parts under the same name.
 *
 * @param reportId   16 hex digits hashed from service, version, format and the report's bytes: a resent report
 *                   keeps it; see {@link #reportIdOf}
 * @param service    the service the tests ran against
 * @param version    the version of that service they ran against
 * @param format     JaCoCo or JUnit
 * @param name       the report's own name ({@code report@name}, {@code testsuites@name} or the suite's name), when it has one
 * @param receivedAt when telemetry-service first received the report
 * @param part       which part this is, from 1
 * @param parts      how many parts the report travels in
 * @param coverage   JaCoCo only: the whole report's counters
 * @param classes    JaCoCo only: this part's classes with their methods' coverage
 * @param tests      JUnit only: the whole report's totals
 * @param testCases  JUnit only: this part's test cases
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestReportRecorded(
        String reportId,
        String service,
        String version,
        TestReportFormat format,
        String name,
        Instant receivedAt,
        int part,
        int parts,
        CoverageTotals coverage,
        List<ClassCoverage> classes,
        TestTotals tests,
        List<TestCase> testCases) {

    public TestReportRecorded {
        classes = classes == null ? null : List.copyOf(classes);
        testCases = testCases == null ? null : List.copyOf(testCases);
    }

    /** Stable for a resent report: one event per report and part. */
    public String eventId() {
        return "test-report:" + reportId + ":" + part;
    }

    /** The id of a report: {@code contentDigest} is any digest of its bytes (telemetry-service uses SHA-256). */
    public static String reportIdOf(String service, String version, TestReportFormat format, String contentDigest) {
        return EventIds.hash(service, version, format, contentDigest);
    }

    /**
     * A JaCoCo counter: how many of its units (instructions, branches, lines, ...) the tests executed and how many
     * they did not.
     */
    public record Counter(int missed, int covered) {

        public int total() {
            return missed + covered;
        }
    }

    /**
     * The report's own totals (its top-level counters). A counter JaCoCo did not write (nothing of that unit
     * exists) is absent.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CoverageTotals(Counter instructions, Counter branches, Counter lines, Counter methods,
            Counter classes) {
    }

    /**
     * One class of the report.
     *
     * @param name       the binary class name with dots, exactly as the JVM names it: {@code com.shop.OrderResource},
     *                   {@code com.shop.OrderResource$Line} for a nested class; what {@code code.namespace} holds
     * @param sourceFile the source file's name, when the class was compiled with it
     * @param methods    its methods, in report order
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClassCoverage(String name, String sourceFile, List<MethodCoverage> methods) {

        public ClassCoverage {
            methods = methods == null ? List.of() : List.copyOf(methods);
        }
    }

    /**
     * One method of a class. A method is covered when {@code instructions.covered > 0}.
     *
     * @param name         the method's name as in bytecode: {@code get}, {@code <init>}, {@code lambda$get$0}; what
     *                     {@code code.function} holds
     * @param descriptor   the JVM descriptor, e.g. {@code (J)Ljakarta/ws/rs/core/Response;}, telling overloads apart
     * @param line         the first source line, when compiled with line numbers
     * @param instructions bytecode instructions executed and missed
     * @param branches     branches taken and missed; absent when the method has no branch
     * @param lines        source lines executed and missed; absent without line numbers
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MethodCoverage(String name, String descriptor, Integer line, Counter instructions, Counter branches,
            Counter lines) {

        public boolean covered() {
            return instructions != null && instructions.covered() > 0;
        }
    }

    /** Totals of a JUnit report, counted from its test cases (not from the suites' own attributes). */
    public record TestTotals(int tests, int passed, int failed, int errors, int skipped, double timeSeconds) {
    }

    /**
     * One test case.
     *
     * @param className      the {@code classname} attribute, exactly as written (the test class's binary name)
     * @param name           the test's name, exactly as written (a method name, or a display name)
     * @param timeSeconds    how long it ran
     * @param outcome        passed, failed (an assertion), error (an unexpected exception) or skipped
     * @param failureType    the failure's or error's exception type, when given
     * @param failureMessage its message (or the skip reason), cut to 1,000 characters; the stack trace is not kept
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TestCase(String className, String name, double timeSeconds, TestOutcome outcome, String failureType,
            String failureMessage) {
    }

    /** What became of a test case. */
    public enum TestOutcome {
        PASSED,
        FAILED,
        ERROR,
        SKIPPED
    }
}
