package dev.selfheal.workload.faults;

import dev.selfheal.workload.shop.Deployment;
import dev.selfheal.workload.shop.Handler;
import dev.selfheal.workload.shop.Perturbation;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One fault to inject: the {@link Perturbation} it makes to the shop, the release it may come with, and what its
 * ground truth says. Subclasses override the perturbation methods they are about.
 */
public abstract class Fault implements Perturbation {

    private final FaultKind kind;
    private final String variant;
    private final String service;
    private final Handler handler;
    private final String dependency;
    private final String key;
    private final Deployment.Release release;
    private final Map<String, Object> detail;

    /**
     * @param release a release the fault comes with (deployed at its onset, rolled back at its end), or null
     * @param detail  the variant's parameters, in the order they should be read
     */
    protected Fault(FaultKind kind, String variant, String service, Handler handler, String dependency, String key,
            Deployment.Release release, Map<String, Object> detail) {
        this.kind = kind;
        this.variant = variant;
        this.service = service;
        this.handler = handler;
        this.dependency = dependency;
        this.key = key;
        this.release = release;
        this.detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }

    public FaultKind kind() {
        return kind;
    }

    public String variant() {
        return variant;
    }

    /** The service at fault; for a dependency fault, the calling service. */
    public String service() {
        return service;
    }

    /** The release this fault comes with, or null. */
    public Deployment.Release release() {
        return release;
    }

    /** The ground truth of this fault injected from {@code onset} to {@code end}. */
    public Injection truth(int trial, Instant onset, Instant end, String version, String previousVersion) {
        return new Injection(trial, kind, variant, service, handler == null ? null : handler.name(), dependency, key,
                version, previousVersion, onset, end, detail);
    }

    /** The detail of a fault about a handler's code: its class and method, in that order. */
    protected static Map<String, Object> classAndMethod(Handler handler) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("class", handler.className());
        detail.put("method", handler.function());
        return detail;
    }

    /** Rounds a parameter for the ground truth and uses the rounded value, so the two agree. */
    protected static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
