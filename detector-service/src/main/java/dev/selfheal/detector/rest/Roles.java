package dev.selfheal.detector.rest;

/** The roles (the token's groups claim) that may change what is detected and announced. */
public final class Roles {

    /** Approves fixes in healer-service; may also judge incidents and silence them. */
    public static final String APPROVER = "approver";
    /** Runs the system: judges incidents and silences them, without approving fixes. */
    public static final String OPERATOR = "operator";

    private Roles() {
    }
}
