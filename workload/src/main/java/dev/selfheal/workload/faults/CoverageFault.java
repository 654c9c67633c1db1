package dev.selfheal.workload.faults;

import dev.selfheal.workload.shop.Deployment;
import dev.selfheal.workload.shop.Handler;
import dev.selfheal.workload.shop.ShopModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A new version of a service adds a handler that receives traffic but that no test executes. Its OpenAPI
 * document is updated (only coverage is missing); its JaCoCo report either lists the handler with nothing covered
 * ({@code untested-handler}), or does not list it at all ({@code unreported-handler}), as when the handler's
 * class was never loaded by the test run.
 */
final class CoverageFault extends Fault {

    static final String UNTESTED = "untested-handler";
    static final String UNREPORTED = "unreported-handler";
    static final List<String> VARIANTS = List.of(UNTESTED, UNREPORTED);

    private CoverageFault(String variant, Handler added, Deployment.Release release) {
        super(FaultKind.COVERAGE, variant, added.service(), added, null, null, release,
                classAndMethod(added));
    }

    static CoverageFault create(String variant, RandomGenerator random, Deployment deployment) {
        List<String> services = List.copyOf(ShopModel.NEW_ENDPOINTS.keySet());
        String service = services.get(random.nextInt(services.size()));
        List<Handler> candidates = ShopModel.NEW_ENDPOINTS.get(service);
        // A class the report leaves out must be a new one: an existing class is loaded by the other handlers' tests.
        Handler added = variant.equals(UNREPORTED) ? candidates.get(1) : candidates.get(random.nextInt(candidates.size()));
        Deployment.Release release = new Deployment.Release(service, deployment.nextVersion(service), List.of(added),
                Set.of(), Set.of(added), variant.equals(UNREPORTED));
        return new CoverageFault(variant, added, release);
    }
}
