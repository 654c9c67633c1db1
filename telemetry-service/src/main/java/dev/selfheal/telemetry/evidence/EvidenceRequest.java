package dev.selfheal.telemetry.evidence;

import dev.selfheal.platform.problem.FieldError;
import dev.selfheal.platform.problem.ProblemException;
import dev.selfheal.platform.problem.ProblemKind;
import dev.selfheal.telemetry.ingest.ContentDigests;
import java.util.ArrayList;
import java.util.List;

/** Checks shared by the evidence endpoints: who the evidence is about, and whether its body can be read at all. */
public final class EvidenceRequest {

    private static final int MAX_NAME = 255;

    private EvidenceRequest() {
    }

    /** The stripped service and version, both required: evidence is always about one version of one service. */
    public static Subject subject(String service, String version) {
        List<FieldError> errors = new ArrayList<>();
        check("service", service, "the service the evidence is about", errors);
        check("version", version, "the version of that service the evidence is about", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new Subject(service.strip(), version.strip());
    }

    /** Refuses an empty body (400) and one over {@code max} bytes (413). */
    public static void checkSize(byte[] body, long max, String expected) {
        if (body == null || body.length == 0) {
            throw ProblemException.invalid("body", "is empty; send " + expected);
        }
        if (body.length > max) {
            throw new ProblemException(ProblemKind.PAYLOAD_TOO_LARGE,
                    "the body holds " + body.length + " bytes; at most " + max + " per request");
        }
    }

    /** The SHA-256 of the body in hex: what evidence ids are hashed from, so a resent body keeps its id. */
    public static String digest(byte[] body) {
        return ContentDigests.sha256(body);
    }

    /** The media type of a Content-Type header without its parameters, lower case; empty when there is none. */
    public static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static void check(String field, String value, String meaning, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "query parameter is required: " + meaning));
        } else if (value.strip().length() > MAX_NAME) {
            errors.add(new FieldError(field, "must be at most " + MAX_NAME + " characters"));
        }
    }

    /** The service version a piece of evidence is about. */
    public record Subject(String service, String version) {
    }
}
