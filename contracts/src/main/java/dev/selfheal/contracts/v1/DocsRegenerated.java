package dev.selfheal.contracts.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * docs-service produced a new version of a service's documentation.
 *
 * @param service      the documented service
 * @param docVersion   the new version number, counting from 1
 * @param generatedAt  when it was generated
 * @param trigger      what caused it: {@code telemetry} or {@code fix}
 * @param fixIds       fixes the documentation now records, newest first
 * @param handlerCount how many handlers the documentation describes
 * @param flows        the flows the documentation describes (entry handler and ordered steps); absent when it
 *                     documents none. The behavioural and documentation detectors compare traffic with them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocsRegenerated(
        String service,
        int docVersion,
        Instant generatedAt,
        String trigger,
        List<String> fixIds,
        int handlerCount,
        List<DocumentedFlow> flows) {

    public DocsRegenerated {
        fixIds = fixIds == null ? List.of() : List.copyOf(fixIds);
        flows = flows == null ? null : List.copyOf(flows);
    }

    /** Documentation without flows. */
    public DocsRegenerated(String service, int docVersion, Instant generatedAt, String trigger, List<String> fixIds,
            int handlerCount) {
        this(service, docVersion, generatedAt, trigger, fixIds, handlerCount, null);
    }

    /**
     * A documented flow: what a request to {@code entry} does, step by step.
     *
     * @param entry the handler the flow starts with, as {@code service:handler}
     * @param steps every step in order, the entry first, each as {@code service:handler} (a trace's steps are its
     *              spans other than CLIENT and PRODUCER ones, by start time)
     */
    public record DocumentedFlow(String entry, List<String> steps) {

        public DocumentedFlow {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    /** The event id of this regeneration. */
    public String eventId() {
        return service + ":docs:" + docVersion;
    }
}
