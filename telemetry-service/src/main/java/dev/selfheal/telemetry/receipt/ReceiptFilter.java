package dev.selfheal.telemetry.receipt;

import dev.selfheal.platform.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives a receipt to the ingest requests refused before an endpoint could read them (a Content-Type no method
 * accepts, a body the JSON reader rejects): every batch gets one, and only the endpoints know item counts, so
 * these receipts count none and keep the problem's detail as the reason.
 */
@Singleton
public class ReceiptFilter {

    static final Set<String> ENDPOINTS = Set.of("/api/events", "/api/logs", "/v1/traces", "/v1/logs",
            "/api/test-reports", "/api/specs");

    private final ReceiptService receipts;

    public ReceiptFilter(ReceiptService receipts) {
        this.receipts = receipts;
    }

    @ServerResponseFilter
    public Uni<Void> stamp(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!"POST".equals(request.getMethod()) || !ENDPOINTS.contains(path)
                || response.getHeaders().containsKey(Receipts.HEADER)) {
            return Uni.createFrom().voidItem();
        }
        String reason = response.getEntity() instanceof Problem problem ? problem.detail()
                : "answered HTTP " + response.getStatus();
        return receipts.accepted(path, List.of(), response.getStatus(), 0, 0, List.of(reason))
                .invoke(id -> {
                    if (id != null) {
                        response.getHeaders().putSingle(Receipts.HEADER, id);
                    }
                })
                .replaceWithVoid();
    }
}
