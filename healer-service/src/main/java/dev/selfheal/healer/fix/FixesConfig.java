package dev.selfheal.healer.fix;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How fixes are proposed and decided ({@code selfheal.fixes.*}). */
@ConfigMapping(prefix = "selfheal.fixes")
public interface FixesConfig {

    /** The longest comment an approver may attach to a decision, in characters. */
    @WithDefault("2000")
    int maxCommentLength();

    /** How long a transition waits for Kafka to acknowledge its event before it is undone and answered 503. */
    @WithDefault("15s")
    Duration publishTimeout();

    /** Distinct approvers a high-risk fix needs (code changes, large changes). */
    @WithDefault("2")
    int highRiskApprovals();

    /** How often expiry, rollout retries and verification run. */
    @WithDefault("15s")
    Duration checkEvery();

    /** A proposal nobody decided within this long expires: the system it was made for has moved on. */
    @WithDefault("24h")
    Duration expireAfter();

    /** After a rollout, findings start counting against the fix this much later: the change takes effect. */
    @WithDefault("1m")
    Duration verifySettle();

    /** How long the affected handler's telemetry is watched after the settle time before a fix counts as verified. */
    @WithDefault("10m")
    Duration verifyWindow();

    /** The Retry-After a 503 advises. */
    @WithDefault("5s")
    Duration retryAfter();
}
