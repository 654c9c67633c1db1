package dev.selfheal.workload.faults;

import dev.selfheal.workload.shop.Deployment;
import dev.selfheal.workload.shop.Handler;
import dev.selfheal.workload.shop.ShopModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Behaviour that contradicts the documented contract: a new version exposes an endpoint that receives traffic
 * but is missing from its OpenAPI document, although its tests cover it ({@code undocumented-endpoint}); or an
 * operation with an {@code x-latency-budget-ms} takes longer than its budget on every call
 * ({@code latency-budget-exceeded}), the handler's own time growing by 1.1 to 1.5 budgets.
 */
final class DocumentationFault extends Fault {

    static final String UNDOCUMENTED = "undocumented-endpoint";
    static final String OVER_BUDGET = "latency-budget-exceeded";
    static final List<String> VARIANTS = List.of(UNDOCUMENTED, OVER_BUDGET);

    private final Handler target;
    private final double extraMedianMs;

    private DocumentationFault(String variant, Handler target, double extraMedianMs, Deployment.Release release,
            Map<String, Object> detail) {
        super(FaultKind.DOCUMENTATION, variant, target.service(), target, null, null, release, detail);
        this.target = target;
        this.extraMedianMs = extraMedianMs;
    }

    static DocumentationFault create(String variant, RandomGenerator random, Deployment deployment) {
        if (variant.equals(UNDOCUMENTED)) {
            List<String> services = List.copyOf(ShopModel.NEW_ENDPOINTS.keySet());
            String service = services.get(random.nextInt(services.size()));
            List<Handler> candidates = ShopModel.NEW_ENDPOINTS.get(service);
            Handler added = candidates.get(random.nextInt(candidates.size()));
            Deployment.Release release = new Deployment.Release(service, deployment.nextVersion(service),
                    List.of(added), Set.of(added), Set.of(), false);
            return new DocumentationFault(variant, added, 0, release, classAndMethod(added));
        }
        if (!variant.equals(OVER_BUDGET)) {
            throw new IllegalArgumentException("no documentation variant " + variant);
        }
        List<Handler> budgeted = ShopModel.HANDLERS.stream().filter(h -> h.latencyBudgetMs() != null).toList();
        Handler target = budgeted.get(random.nextInt(budgeted.size()));
        double extra = round(target.latencyBudgetMs() * (1.1 + 0.4 * random.nextDouble()), 1);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("latencyBudgetMs", target.latencyBudgetMs());
        detail.put("extraSelfMs", extra);
        return new DocumentationFault(variant, target, extra, null, detail);
    }

    @Override
    public double extraSelfMs(Handler handler, RandomGenerator random) {
        // Never below the budget: 10% spread around the drawn extra time, which is at least 1.1 budgets.
        return handler.equals(target) && extraMedianMs > 0
                ? Math.max(target.latencyBudgetMs(), extraMedianMs * Math.exp(0.1 * random.nextGaussian())) : 0;
    }
}
