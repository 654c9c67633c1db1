package dev.selfheal.healer.rollout.kubernetes;

/**
 * A runtime action that cannot be applied as asked: its target does not exist, a parameter is wrong, there is no
 * revision to roll back to, or the API server refused the change (a 4xx). The cluster is unchanged. Failures that
 * leave the outcome unknown (the API server unreachable, a 5xx) stay fabric8's {@code KubernetesClientException}.
 */
public class KubernetesActionException extends RuntimeException {

    public KubernetesActionException(String message) {
        super(message);
    }

    public KubernetesActionException(String message, Throwable cause) {
        super(message, cause);
    }
}
