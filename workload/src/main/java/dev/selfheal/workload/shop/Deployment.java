package dev.selfheal.workload.shop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What runs in the shop now: each service's version and the handlers a release added beyond the normal ones.
 * Every release carries its evidence, an OpenAPI document and a JaCoCo report, which {@link #deploy} returns for
 * publishing before the release serves its first request.
 */
public final class Deployment {

    /**
     * A release of one service.
     *
     * @param service    the service
     * @param version    its new version
     * @param added      handlers it adds to the normal ones, which receive traffic while it runs
     * @param undocumented added handlers its OpenAPI document leaves out
     * @param uncovered  added handlers its JaCoCo report does not cover
     * @param newClasses whether the uncovered handlers' classes are left out of the report altogether (a test run
     *                   that never loaded them) rather than listed with nothing covered
     */
    public record Release(String service, String version, List<Handler> added, Set<Handler> undocumented,
            Set<Handler> uncovered, boolean newClasses) {

        public Release {
            added = List.copyOf(added);
            undocumented = Set.copyOf(undocumented);
            uncovered = Set.copyOf(uncovered);
        }

        /** A release that changes no handler (a new build with different behaviour inside). */
        public static Release of(String service, String version) {
            return new Release(service, version, List.of(), Set.of(), Set.of(), false);
        }
    }

    /**
     * A service version's evidence, as it is published.
     *
     * @param service  the service
     * @param version  its version
     * @param openApi  the OpenAPI 3.0 document, JSON
     * @param jacoco   the JaCoCo XML report
     */
    public record Evidence(String service, String version, String openApi, String jacoco) {
    }

    private final Map<String, String> versions = new LinkedHashMap<>(ShopModel.INITIAL_VERSIONS);
    private final Map<String, Release> releases = new LinkedHashMap<>();
    private final Map<String, String> highest = new LinkedHashMap<>();

    /** The evidence of every service at its initial version: documented and covered, handler for handler. */
    public List<Evidence> initialEvidence() {
        List<Evidence> evidence = new ArrayList<>();
        for (String service : ShopModel.SERVICES) {
            List<Handler> handlers = ShopModel.handlersOf(service);
            evidence.add(new Evidence(service, versions.get(service),
                    OpenApiDocuments.document(service, versions.get(service), handlers),
                    JacocoReports.report(service, versions.get(service), handlers, Set.of(), false)));
        }
        return evidence;
    }

    /** Rolls a release out; answers its evidence. */
    public Evidence deploy(Release release) {
        versions.put(release.service(), release.version());
        releases.put(release.service(), release);
        List<Handler> all = new ArrayList<>(ShopModel.handlersOf(release.service()));
        all.addAll(release.added());
        List<Handler> documented = all.stream().filter(h -> !release.undocumented().contains(h)).toList();
        return new Evidence(release.service(), release.version(),
                OpenApiDocuments.document(release.service(), release.version(), documented),
                JacocoReports.report(release.service(), release.version(), all, release.uncovered(), release.newClasses()));
    }

    /** Rolls a service back to a version whose evidence was published before, with the normal handlers. */
    public void rollBack(String service, String version) {
        versions.put(service, version);
        releases.remove(service);
    }

    /**
     * A version no release of the service has had yet: the next minor version above every one it ran, so that a
     * rolled-back release's version is never reused.
     */
    public String nextVersion(String service) {
        String[] parts = highest.getOrDefault(service, versions.get(service)).split("\\.");
        String next = parts[0] + "." + (Integer.parseInt(parts[1]) + 1) + ".0";
        highest.put(service, next);
        return next;
    }

    public String version(String service) {
        return versions.get(service);
    }

    /** Handlers added by the releases running now, which take a share of the traffic. */
    public List<Handler> addedHandlers() {
        Set<Handler> added = new LinkedHashSet<>();
        releases.values().forEach(r -> added.addAll(r.added()));
        return List.copyOf(added);
    }
}
