package dev.selfheal.detection.engine;

import dev.selfheal.contracts.v1.Capability;
import java.time.Instant;

/**
 * A person's judgement of a finding, applied to every future finding with the same fingerprint.
 *
 * @param capability capability of the judged finding
 * @param service    its service
 * @param handler    its handler
 * @param signature  its signature
 * @param verdict    what the person decided
 * @param score      the judged finding's score
 * @param at         when the judgement was made (wall clock)
 */
public record Feedback(Capability capability, String service, String handler, String signature, Verdict verdict,
        double score, Instant at) {

    /** What a person decided about a finding. */
    public enum Verdict {
        /** Not a problem: the detector learns that what it saw is normal, and needs stronger evidence next time. */
        FALSE_POSITIVE,
        /** A real problem. */
        CONFIRMED
    }

    public boolean matches(Finding finding) {
        return capability == finding.capability() && service.equals(finding.service())
                && handler.equals(finding.handler()) && signature.equals(finding.signature());
    }

    public String fingerprint() {
        return Finding.fingerprintOf(capability, service, handler, signature);
    }
}
