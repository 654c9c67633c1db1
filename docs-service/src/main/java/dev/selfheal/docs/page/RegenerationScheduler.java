package dev.selfheal.docs.page;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Keeps documentation in step with telemetry: changes are batched per interval rather than per span. */
@ApplicationScoped
public class RegenerationScheduler {

    private static final Logger LOG = Logger.getLogger(RegenerationScheduler.class);

    private final DocsService docs;

    public RegenerationScheduler(DocsService docs) {
        this.docs = docs;
    }

    @Scheduled(identity = "docs-regeneration", every = "${selfheal.docs.regeneration-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> regenerate() {
        return docs.regenerateChanged()
                .onFailure().invoke(e -> LOG.warnf("scheduled documentation regeneration failed: %s", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
