package dev.selfheal.healer.telemetry;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** telemetry-service's trace API, the part the diagnosis reads ({@code quarkus.rest-client.telemetry.url}). */
@RegisterRestClient(configKey = "telemetry")
@Path("/api")
public interface TelemetryApi {

    /** A stored span as telemetry-service answers it. */
    record Span(String traceId, String spanId, String parentSpanId, String service, String version, String handler,
            Instant start, double durationMs, String status, Map<String, String> attributes, String kind,
            String environment) {
    }

    /** A stored trace. */
    record Trace(String traceId, List<Span> spans) {
    }

    @GET
    @Path("/traces/{traceId}")
    Uni<Trace> trace(@PathParam("traceId") String traceId);

    /** Traces with a span matching the filters, newest first: one representative span each. */
    @GET
    @Path("/traces")
    Uni<List<Span>> find(@QueryParam("service") String service, @QueryParam("handler") String handler,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") int limit);
}
