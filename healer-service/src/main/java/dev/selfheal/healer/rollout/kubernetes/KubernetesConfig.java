package dev.selfheal.healer.rollout.kubernetes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * Limits on what a fix may change in the cluster ({@code selfheal.kubernetes.*}), enforced by
 * {@link KubernetesPolicy} before a person is asked to approve.
 */
@ConfigMapping(prefix = "selfheal.kubernetes")
public interface KubernetesConfig {

    /**
     * The namespace healer-service runs in. In the cluster it comes from the pod's own namespace
     * ({@code KUBERNETES_NAMESPACE}, set by the generated Deployment), which is also where its Role grants access.
     */
    @WithDefault("default")
    String namespace();

    /**
     * The namespaces fixes may change. Unset, only {@link #namespace()}: the Role healer-service gets is
     * namespaced, so another namespace also needs a Role and RoleBinding there.
     */
    Optional<List<String>> allowedNamespaces();

    /** The fewest replicas a fix may leave a Deployment with; scaling to zero is an outage, not a fix. */
    @WithDefault("1")
    int minReplicas();

    /** The most replicas a fix may give a Deployment. */
    @WithDefault("10")
    int maxReplicas();

    /** The most replicas one fix may add to a Deployment's current count. */
    @WithDefault("3")
    int maxAddedReplicas();

    /** The most runtime actions one fix may carry. */
    @WithDefault("3")
    int maxActionsPerFix();
}
