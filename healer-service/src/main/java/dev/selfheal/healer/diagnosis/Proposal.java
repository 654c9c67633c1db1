package dev.selfheal.healer.diagnosis;

/**
 * The healer's answer to an anomaly, before anyone approved it.
 *
 * @param playbook  the playbook that produced it, one of {@link Playbooks}
 * @param title     one line describing the change
 * @param diagnosis why the healer believes this is the cause, with the figures it relied on
 * @param action    what would be changed
 */
public record Proposal(String playbook, String title, String diagnosis, ProposedAction action) {
}
