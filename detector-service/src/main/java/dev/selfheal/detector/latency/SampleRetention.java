package dev.selfheal.detector.latency;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Deletes samples the detector will never read again, so the sample table stays bounded: per handler it keeps
 * the latest {@code retained-samples}, and never fewer than one window plus one baseline.
 */
@ApplicationScoped
public class SampleRetention {

    private static final Logger LOG = Logger.getLogger(SampleRetention.class);

    private final LatencySampleRepository samples;
    private final HandlerLatencyRepository handlers;
    private final int keep;

    public SampleRetention(LatencySampleRepository samples, HandlerLatencyRepository handlers, LatencyConfig config) {
        this.samples = samples;
        this.handlers = handlers;
        this.keep = Math.max(config.retainedSamples(), config.windowSize() + config.baselineSize());
    }

    @Scheduled(every = "${selfheal.detector.latency.prune-every}", delayed = "${selfheal.detector.latency.prune-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> prune() {
        return Panache.withSession(() -> handlers.list(Optional.empty()))
                .onItem().transformToMulti(all -> Multi.createFrom().iterable(all))
                // One transaction per handler keeps locks short while consumers keep writing samples.
                .onItem().transformToUniAndConcatenate(h -> Panache.withTransaction(
                        () -> samples.prune(h.service, h.handler, keep)))
                .collect().with(Collectors.summingInt(Integer::intValue))
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("deleted %d latency samples beyond the latest %d per handler", deleted, keep);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("latency samples not pruned: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
