package dev.selfheal.contracts.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The documented API of one service version: the operations of the OpenAPI document the team published for
 * it. docs-service renders them, and the documentation detector compares them with the handlers observed in
 * production ({@link #handler} is spelled as span names are, e.g. {@code GET /api/orders/{id}}).
 *
 * <p>Like {@link TestReportRecorded}, a document with very many operations travels as {@code parts} events
 * sharing its {@code specId}; every part repeats the document's title and versions.
 *
 * @param specId     16 hex digits hashed from service, version and the document's bytes; see {@link #specIdOf}
 * @param service    the documented service
 * @param version    the service version the document describes
 * @param receivedAt when telemetry-service first received this document for that version
 * @param openapi    the OpenAPI version of the document, e.g. {@code 3.1.0}
 * @param title      {@code info.title}
 * @param apiVersion {@code info.version}, the API's own version as the document states it
 * @param part       which part this is, from 1
 * @param parts      how many parts the document travels in
 * @param operations this part's operations, ordered by path then method
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpecPublished(
        String specId,
        String service,
        String version,
        Instant receivedAt,
        String openapi,
        String title,
        String apiVersion,
        int part,
        int parts,
        List<Operation> operations) {

    public SpecPublished {
        operations = operations == null ? List.of() : List.copyOf(operations);
    }

    /** Stable for a resent document: one event per document and part. */
    public String eventId() {
        return "spec:" + specId + ":" + part;
    }

    /** The id of a document: {@code contentDigest} is any digest of its bytes (telemetry-service uses SHA-256). */
    public static String specIdOf(String service, String version, String contentDigest) {
        return EventIds.hash(service, version, contentDigest);
    }

    /**
     * One operation of the document.
     *
     * @param method        the HTTP method, upper case
     * @param path          the path template as documented, e.g. {@code /api/orders/{id}}
     * @param operationId   {@code operationId}, when given
     * @param summary       {@code summary}, when given
     * @param tags          its tags
     * @param responseCodes the documented response codes ({@code 200}, {@code 4XX}, {@code default}), sorted
     * @param parameters    its parameters and those of its path, with {@code $ref}s to components resolved
     * @param deprecated    whether the document marks it deprecated
     * @param latencyBudgetMs the operation's latency budget in milliseconds, from its {@code x-latency-budget-ms}
     *                      extension: the p95 the team documents for it; absent when the document sets none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Operation(String method, String path, String operationId, String summary, List<String> tags,
            List<String> responseCodes, List<Parameter> parameters, boolean deprecated, Double latencyBudgetMs) {

        /** The extension naming an operation's latency budget (a number of milliseconds). */
        public static final String LATENCY_BUDGET_EXTENSION = "x-latency-budget-ms";

        public Operation {
            tags = tags == null ? List.of() : List.copyOf(tags);
            responseCodes = responseCodes == null ? List.of() : List.copyOf(responseCodes);
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
        }

        /** An operation without a latency budget. */
        public Operation(String method, String path, String operationId, String summary, List<String> tags,
                List<String> responseCodes, List<Parameter> parameters, boolean deprecated) {
            this(method, path, operationId, summary, tags, responseCodes, parameters, deprecated, null);
        }

        /** The operation as a handler is named in telemetry: method, a space, the path template. */
        public String handler() {
            return method + " " + path;
        }
    }

    /**
     * A parameter of an operation.
     *
     * @param name     its name
     * @param in       where it goes: {@code path}, {@code query}, {@code header} or {@code cookie}
     * @param required whether the document requires it (path parameters always are)
     */
    public record Parameter(String name, String in, boolean required) {
    }
}
