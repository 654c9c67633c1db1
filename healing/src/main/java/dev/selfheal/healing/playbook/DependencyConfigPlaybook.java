package dev.selfheal.healing.playbook;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.healing.code.RestClient;
import dev.selfheal.healing.code.SourceTree;
import dev.selfheal.healing.diagnosis.Diagnosis;
import dev.selfheal.healing.diagnosis.RootCause;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code dependency.config-fix}: a dependency that cannot be reached at all (unknown host, refused connection,
 * 404) or was never declared is a binding problem, not a flaky one: set the client's URL in the service's
 * ConfigMap to the address its source declares.
 */
public final class DependencyConfigPlaybook implements Playbook {

    @Override
    public String name() {
        return "dependency.config-fix";
    }

    @Override
    public Capability capability() {
        return Capability.DEPENDENCY;
    }

    @Override
    public boolean appliesTo(Diagnosis diagnosis) {
        return Plans.candidate(diagnosis, RootCause.Kind.DEPENDENCY).filter(c -> c.dependency() != null).isPresent()
                && unreachable(diagnosis);
    }

    static boolean unreachable(Diagnosis diagnosis) {
        String signature = diagnosis.anomaly() == null ? null : diagnosis.anomaly().signature();
        return "missing".equals(signature) || "undeclared".equals(signature);
    }

    @Override
    public FixPlan propose(Diagnosis diagnosis, PlaybookContext context) {
        RootCause cause = Plans.candidate(diagnosis, RootCause.Kind.DEPENDENCY).orElseThrow();
        String deployment = context.deploymentOr(cause.service());
        Optional<Map.Entry<String, String>> setting = context.tree().flatMap(tree -> declared(tree,
                cause.dependency()));
        List<RuntimeAction> actions = setting.map(s -> List.of(new RuntimeAction(RuntimeAction.Type.CONFIG,
                "ConfigMap", deployment, Map.of("data." + s.getKey(), s.getValue()),
                "Set " + s.getKey() + "=" + s.getValue() + " for " + deployment + ", which calls "
                        + cause.dependency() + " that does not answer; the deployment restarts to read it")))
                .orElse(List.of());
        String title = "Fix " + cause.service() + "'s address of " + cause.dependency();
        String change = setting.isPresent()
                ? "Points " + deployment + " back at " + setting.get().getValue() + " (" + setting.get().getKey()
                        + "): production calls " + cause.dependency() + ", which " + cause.explanation()
                : "The address of " + cause.dependency() + " must be corrected in " + deployment + "'s configuration;"
                        + " no REST client URL in the source tree tells which address is right, so a person supplies it.";
        List<Artifact> artifacts = List.of(Plans.docNote(name(), diagnosis, cause, title, change, List.of(),
                actions));
        return new FixPlan(name(), title, diagnosis, change, Risk.MEDIUM, artifacts, actions,
                Plans.validation(List.of(), actions, "calls from " + cause.service() + " reach the configured "
                        + "address and succeed; no further calls to " + cause.dependency()));
    }

    /**
     * The environment variable and URL the source declares for the client of the unreachable target's nearest
     * declared host (a one- or two-letter typo, or the same host on another port), when the two differ.
     */
    static Optional<Map.Entry<String, String>> declared(SourceTree tree, String dependency) {
        String host = dependency.contains(":") ? dependency.substring(0, dependency.lastIndexOf(':')) : dependency;
        for (Map.Entry<String, String> entry : tree.properties().entrySet()) {
            String key = RestClient.clientKey(entry.getKey());
            if (key == null) {
                continue;
            }
            String url = entry.getValue().replaceAll("^\\$\\{[^:}]*:(.*)}$", "$1");
            Optional<String> authority = RestClient.authorityOf(url);
            if (authority.isEmpty() || authority.get().equals(dependency)) {
                continue;
            }
            String declaredHost = authority.get().substring(0, authority.get().lastIndexOf(':'));
            if (distance(declaredHost, host) <= 2) {
                return Optional.of(Map.entry(RestClient.environmentVariableOf(entry.getKey()), url));
            }
        }
        return Optional.empty();
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.length()];
    }
}
