package dev.selfheal.workload.faults;

import dev.selfheal.workload.shop.Deployment;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Draws faults: for a kind, a variant and a target at random among the eligible handlers, dependencies and keys,
 * from its own seeded generator. Remembers the new exceptions it drew, so none repeats within a run.
 */
public final class FaultCatalog {

    private final RandomGenerator random;
    private final Set<String> usedErrors = new HashSet<>();

    public FaultCatalog(RandomGenerator random) {
        this.random = random;
    }

    /** The variants of a kind. */
    public static List<String> variants(FaultKind kind) {
        return switch (kind) {
            case PERFORMANCE -> PerformanceFault.VARIANTS;
            case BEHAVIORAL -> BehavioralFault.VARIANTS;
            case COVERAGE -> CoverageFault.VARIANTS;
            case ERROR -> ErrorFault.VARIANTS;
            case STATE -> StateFault.VARIANTS;
            case DEPENDENCY -> DependencyFault.VARIANTS;
            case DOCUMENTATION -> DocumentationFault.VARIANTS;
        };
    }

    /** A fault of the kind, its variant drawn at random. */
    public Fault draw(FaultKind kind, Deployment deployment) {
        List<String> variants = variants(kind);
        return draw(kind, variants.get(random.nextInt(variants.size())), deployment);
    }

    /** A fault of the kind and variant, its target drawn at random. */
    public Fault draw(FaultKind kind, String variant, Deployment deployment) {
        if (!variants(kind).contains(variant)) {
            throw new IllegalArgumentException(kind + " has no variant " + variant + "; it has " + variants(kind));
        }
        return switch (kind) {
            case PERFORMANCE -> PerformanceFault.create(variant, random, deployment);
            case BEHAVIORAL -> BehavioralFault.create(variant, random, deployment);
            case COVERAGE -> CoverageFault.create(variant, random, deployment);
            case ERROR -> ErrorFault.create(variant, random, deployment, usedErrors);
            case STATE -> StateFault.create(variant, random, deployment);
            case DEPENDENCY -> DependencyFault.create(variant, random, deployment);
            case DOCUMENTATION -> DocumentationFault.create(variant, random, deployment);
        };
    }
}
