package dev.selfheal.workload.faults;

import dev.selfheal.workload.shop.Deployment;
import dev.selfheal.workload.shop.Handler;
import dev.selfheal.workload.shop.ShopModel;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A handler's own time multiplied by 3 to 6: in place (a lock under contention, a table grown past its index)
 * or with a new version of its service (a slower algorithm shipped). The calls it makes keep their time, so the
 * extra time is the handler's own.
 */
final class PerformanceFault extends Fault {

    static final String SLOW_HANDLER = "slow-handler";
    static final String SLOW_RELEASE = "slow-release";
    static final List<String> VARIANTS = List.of(SLOW_HANDLER, SLOW_RELEASE);
    /** Handlers whose own time is a visible part of their latency. */
    private static final double MIN_SELF_MS = 2.5;

    private final Handler target;
    private final double factor;

    private PerformanceFault(String variant, Handler target, double factor, Deployment.Release release) {
        super(FaultKind.PERFORMANCE, variant, target.service(), target, null, null, release,
                Map.of("factor", factor));
        this.target = target;
        this.factor = factor;
    }

    static PerformanceFault create(String variant, RandomGenerator random, Deployment deployment) {
        boolean release = variant.equals(SLOW_RELEASE);
        List<Handler> eligible = ShopModel.FREQUENT_HANDLERS.stream().filter(h -> h.selfMedianMs() >= MIN_SELF_MS)
                .filter(h -> !release || ShopModel.RELEASABLE.contains(h.service())).toList();
        Handler target = eligible.get(random.nextInt(eligible.size()));
        double factor = round(3 + 3 * random.nextDouble(), 2);
        return new PerformanceFault(variant, target, factor, release
                ? Deployment.Release.of(target.service(), deployment.nextVersion(target.service())) : null);
    }

    @Override
    public double selfTimeFactor(Handler handler) {
        return handler.equals(target) ? factor : 1;
    }
}
