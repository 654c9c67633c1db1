package dev.selfheal.healer.diagnosis;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a fix would change, independent of where the service runs: the rollout target decides the namespace.
 *
 * @param type        what to do: {@code rollback}, {@code scale-out} or {@code investigate}
 * @param targetKind  the kind of thing changed, e.g. {@code Deployment}, or {@code Service} when nothing runs
 *                    differently
 * @param target      its name, the service's name
 * @param parameters  the action's settings, e.g. {@code toVersion}
 * @param description one sentence a person can approve or reject
 */
public record ProposedAction(String type, String targetKind, String target, Map<String, String> parameters,
        String description) {

    public static final String ROLLBACK = "rollback";
    public static final String SCALE_OUT = "scale-out";
    public static final String INVESTIGATE = "investigate";

    public ProposedAction {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
    }
}
