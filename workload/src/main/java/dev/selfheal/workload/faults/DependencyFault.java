package dev.selfheal.workload.faults;

import dev.selfheal.workload.shop.Dependency;
import dev.selfheal.workload.shop.Deployment;
import dev.selfheal.workload.shop.Handler;
import dev.selfheal.workload.shop.ShopModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A service's dependency goes wrong: it refuses connections in half or more of the calls (a crashed replica, a
 * full connection table), its host name stops resolving after a release with a mistyped address, it answers
 * 0.4 to 1.5 s late, or a release makes a handler call a host declared nowhere. Client spans of a failed call
 * carry status ERROR and the {@code exception} event a Java client records; the calling handler then answers
 * 503 (502 for the payment provider), except that a failed cache read falls back to the database and a failed
 * Kafka send is left to the outbox, as the shop's code does.
 */
final class DependencyFault extends Fault {

    static final String REFUSED = "connection-refused";
    static final String UNKNOWN_HOST = "unknown-host";
    static final String SLOW = "slow-dependency";
    static final String UNDECLARED = "undeclared-host";
    static final List<String> VARIANTS = List.of(REFUSED, UNKNOWN_HOST, SLOW, UNDECLARED);

    private final String service;
    private final Dependency dependency;
    private final Handler caller;
    private final List<String> undeclared;
    private final DependencyFailure failure;
    private final double share;

    private DependencyFault(String variant, String service, Dependency dependency, Handler caller, String target,
            DependencyFailure failure, double share, Deployment.Release release, Map<String, Object> detail) {
        super(FaultKind.DEPENDENCY, variant, service, caller, target, null, release, detail);
        this.service = service;
        this.dependency = dependency;
        this.caller = caller;
        this.undeclared = dependency == null ? List.of(target.substring(0, target.lastIndexOf(':'))) : List.of();
        this.failure = failure;
        this.share = share;
    }

    static DependencyFault create(String variant, RandomGenerator random, Deployment deployment) {
        Map<String, Object> detail = new LinkedHashMap<>();
        if (variant.equals(UNDECLARED)) {
            List<Handler> callers = ShopModel.FREQUENT_HANDLERS.stream()
                    .filter(h -> ShopModel.RELEASABLE.contains(h.service())).toList();
            Handler caller = callers.get(random.nextInt(callers.size()));
            String host = ShopModel.UNDECLARED_HOSTS.get(random.nextInt(ShopModel.UNDECLARED_HOSTS.size()));
            detail.put("host", host);
            return new DependencyFault(variant, caller.service(), null, caller, host + ":443", null, 1,
                    Deployment.Release.of(caller.service(), deployment.nextVersion(caller.service())), detail);
        }
        ShopModel.DependencyUse use = ShopModel.DEPENDENCY_USES.get(random.nextInt(ShopModel.DEPENDENCY_USES.size()));
        Dependency dependency = use.dependency();
        DependencyFailure failure;
        double share = 1;
        Deployment.Release release = null;
        switch (variant) {
            case REFUSED -> {
                failure = new ConnectionRefused();
                share = round(0.5 + 0.5 * random.nextDouble(), 2);
            }
            case UNKNOWN_HOST -> {
                String host = mistype(dependency.host(), random);
                failure = new UnknownHost(host);
                detail.put("host", host);
                release = Deployment.Release.of(use.service(), deployment.nextVersion(use.service()));
            }
            case SLOW -> {
                double extra = round(400 + 1100 * random.nextDouble(), 0);
                failure = new Slow(extra);
                detail.put("extraMs", extra);
            }
            default -> throw new IllegalArgumentException("no dependency variant " + variant);
        }
        detail.put("share", share);
        return new DependencyFault(variant, use.service(), dependency, null, dependency.target(), failure, share,
                release, detail);
    }

    /** The host with one letter of its first label dropped: the typo of a hand-edited configuration. */
    private static String mistype(String host, RandomGenerator random) {
        int label = host.indexOf('.');
        int at = 1 + random.nextInt(Math.max(1, label - 2));
        return host.substring(0, at) + host.substring(at + 1);
    }

    @Override
    public DependencyFailure dependency(String calling, Dependency called, RandomGenerator random) {
        if (failure == null || !calling.equals(service) || !called.equals(dependency) || random.nextDouble() >= share) {
            return null;
        }
        return failure;
    }

    @Override
    public List<String> undeclaredCalls(Handler handler) {
        return handler.equals(caller) ? undeclared : List.of();
    }
}
