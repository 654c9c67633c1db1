package dev.selfheal.docs.page;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One version of a service's documentation, as the REST API returns it and as it is stored.
 *
 * @param service     the documented service
 * @param version     the version number, counting from 1 per service
 * @param generatedAt when this version was generated
 * @param handlers    the handlers observed in production, by name
 * @param fixes       the fixes live in the service (rolled out or verified), newest first
 */
@Schema(description = "A version of a service's living documentation")
public record DocPage(
        String service,
        int version,
        Instant generatedAt,
        List<HandlerDoc> handlers,
        List<FixDoc> fixes) {

    public DocPage {
        handlers = handlers == null ? List.of() : List.copyOf(handlers);
        fixes = fixes == null ? List.of() : List.copyOf(fixes);
    }
}
