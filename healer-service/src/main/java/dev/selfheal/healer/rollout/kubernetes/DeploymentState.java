package dev.selfheal.healer.rollout.kubernetes;

/**
 * A Deployment as the API server reports it: what playbooks start from (the current replica count and version)
 * and what verification waits for.
 *
 * @param namespace          its namespace
 * @param name               its name
 * @param replicas           the desired replica count ({@code spec.replicas})
 * @param readyReplicas      pods ready to serve
 * @param updatedReplicas    pods running the current pod template
 * @param availableReplicas  pods ready for at least {@code minReadySeconds}
 * @param version            the pod template's {@code app.kubernetes.io/version} label, or null
 * @param revision           the {@code deployment.kubernetes.io/revision} annotation, or null before the
 *                           controller has set it
 * @param generation         the spec's generation
 * @param observedGeneration the generation the Deployment controller has acted on
 */
public record DeploymentState(String namespace, String name, int replicas, int readyReplicas, int updatedReplicas,
        int availableReplicas, String version, String revision, long generation, long observedGeneration) {

    /**
     * Whether the last change is fully rolled out, as {@code kubectl rollout status} judges it: the controller has
     * seen the current spec and every desired replica runs the current template and is available.
     */
    public boolean rolledOut() {
        return observedGeneration >= generation && updatedReplicas == replicas && availableReplicas == replicas
                && readyReplicas == replicas;
    }
}
