package dev.selfheal.telemetry.evidence.testreport;

import dev.selfheal.contracts.v1.TestReportRecorded.ClassCoverage;
import dev.selfheal.contracts.v1.TestReportRecorded.Counter;
import dev.selfheal.contracts.v1.TestReportRecorded.CoverageTotals;
import dev.selfheal.contracts.v1.TestReportRecorded.MethodCoverage;
import dev.selfheal.platform.problem.ProblemException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a JaCoCo XML report ({@code report > group* > package > class > method > counter}, as JaCoCo's
 * {@code report.dtd} defines it) into per-method coverage. Source-file line details are not kept: the coverage
 * detector asks which methods tests executed, and the method counters answer that.
 */
final class JacocoReader {

    private enum CounterType { INSTRUCTION, BRANCH, LINE, METHOD, CLASS, COMPLEXITY }

    private JacocoReader() {
    }

    /** Reads the report whose {@code <report>} start tag the reader is on, up to its end tag. */
    static ParsedTestReport.Coverage read(XMLStreamReader reader) throws XMLStreamException {
        String name = reader.getAttributeValue(null, "name");
        List<ClassCoverage> classes = new ArrayList<>();
        Map<CounterType, Counter> totals = new EnumMap<>(CounterType.class);
        while (reader.next() != XMLStreamConstants.END_ELEMENT) {
            if (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (reader.getLocalName()) {
                case "group" -> readGroup(reader, classes);
                case "package" -> readPackage(reader, classes);
                case "counter" -> counter(reader, totals);
                default -> XmlDocuments.skip(reader);
            }
        }
        if (classes.isEmpty()) {
            throw ProblemException.invalid("body", "is a JaCoCo report without any class; nothing was measured");
        }
        return new ParsedTestReport.Coverage(blankToNull(name), new CoverageTotals(totals.get(CounterType.INSTRUCTION),
                totals.get(CounterType.BRANCH), totals.get(CounterType.LINE), totals.get(CounterType.METHOD),
                totals.get(CounterType.CLASS)), classes);
    }

    private static void readGroup(XMLStreamReader reader, List<ClassCoverage> classes) throws XMLStreamException {
        while (reader.next() != XMLStreamConstants.END_ELEMENT) {
            if (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (reader.getLocalName()) {
                case "group" -> readGroup(reader, classes);
                case "package" -> readPackage(reader, classes);
                default -> XmlDocuments.skip(reader);
            }
        }
    }

    private static void readPackage(XMLStreamReader reader, List<ClassCoverage> classes) throws XMLStreamException {
        while (reader.next() != XMLStreamConstants.END_ELEMENT) {
            if (reader.getEventType() == XMLStreamConstants.START_ELEMENT) {
                if ("class".equals(reader.getLocalName())) {
                    classes.add(readClass(reader));
                } else {
                    XmlDocuments.skip(reader);
                }
            }
        }
    }

    private static ClassCoverage readClass(XMLStreamReader reader) throws XMLStreamException {
        String where = XmlDocuments.element(reader);
        // JaCoCo writes VM names (com/shop/Order$Line); telemetry's code.namespace holds the binary name with dots.
        String name = XmlDocuments.required(reader, "name", where).replace('/', '.');
        String sourceFile = blankToNull(reader.getAttributeValue(null, "sourcefilename"));
        List<MethodCoverage> methods = new ArrayList<>();
        while (reader.next() != XMLStreamConstants.END_ELEMENT) {
            if (reader.getEventType() == XMLStreamConstants.START_ELEMENT) {
                if ("method".equals(reader.getLocalName())) {
                    methods.add(readMethod(reader));
                } else {
                    XmlDocuments.skip(reader);
                }
            }
        }
        return new ClassCoverage(name, sourceFile, methods);
    }

    private static MethodCoverage readMethod(XMLStreamReader reader) throws XMLStreamException {
        String where = XmlDocuments.element(reader);
        String name = XmlDocuments.required(reader, "name", where);
        String descriptor = XmlDocuments.required(reader, "desc", where);
        String line = reader.getAttributeValue(null, "line");
        Integer firstLine = line == null || line.isBlank() ? null : number(line, "line", where);
        Map<CounterType, Counter> counters = new EnumMap<>(CounterType.class);
        while (reader.next() != XMLStreamConstants.END_ELEMENT) {
            if (reader.getEventType() == XMLStreamConstants.START_ELEMENT) {
                if ("counter".equals(reader.getLocalName())) {
                    counter(reader, counters);
                } else {
                    XmlDocuments.skip(reader);
                }
            }
        }
        Counter instructions = counters.getOrDefault(CounterType.INSTRUCTION, new Counter(0, 0));
        return new MethodCoverage(name, descriptor, firstLine, instructions, counters.get(CounterType.BRANCH),
                counters.get(CounterType.LINE));
    }

    /** Reads a {@code <counter>} into {@code into}; the reader is left on its end tag. */
    private static void counter(XMLStreamReader reader, Map<CounterType, Counter> into) throws XMLStreamException {
        String where = XmlDocuments.element(reader);
        String type = XmlDocuments.required(reader, "type", where);
        int missed = number(XmlDocuments.required(reader, "missed", where), "missed", where);
        int covered = number(XmlDocuments.required(reader, "covered", where), "covered", where);
        XmlDocuments.skip(reader);
        try {
            into.put(CounterType.valueOf(type), new Counter(missed, covered));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("body", where + " has an unknown counter type '" + type + "'");
        }
    }

    private static int number(String value, String attribute, String where) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid("body", where + ": " + attribute + " '" + value + "' is not a whole number of at least 0");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
