package dev.selfheal.docs.messaging;

import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.contracts.v1.FixEvent;
import dev.selfheal.contracts.v1.FixStatus;
import dev.selfheal.docs.fix.FixService;
import dev.selfheal.docs.page.DocsService;
import dev.selfheal.platform.messaging.CloudEvents;
import dev.selfheal.platform.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Merges the fix transitions of {@code selfheal.fixes.v1} and regenerates the fixed service's documentation
 * at once, so that an applied fix is documented as soon as it is rolled out.
 */
@ApplicationScoped
public class FixConsumer {

    public static final String CHANNEL = "fixes-in";
    static final String CONSUMER = "docs-fixes";

    private static final Logger LOG = Logger.getLogger(FixConsumer.class);

    /** The fixes topic's event types, one per state a fix can enter. */
    private static final Set<String> FIX_TYPES = Arrays.stream(FixStatus.values()).map(EventTypes::fix)
            .collect(Collectors.toUnmodifiableSet());

    private final ProcessedEvents processed;
    private final FixService fixes;
    private final DocsService docs;

    public FixConsumer(ProcessedEvents processed, FixService fixes, DocsService docs) {
        this.processed = processed;
        this.fixes = fixes;
        this.docs = docs;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<FixEvent> message) {
        if (CloudEvents.type(message).filter(type -> !FIX_TYPES.contains(type)).isPresent()) {
            return CloudEvents.skip(message);
        }
        FixEvent fix = message.getPayload();
        if (fix == null) {
            return processed.once(CONSUMER, message, fixes::record);
        }
        List<String> problems = EventChecks.problems(fix);
        if (!problems.isEmpty()) {
            return Rejections.reject(message, "FixEvent", problems);
        }
        // The event is acknowledged once merged; if this regeneration fails, the change it left pending is
        // picked up by the scheduled one.
        return processed.once(CONSUMER, message, fixes::record)
                .chain(() -> docs.regenerateIfChanged(fix.service()))
                .onFailure().invoke(e -> LOG.warnf("regenerating the docs of %s after fix %s failed: %s",
                        fix.service(), fix.fixId(), e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
