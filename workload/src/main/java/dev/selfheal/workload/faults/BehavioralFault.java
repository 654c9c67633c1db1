package dev.selfheal.workload.faults;

import dev.selfheal.workload.shop.Deployment;
import dev.selfheal.workload.shop.ShopModel;
import dev.selfheal.workload.shop.ShopModel.Flow;
import dev.selfheal.workload.shop.ShopModel.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A flow that calls other services in a different order than it should: a step skipped (a guard that returns
 * early), two adjacent steps swapped (charging before reserving), or a step inserted that the flow never takes
 * (a second charge, a stock check in the middle of an order). The changed flow runs in a share of the handler's
 * executions (a code path behind a condition), shipped in a new version where the flow's service is released
 * on its own.
 */
final class BehavioralFault extends Fault {

    static final String SKIP = "skip-step";
    static final String SWAP = "swap-steps";
    static final String INSERT = "insert-step";
    static final List<String> VARIANTS = List.of(SKIP, SWAP, INSERT);

    private final Flow flow;
    private final String variant;
    private final Step first;
    private final Step second;
    private final double share;

    private BehavioralFault(String variant, Flow flow, Step first, Step second, double share,
            Deployment.Release release, Map<String, Object> detail) {
        super(FaultKind.BEHAVIORAL, variant, flow.owner().service(), flow.owner(), null, null, release, detail);
        this.variant = variant;
        this.flow = flow;
        this.first = first;
        this.second = second;
        this.share = share;
    }

    static BehavioralFault create(String variant, RandomGenerator random, Deployment deployment) {
        Flow flow = ShopModel.FLOWS.get(random.nextInt(ShopModel.FLOWS.size()));
        List<Step> steps = flow.steps();
        double share = round(0.6 + 0.4 * random.nextDouble(), 2);
        Map<String, Object> detail = new LinkedHashMap<>();
        Step first;
        Step second = null;
        switch (variant) {
            case SKIP -> {
                first = steps.get(random.nextInt(steps.size()));
                detail.put("skipped", first.calls().toString());
            }
            case SWAP -> {
                int at = random.nextInt(steps.size() - 1);
                first = steps.get(at);
                second = steps.get(at + 1);
                detail.put("swapped", List.of(first.calls().toString(), second.calls().toString()));
            }
            case INSERT -> {
                first = flow.insertable().get(random.nextInt(flow.insertable().size()));
                second = steps.get(random.nextInt(steps.size()));
                detail.put("inserted", first.calls().toString());
                detail.put("before", second.calls().toString());
            }
            default -> throw new IllegalArgumentException("no behavioural variant " + variant);
        }
        detail.put("share", share);
        String service = flow.owner().service();
        Deployment.Release release = ShopModel.RELEASABLE.contains(service)
                ? Deployment.Release.of(service, deployment.nextVersion(service)) : null;
        return new BehavioralFault(variant, flow, first, second, share, release, detail);
    }

    @Override
    public List<Step> steps(Flow running, List<Step> normal, RandomGenerator random) {
        if (!running.equals(flow) || random.nextDouble() >= share) {
            return normal;
        }
        List<Step> changed = new ArrayList<>(normal);
        switch (variant) {
            case SKIP -> changed.remove(first);
            case SWAP -> {
                int a = changed.indexOf(first);
                int b = changed.indexOf(second);
                changed.set(a, second);
                changed.set(b, first);
            }
            default -> changed.add(changed.indexOf(second), first);
        }
        return changed;
    }
}
