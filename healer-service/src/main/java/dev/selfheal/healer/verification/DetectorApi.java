package dev.selfheal.healer.verification;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** detector-service's incident API, read to verify a fix ({@code quarkus.rest-client.detector.url}). */
@RegisterRestClient(configKey = "detector")
@Path("/api/incidents")
public interface DetectorApi {

    /** What the verification needs of an incident: whether findings still join it, and how bad they are. */
    record Incident(String id, String status, String severity, double score, int findings, Instant lastSeen,
            Instant resolvedAt, String resolution) {
    }

    @GET
    @Path("/{id}")
    Uni<Incident> incident(@PathParam("id") String id);
}
