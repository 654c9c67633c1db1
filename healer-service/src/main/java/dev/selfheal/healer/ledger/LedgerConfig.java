package dev.selfheal.healer.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The learning ledger's bar for unattended rollout ({@code selfheal.ledger.*}). */
@ConfigMapping(prefix = "selfheal.ledger")
public interface LedgerConfig {

    /**
     * The success rate a playbook must clear to roll out without an approver: the lower end of its 90 % credible
     * interval, not its average, so a short lucky streak does not qualify.
     */
    @WithDefault("0.9")
    double unattendedMinSuccess();

    /** The fewest outcomes a playbook needs before it can run unattended at all. */
    @WithDefault("10")
    int unattendedMinOutcomes();
}
