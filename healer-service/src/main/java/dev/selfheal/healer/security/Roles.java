package dev.selfheal.healer.security;

/** The roles a token's groups claim may hold. */
public final class Roles {

    /** Approves or rejects fix proposals. */
    public static final String APPROVER = "approver";
    /** Decides which playbooks may roll out unattended. */
    public static final String OPERATOR = "operator";

    private Roles() {
    }
}
