package dev.selfheal.healer.rollout.git;

/**
 * A fix that cannot be published as asked: the service has no repository, the base commit is unknown, a diff does
 * not apply, or the remote rejected the branch. Nothing was pushed.
 */
public class PublishException extends RuntimeException {

    public PublishException(String message) {
        super(message);
    }

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
