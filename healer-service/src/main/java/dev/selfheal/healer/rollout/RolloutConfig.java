package dev.selfheal.healer.rollout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where approved fixes are rolled out ({@code selfheal.rollout.*}). */
@ConfigMapping(prefix = "selfheal.rollout")
public interface RolloutConfig {

    /** How runtime actions are carried out. */
    enum Mode {
        /** Applied to the cluster through the Kubernetes API (in a pod: its service account). */
        KUBERNETES,
        /** Written down with the exact change, nothing in a cluster touched: for running without Kubernetes. */
        RECORD_ONLY
    }

    /** {@code kubernetes} in a cluster; {@code record-only} where there is none (the local demo). */
    @WithDefault("record-only")
    Mode mode();

    /** The Kubernetes namespace the healed services' deployments live in. */
    @WithDefault("default")
    String namespace();
}
