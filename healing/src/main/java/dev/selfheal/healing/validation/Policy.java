package dev.selfheal.healing.validation;

import java.util.Set;

/**
 * What an operator allows a fix's runtime actions to do.
 *
 * @param allowedNamespaces  Kubernetes namespaces fixes may act in
 * @param maxReplicas        the most replicas a SCALE may set
 * @param maxAddedReplicas   the most replicas a SCALE may add to the current count
 * @param maxActionsPerFix   the most runtime actions one fix may take
 */
public record Policy(Set<String> allowedNamespaces, int maxReplicas, int maxAddedReplicas, int maxActionsPerFix) {

    public Policy {
        allowedNamespaces = allowedNamespaces == null ? Set.of() : Set.copyOf(allowedNamespaces);
        if (maxReplicas < 1 || maxAddedReplicas < 0 || maxActionsPerFix < 0) {
            throw new IllegalArgumentException("a policy needs at least one replica and no negative limit");
        }
    }
}
