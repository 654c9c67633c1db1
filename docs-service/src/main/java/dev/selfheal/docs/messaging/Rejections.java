package dev.selfheal.docs.messaging;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Sends an unusable event to its channel's dead-letter topic, with the reason, instead of retrying it. */
final class Rejections {

    private static final Logger LOG = Logger.getLogger(Rejections.class);

    private Rejections() {
    }

    static Uni<Void> reject(Message<?> message, String kind, List<String> problems) {
        String reason = kind + " is invalid: " + String.join("; ", problems);
        LOG.warnf("sending message to the dead-letter topic: %s", reason);
        return Uni.createFrom().completionStage(message.nack(new IllegalArgumentException(reason)));
    }
}
