package dev.selfheal.workload.shop;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How a fault changes what the shop does, asked by {@link ShopTraffic} at each decision it makes. Every method's
 * default is the healthy shop; a fault overrides the few it is about. Decisions that are random draw from the
 * traffic's generator, so that a run is reproducible from its seed.
 */
public interface Perturbation {

    /** The healthy shop. */
    Perturbation NONE = new Perturbation() {
    };

    /** What a handler's own time is multiplied by. */
    default double selfTimeFactor(Handler handler) {
        return 1;
    }

    /** Milliseconds of own time added to one execution of a handler. */
    default double extraSelfMs(Handler handler, RandomGenerator random) {
        return 0;
    }

    /** The steps one execution of a flow takes, given those it takes normally. */
    default List<ShopModel.Step> steps(ShopModel.Flow flow, List<ShopModel.Step> normal, RandomGenerator random) {
        return normal;
    }

    /** An unexpected exception one execution of a handler throws, or null. */
    default InjectedError error(Handler handler, RandomGenerator random) {
        return null;
    }

    /** The share of its handler's calls a known error is raised in. */
    default double knownErrorRate(ShopModel.KnownError error) {
        return error.rate();
    }

    /**
     * The value a handler writes for a piece of state, given the one it writes normally; {@code "null"} is how
     * an instrumented service that writes {@code String.valueOf(null)} reports a missing value.
     */
    default Object stateValue(Handler writer, ShopModel.StateKey key, Object normal, RandomGenerator random) {
        return normal;
    }

    /** How a call from a service to a dependency goes wrong, or null when it goes well. */
    default DependencyFailure dependency(String service, Dependency dependency, RandomGenerator random) {
        return null;
    }

    /** Hosts that one execution of a handler calls beyond its declared dependencies. */
    default List<String> undeclaredCalls(Handler handler) {
        return List.of();
    }

    /**
     * An exception a handler throws.
     *
     * @param type       the exception class
     * @param message    its message
     * @param stacktrace its stack trace, the top frame on the first {@code at} line
     */
    record InjectedError(String type, String message, String stacktrace) {
    }

    /** A call to a dependency going wrong. */
    sealed interface DependencyFailure {
    }

    /** The dependency refuses the connection: {@code java.net.ConnectException: Connection refused}. */
    record ConnectionRefused() implements DependencyFailure {
    }

    /** The dependency's host name does not resolve: {@code java.net.UnknownHostException}. */
    record UnknownHost(String host) implements DependencyFailure {
    }

    /** The dependency answers, but this many milliseconds late. */
    record Slow(double extraMs) implements DependencyFailure {
    }
}
