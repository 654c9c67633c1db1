package dev.selfheal.healer.rollout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where approved fixes are rolled out ({@code selfheal.rollout.*}). */
@ConfigMapping(prefix = "selfheal.rollout")
public interface RolloutConfig {

    /** The Kubernetes namespace the healed services' deployments live in. */
    @WithDefault("default")
    String namespace();
}
