package dev.selfheal.contracts.v1;

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
 */
public record DocsRegenerated(
        String service,
        int docVersion,
        Instant generatedAt,
        String trigger,
        List<String> fixIds,
        int handlerCount) {

    public DocsRegenerated {
        fixIds = fixIds == null ? List.of() : List.copyOf(fixIds);
    }

    /** The event id of this regeneration. */
    public String eventId() {
        return service + ":docs:" + docVersion;
    }
}
