package dev.selfheal.telemetry.evidence.testreport;

import dev.selfheal.contracts.v1.TestReportRecorded.TestCase;
import dev.selfheal.contracts.v1.TestReportRecorded.TestOutcome;
import dev.selfheal.platform.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a JUnit XML report: a {@code <testsuite>}, or {@code <testsuites>} holding several (suites may nest), each
 * with {@code <testcase>}s that hold a {@code <failure>}, {@code <error>} or {@code <skipped>} when they did not
 * pass. Maven Surefire and Gradle write the same shape; Surefire's re-run elements ({@code flakyFailure},
 * {@code rerunFailure}) do not change a test's outcome and are skipped, as are output and properties.
 */
final class JunitReader {

    static final int MAX_MESSAGE = 1000;

    private JunitReader() {
    }

    /** Reads the report whose root start tag ({@code testsuite} or {@code testsuites}) the reader is on. */
    static ParsedTestReport.TestResults read(XMLStreamReader reader) throws XMLStreamException {
        String name = reader.getAttributeValue(null, "name");
        List<TestCase> cases = new ArrayList<>();
        readSuite(reader, name, cases);
        if (cases.isEmpty()) {
            throw ProblemException.invalid("body", "is a JUnit report without any testcase; no test ran");
        }
        return new ParsedTestReport.TestResults(name == null || name.isBlank() ? null : name, cases);
    }

    /** Reads the children of a suite (or of the {@code testsuites} root), up to its end tag. */
    private static void readSuite(XMLStreamReader reader, String suiteName, List<TestCase> cases)
            throws XMLStreamException {
        while (reader.next() != XMLStreamConstants.END_ELEMENT) {
            if (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (reader.getLocalName()) {
                case "testsuite" -> readSuite(reader, reader.getAttributeValue(null, "name"), cases);
                case "testcase" -> cases.add(readCase(reader, suiteName));
                default -> XmlDocuments.skip(reader);
            }
        }
    }

    private static TestCase readCase(XMLStreamReader reader, String suiteName) throws XMLStreamException {
        String where = XmlDocuments.element(reader);
        String name = XmlDocuments.required(reader, "name", where);
        String className = reader.getAttributeValue(null, "classname");
        double time = seconds(reader.getAttributeValue(null, "time"), where);
        TestOutcome outcome = TestOutcome.PASSED;
        String type = null;
        String message = null;
        while (reader.next() != XMLStreamConstants.END_ELEMENT) {
            if (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            TestOutcome found = switch (reader.getLocalName()) {
                case "failure" -> TestOutcome.FAILED;
                case "error" -> TestOutcome.ERROR;
                case "skipped" -> TestOutcome.SKIPPED;
                default -> null;
            };
            if (found == null || outcome != TestOutcome.PASSED) {
                XmlDocuments.skip(reader);
                continue;
            }
            outcome = found;
            type = blankToNull(reader.getAttributeValue(null, "type"));
            message = blankToNull(reader.getAttributeValue(null, "message"));
            String text = reader.getElementText();
            if (message == null) {
                message = firstLine(text);
            }
        }
        return new TestCase(className == null || className.isBlank() ? (suiteName == null ? "" : suiteName) : className,
                name, time, outcome, type, cut(message));
    }

    private static double seconds(String value, String where) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            // Older Surefire versions wrote times over 1,000 s with a grouping comma.
            double seconds = Double.parseDouble(value.strip().replace(",", ""));
            if (seconds >= 0 && Double.isFinite(seconds)) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid("body", where + ": time '" + value + "' is not a number of seconds");
    }

    private static String firstLine(String text) {
        String stripped = text == null ? "" : text.strip();
        int end = stripped.indexOf('\n');
        return blankToNull(end < 0 ? stripped : stripped.substring(0, end).strip());
    }

    private static String cut(String message) {
        return message == null || message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
