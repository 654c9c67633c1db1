package dev.selfheal.docs.fix;

import dev.selfheal.contracts.v1.FixEvent;
import dev.selfheal.docs.page.DocumentedServiceRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Keeps each fix's merged state, and marks its service's documentation as due when that state changes. */
@ApplicationScoped
public class FixService {

    private final FixRepository fixes;
    private final DocumentedServiceRepository documented;

    public FixService(FixRepository fixes, DocumentedServiceRepository documented) {
        this.fixes = fixes;
        this.documented = documented;
    }

    /** Merges the event into its fix. Runs inside the consumer's transaction (see ProcessedEvents). */
    public Uni<Void> record(FixEvent event) {
        return fixes.lock(event.fixId()).chain(current -> {
            FixState merged = FixMerge.apply(current.orElse(null), event);
            if (current.isPresent() && current.get().equals(merged)) {
                return Uni.createFrom().voidItem();
            }
            return fixes.save(merged, Instant.now()).chain(() -> documented.fixChanged(merged.service()));
        });
    }
}
