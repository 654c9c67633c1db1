package dev.selfheal.telemetry.evidence.testreport;

import dev.selfheal.platform.problem.ProblemException;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a test report, telling JaCoCo from JUnit by the root element: {@code <report>} is JaCoCo's,
 * {@code <testsuite>} and {@code <testsuites>} are JUnit's. Every problem with the body is a 400 naming it.
 */
final class TestReportParser {

    private TestReportParser() {
    }

    static ParsedTestReport parse(byte[] body) {
        try {
            XMLStreamReader reader = XmlDocuments.openAtRoot(body);
            String root = reader.getLocalName();
            ParsedTestReport report = switch (root) {
                case "report" -> JacocoReader.read(reader);
                case "testsuite", "testsuites" -> JunitReader.read(reader);
                default -> throw ProblemException.invalid("body", "is not a JaCoCo or JUnit XML report: its root "
                        + "element is <" + root + ">, expected <report> (JaCoCo) or <testsuite> / <testsuites> (JUnit)");
            };
            XmlDocuments.finish(reader);
            return report;
        } catch (XMLStreamException e) {
            throw XmlDocuments.malformed(e);
        }
    }
}
