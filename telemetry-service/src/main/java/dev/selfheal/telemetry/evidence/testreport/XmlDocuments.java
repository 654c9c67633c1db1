package dev.selfheal.telemetry.evidence.testreport;

import dev.selfheal.platform.problem.ProblemException;
import java.io.ByteArrayInputStream;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads untrusted XML safely. JaCoCo reports declare {@code <!DOCTYPE report ... "report.dtd">}: with DTD support
 * off the declaration is skipped, nothing is fetched, and an entity it would have defined (the XXE trick) is an
 * undeclared entity, hence a well-formedness error. The JDK's own StAX reader is used, whatever else is on the
 * class path, so these settings are the ones that apply.
 */
final class XmlDocuments {

    private static final XMLInputFactory FACTORY = hardened();

    private XmlDocuments() {
    }

    private static XMLInputFactory hardened() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource " + systemId + " is not loaded");
        });
        return factory;
    }

    /** A reader positioned on the document's root element. */
    static XMLStreamReader openAtRoot(byte[] body) throws XMLStreamException {
        XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
        while (reader.hasNext()) {
            if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                return reader;
            }
        }
        throw new XMLStreamException("the document has no root element");
    }

    /** Reads on to the end of the document, so that anything malformed after the root element is noticed. */
    static void finish(XMLStreamReader reader) throws XMLStreamException {
        while (reader.hasNext()) {
            reader.next();
        }
        reader.close();
    }

    /** Skips the current element with everything inside it; the reader is left on its end tag. */
    static void skip(XMLStreamReader reader) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** The 400 for a body that is not well-formed XML, with where the parser stopped. */
    static ProblemException malformed(XMLStreamException e) {
        String message = e.getMessage() == null ? "unreadable" : e.getMessage();
        int cut = message.indexOf("Message: ");
        message = cut >= 0 ? message.substring(cut + "Message: ".length()) : message;
        Location at = e.getLocation();
        String where = at == null || at.getLineNumber() < 0 ? ""
                : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
        return ProblemException.invalid("body", "is not well-formed XML" + where + ": " + message.strip());
    }

    /** A required attribute of the current element, or a 400 naming the element and the attribute. */
    static String required(XMLStreamReader reader, String attribute, String where) {
        String value = reader.getAttributeValue(null, attribute);
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid("body", where + " has no " + attribute + " attribute");
        }
        return value;
    }

    /** Where the reader is, for messages: {@code <method> at line 12}. */
    static String element(XMLStreamReader reader) {
        return "<" + reader.getLocalName() + "> at line " + reader.getLocation().getLineNumber();
    }
}
