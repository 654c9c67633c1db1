package dev.selfheal.healer.rollout;

import java.util.Map;

/**
 * An approved fix's action, handed to a {@link RolloutTarget}.
 *
 * @param fixId      the fix
 * @param service    the service it changes
 * @param playbook   the playbook that proposed it
 * @param action     what to do, e.g. {@code rollback}
 * @param targetKind the kind of thing to change, e.g. {@code Deployment}
 * @param target     its name
 * @param parameters the action's settings
 * @param approvedBy who approved it
 */
public record RolloutRequest(String fixId, String service, String playbook, String action, String targetKind,
        String target, Map<String, String> parameters, String approvedBy) {

    public RolloutRequest {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
