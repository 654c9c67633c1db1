package dev.selfheal.healer.diagnosis;

/** The names of the playbooks the healer proposes fixes from; they travel in every {@code FixEvent}. */
public final class Playbooks {

    /** A release made a handler slower: roll the service back to the version that was fast. */
    public static final String ROLLBACK_VERSION = "performance.rollback-version";
    /** A handler got slower without a release: add capacity. */
    public static final String SCALE_OUT = "performance.scale-out";
    /** No automatic remedy yet: a person looks at the evidence. */
    public static final String INVESTIGATE = "investigate";

    private Playbooks() {
    }
}
