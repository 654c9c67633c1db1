package dev.selfheal.healing.playbook;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A change to a running service on Kubernetes.
 *
 * @param type        what to do
 * @param kind        the kind of object changed: {@code Deployment}, or {@code ConfigMap} for configuration
 * @param name        the object's name
 * @param parameters  the action's settings; see {@link Type} for each type's keys
 * @param description one sentence a person can approve or reject
 */
public record RuntimeAction(Type type, String kind, String name, Map<String, String> parameters, String description) {

    /** The actions, with the parameters each reads. */
    public enum Type {
        /** {@code replicas}: the replica count to set. */
        SCALE,
        /**
         * {@code container} (optional, default the first), any of {@code requests.cpu}, {@code requests.memory},
         * {@code limits.cpu}, {@code limits.memory} (Kubernetes quantities).
         */
        RESOURCES,
        /** {@code toVersion} (optional): the version to return to; without it the previous revision. */
        ROLLBACK,
        /** No parameters: a rolling restart of the deployment's pods. */
        RESTART,
        /** {@code data.<key>}: a value to set in the ConfigMap; the deployment restarts to read it. */
        CONFIG
    }

    public RuntimeAction {
        if (type == null || kind == null || kind.isBlank() || name == null || name.isBlank()) {
            throw new IllegalArgumentException("a runtime action needs a type, a kind and a name");
        }
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(parameters));
    }
}
