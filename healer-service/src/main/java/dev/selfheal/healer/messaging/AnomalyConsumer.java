package dev.selfheal.healer.messaging;

import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.contracts.v1.EventTypes;
import dev.selfheal.healer.fix.FixMapper;
import dev.selfheal.healer.fix.FixService;
import dev.selfheal.healer.proposal.FixDraft;
import dev.selfheal.healer.proposal.ProposalService;
import dev.selfheal.platform.messaging.CloudEvents;
import dev.selfheal.platform.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Turns each anomaly on {@code selfheal.anomalies.v1} into a fix proposal, once per event id. The diagnosis and
 * plan are prepared first (they read telemetry, the service's repository and the cluster), then the proposal is
 * stored with the event id in one transaction. An anomaly of a problem whose fix is being verified also counts as
 * its recurrence. A proposal the ledger approved unattended is rolled out once stored.
 */
@ApplicationScoped
public class AnomalyConsumer {

    public static final String CHANNEL = "anomalies-in";
    static final String CONSUMER = "healer-proposals";

    private final ProcessedEvents processed;
    private final FixService fixes;
    private final ProposalService proposals;

    public AnomalyConsumer(ProcessedEvents processed, FixService fixes, ProposalService proposals) {
        this.processed = processed;
        this.fixes = fixes;
        this.proposals = proposals;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<AnomalyDetected> message) {
        if (!CloudEvents.isFor(message, EventTypes.ANOMALY_DETECTED)) {
            return CloudEvents.skip(message);
        }
        AnomalyDetected anomaly = message.getPayload();
        try {
            if (anomaly != null) {
                FixService.requireIdentity(anomaly);
            }
        } catch (IllegalArgumentException invalid) {
            return processed.once(CONSUMER, message, a -> Uni.createFrom().failure(invalid));
        }
        if (anomaly == null) {
            return processed.once(CONSUMER, message, a -> Uni.createFrom().voidItem());
        }
        return fixes.proposed(anomaly.anomalyId())
                .chain(done -> done ? Uni.createFrom().<FixDraft>nullItem() : proposals.draft(anomaly))
                // A draft that cannot be made goes to the dead-letter topic with the reason, like any failed event.
                .onItemOrFailure().transformToUni((draft, failure) -> failure != null
                        ? processed.once(CONSUMER, message, a -> Uni.createFrom().failure(failure))
                        : processed.once(CONSUMER, message, a -> fixes.recurrence(a)
                                        .chain(() -> draft == null ? Uni.createFrom().voidItem() : fixes.propose(draft)))
                                // Only an unattended proposal is approved already; a rollout that fails here is
                                // retried by the verification job, like any approved fix's.
                                .chain(() -> draft != null && draft.unattended()
                                        ? fixes.rollOutApproved(FixMapper.fixId(anomaly.anomalyId()))
                                        : Uni.createFrom().voidItem()));
    }
}
