package dev.selfheal.healer.fix;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How fixes are proposed and decided ({@code selfheal.fixes.*}). */
@ConfigMapping(prefix = "selfheal.fixes")
public interface FixesConfig {

    /** The most replicas one scale-out proposal adds, however large the slowdown. */
    @WithDefault("3")
    int maxAddedReplicas();

    /** The longest comment an approver may attach to a decision, in characters. */
    @WithDefault("2000")
    int maxCommentLength();

    /** How long a transition waits for Kafka to acknowledge its event before it is undone and answered 503. */
    @WithDefault("15s")
    Duration publishTimeout();

    /** The Retry-After a 503 advises. */
    @WithDefault("5s")
    Duration retryAfter();
}
