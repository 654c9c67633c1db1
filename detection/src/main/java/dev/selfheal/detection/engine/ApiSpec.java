package dev.selfheal.detection.engine;

import dev.selfheal.contracts.v1.SpecPublished;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A whole API document of one service version, assembled from its parts.
 *
 * @param specId     the document's id
 * @param service    the documented service
 * @param version    the service version it describes
 * @param receivedAt when telemetry-service received it
 * @param operations every documented operation
 */
public record ApiSpec(String specId, String service, String version, Instant receivedAt,
        List<SpecPublished.Operation> operations) {

    public ApiSpec {
        operations = List.copyOf(operations);
    }

    /** Joins the parts of one document (all of them, any order). */
    public static ApiSpec of(List<SpecPublished> parts) {
        List<SpecPublished> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparingInt(SpecPublished::part));
        SpecPublished first = ordered.get(0);
        List<SpecPublished.Operation> operations = new ArrayList<>();
        ordered.forEach(part -> operations.addAll(part.operations()));
        return new ApiSpec(first.specId(), first.service(), first.version(), first.receivedAt(), operations);
    }
}
