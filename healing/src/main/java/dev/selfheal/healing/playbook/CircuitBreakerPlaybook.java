package dev.selfheal.healing.playbook;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.healing.code.FaultToleranceEditor;
import dev.selfheal.healing.code.FaultToleranceSettings;
import dev.selfheal.healing.code.RestClient;
import dev.selfheal.healing.code.Route;
import dev.selfheal.healing.code.SourceEdit;
import dev.selfheal.healing.diagnosis.Diagnosis;
import dev.selfheal.healing.diagnosis.RootCause;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code dependency.circuit-breaker}: the REST client method calling a slow or failing dependency gets
 * {@code @Timeout}, {@code @Retry} and {@code @CircuitBreaker} with values from the evidence, and a dependency
 * test replaying the calling handler's recorded calls within the worst case those settings allow.
 */
public final class CircuitBreakerPlaybook implements Playbook {

    @Override
    public String name() {
        return "dependency.circuit-breaker";
    }

    @Override
    public Capability capability() {
        return Capability.DEPENDENCY;
    }

    @Override
    public boolean appliesTo(Diagnosis diagnosis) {
        return Plans.candidate(diagnosis, RootCause.Kind.DEPENDENCY).filter(c -> c.dependency() != null).isPresent()
                && !DependencyConfigPlaybook.unreachable(diagnosis);
    }

    @Override
    public FixPlan propose(Diagnosis diagnosis, PlaybookContext context) {
        RootCause cause = Plans.candidate(diagnosis, RootCause.Kind.DEPENDENCY).orElseThrow();
        String dependency = cause.dependency();
        boolean slow = "slow".equals(diagnosis.anomaly().signature());
        FaultToleranceSettings settings = FaultToleranceSettings.fromEvidence(Plans.evidence(diagnosis).figures(),
                slow);
        Optional<RestClient> client = context.tree().flatMap(tree -> RestClient.find(tree, dependency));
        Optional<SourceEdit> edit = client.flatMap(c -> FaultToleranceEditor.annotate(context.tree().orElseThrow(), c,
                calledRoute(context, dependency), settings));
        List<Artifact> artifacts = new ArrayList<>();
        edit.map(SourceEdit::toArtifact).ifPresent(artifacts::add);
        long budget = settings.worstCaseMs() + 1000;
        if (cause.handler() != null && !cause.handler().equals(dependency)) {
            var calls = Plans.calls(context, cause.service(), cause.handler());
            int healthy = Plans.healthyStatus(calls);
            Plans.statusTest(context, Plans.handlerMethod(context, cause.handler()), cause.service(), cause.handler(),
                    "DependencyTest", "Replays calls of " + cause.handler() + ", which calls " + dependency
                            + ": each must answer " + healthy + " within " + budget + " ms, the worst case of the "
                            + "timeout and retries, never hang on the dependency.",
                    calls, c -> healthy, budget).ifPresent(artifacts::add);
        }
        String title = "Fault tolerance on " + cause.service() + "'s calls to " + dependency;
        String change = edit.isPresent()
                ? edit.get().description() + ". A " + (slow ? "slow" : "failing") + " " + dependency + " then costs a "
                        + "caller at most " + settings.worstCaseMs() + " ms, and after " + settings.failureRatio()
                        + " of " + settings.requestVolumeThreshold() + " calls fail the breaker stops calling it for "
                        + settings.breakerDelayMs() + " ms (" + cause.explanation() + ")."
                : "Proposes " + settings.timeout() + " " + settings.retry() + " " + settings.circuitBreaker()
                        + " for the client of " + dependency + "." + Plans.noSource(context,
                        "no REST client interface configured for " + dependency + " was found, or it already has "
                                + "all three annotations");
        artifacts.add(Plans.docNote(name(), diagnosis, cause, title, change, artifacts, List.of()));
        return new FixPlan(name(), title, diagnosis, change, edit.isPresent() ? Risk.HIGH : Risk.LOW, artifacts,
                List.of(), Plans.validation(artifacts, List.of(), "calls from " + cause.service() + " to "
                        + dependency + " healthy (failure rate and p95 back to baseline), callers within "
                        + settings.worstCaseMs() + " ms"));
    }

    /** The method and path the service called on the dependency, from its client spans. */
    static Optional<Route> calledRoute(PlaybookContext context, String dependency) {
        for (List<SpanRecorded> trace : context.traces().observed()) {
            for (SpanRecorded span : trace) {
                Map<String, String> a = span.attributes();
                String target = a.get("server.address") == null ? a.get("peer.service")
                        : a.get("server.address") + (a.get("server.port") == null ? "" : ":" + a.get("server.port"));
                if (target == null || !(target.equals(dependency) || dependency.startsWith(target + ":"))) {
                    continue;
                }
                String method = a.getOrDefault("http.request.method", a.get("http.method"));
                String path = a.get("url.full") != null ? pathOf(a.get("url.full"))
                        : a.getOrDefault("url.path", a.get("http.route"));
                if (path != null) {
                    return Optional.of(new Route(method, path));
                }
            }
        }
        return Optional.empty();
    }

    private static String pathOf(String url) {
        try {
            return URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
