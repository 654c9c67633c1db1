package dev.selfheal.healer.rollout.kubernetes;

import dev.selfheal.healing.playbook.RuntimeAction;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameter keys each {@link RuntimeAction.Type} reads and their checks, shared by {@link KubernetesPolicy}
 * (which reports every problem before approval) and {@link KubernetesActions} (which refuses to apply any).
 */
final class ActionParameters {

    static final String REPLICAS = "replicas";
    static final String CONTAINER = "container";
    static final String TO_VERSION = "toVersion";
    static final String TO_REVISION = "toRevision";
    static final String DATA_PREFIX = "data.";
    static final String REMOVE_PREFIX = "remove.";
    static final List<String> RESOURCE_KEYS = List.of("requests.cpu", "requests.memory", "limits.cpu",
            "limits.memory");

    private static final Map<RuntimeAction.Type, String> KINDS = Map.of(
            RuntimeAction.Type.SCALE, "Deployment",
            RuntimeAction.Type.RESOURCES, "Deployment",
            RuntimeAction.Type.ROLLBACK, "Deployment",
            RuntimeAction.Type.RESTART, "Deployment",
            RuntimeAction.Type.CONFIG, "ConfigMap");

    private ActionParameters() {
    }

    /** Everything wrong with the action's kind and parameters, each as a sentence; empty when it can be applied. */
    static List<String> problems(RuntimeAction action) {
        List<String> problems = new ArrayList<>();
        String what = action.type() + " " + action.kind() + " " + action.name();
        String kind = KINDS.get(action.type());
        if (!kind.equals(action.kind())) {
            problems.add(what + ": " + action.type() + " applies to a " + kind + ", not a " + action.kind());
        }
        Map<String, String> p = action.parameters();
        switch (action.type()) {
            case SCALE -> {
                unknownKeys(what, p, Set.of(REPLICAS), problems);
                if (replicas(action) == null) {
                    problems.add(what + ": replicas must be a whole number, was " + p.get(REPLICAS));
                }
            }
            case RESOURCES -> {
                unknownKeys(what, p, Set.of(CONTAINER, "requests.cpu", "requests.memory", "limits.cpu",
                        "limits.memory"), problems);
                Map<String, String> resources = resources(action);
                if (resources.isEmpty()) {
                    problems.add(what + ": names none of " + RESOURCE_KEYS);
                }
                resources.forEach((key, value) -> {
                    if (!value.isEmpty() && quantity(value) == null) {
                        problems.add(what + ": " + key + " is not a Kubernetes quantity: " + value);
                    }
                });
                for (String resource : List.of("cpu", "memory")) {
                    Quantity request = quantity(resources.get("requests." + resource));
                    Quantity limit = quantity(resources.get("limits." + resource));
                    if (request != null && limit != null
                            && request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                        problems.add(what + ": requests." + resource + " " + request + " exceeds limits."
                                + resource + " " + limit);
                    }
                }
            }
            case ROLLBACK -> {
                unknownKeys(what, p, Set.of(TO_VERSION, TO_REVISION), problems);
                if (p.containsKey(TO_VERSION) && p.containsKey(TO_REVISION)) {
                    problems.add(what + ": give toVersion or toRevision, not both");
                }
            }
            case RESTART -> unknownKeys(what, p, Set.of(), problems);
            case CONFIG -> {
                p.keySet().stream()
                        .filter(k -> !(k.startsWith(DATA_PREFIX) || k.startsWith(REMOVE_PREFIX))
                                || k.equals(DATA_PREFIX) || k.equals(REMOVE_PREFIX))
                        .forEach(k -> problems.add(what + ": unknown parameter " + k
                                + " (expected data.<key> or remove.<key>)"));
                if (p.isEmpty()) {
                    problems.add(what + ": sets no data.<key>");
                }
            }
        }
        return problems;
    }

    static Integer replicas(RuntimeAction action) {
        try {
            return Integer.valueOf(action.parameters().getOrDefault(REPLICAS, "").trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The resource settings the action names, in a fixed order; an empty value removes the setting. */
    static Map<String, String> resources(RuntimeAction action) {
        Map<String, String> resources = new LinkedHashMap<>();
        for (String key : RESOURCE_KEYS) {
            String value = action.parameters().get(key);
            if (value != null) {
                resources.put(key, value.trim());
            }
        }
        return resources;
    }

    static Quantity quantity(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            Quantity quantity = Quantity.parse(value);
            quantity.getNumericalAmount();
            return quantity;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    private static void unknownKeys(String what, Map<String, String> parameters, Set<String> known,
            List<String> problems) {
        parameters.keySet().stream().filter(k -> !known.contains(k))
                .forEach(k -> problems.add(what + ": unknown parameter " + k));
    }
}
