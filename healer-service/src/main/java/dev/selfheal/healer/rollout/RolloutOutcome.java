package dev.selfheal.healer.rollout;

/**
 * What a {@link RolloutTarget} reports back.
 *
 * @param succeeded whether the change is in place
 * @param detail    what was done, or why it could not be
 */
public record RolloutOutcome(boolean succeeded, String detail) {
}
