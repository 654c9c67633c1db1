package dev.selfheal.healer.verification;

import dev.selfheal.healer.rollout.RolloutRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The verification's judgement of a rolled-out fix at one moment.
 *
 * @param outcome    helped, did not help, or not yet decidable
 * @param conclusion why, in words
 */
record Verdict(Outcome outcome, String conclusion) {

    enum Outcome {
        /** The problem stayed away for the whole window while the handler was in use. */
        HELPED,
        /** The problem persisted, worsened or came back after the change settled. */
        DID_NOT_HELP,
        /** Too early, or nothing to judge by yet. */
        WAITING
    }

    /**
     * Judges the fix from its rollout record (the window and any recurrence the anomalies showed), its incident at
     * detector-service (null when it has none or the detector could not be asked) and whether the affected handler
     * was used since the change settled (null when telemetry-service could not be asked); null while too early.
     */
    static Verdict of(RolloutRecord record, DetectorApi.Incident incident, Boolean traffic, Instant now,
            Duration window) {
        if (record.recurredAt != null) {
            return new Verdict(Outcome.DID_NOT_HELP, "The problem came back at " + record.recurredAt
                    + " (a new anomaly of it), after the change had settled at " + record.verifyAfter + ".");
        }
        if (incident != null && incident.lastSeen() != null && incident.lastSeen().isAfter(record.verifyAfter)) {
            return new Verdict(Outcome.DID_NOT_HELP, "The problem persists: incident " + incident.id()
                    + " had a finding at " + incident.lastSeen() + ", after the change had settled at "
                    + record.verifyAfter + " (" + incident.findings() + " findings, severity " + incident.severity()
                    + ").");
        }
        if (now.isBefore(record.verifyUntil)) {
            return null;
        }
        if (Boolean.FALSE.equals(traffic)) {
            // Quiet because nobody called it proves nothing: keep watching until the handler is used again.
            return new Verdict(Outcome.WAITING, "Waiting for traffic: telemetry-service has no trace of the handler "
                    + "since the change settled at " + record.verifyAfter + ", so its quiet proves nothing yet.");
        }
        String used = traffic == null ? " (telemetry-service could not be asked whether the handler was used)"
                : " while the handler was in use";
        if (incident != null) {
            return new Verdict(Outcome.HELPED, "No finding of incident " + incident.id() + " since the change settled "
                    + "at " + record.verifyAfter + ", for the whole window to " + record.verifyUntil + used
                    + " (incident " + String.valueOf(incident.status()).toLowerCase(Locale.ROOT) + ").");
        }
        if (now.isBefore(record.verifyUntil.plus(window))) {
            // Without the detector's answer, give it one more window before judging from recurrences alone.
            return null;
        }
        return new Verdict(Outcome.HELPED, "No anomaly of the problem came back from " + record.verifyAfter + " to "
                + now + used + "; detector-service could not be asked about the incident, so the verdict rests on "
                + "the anomalies alone.");
    }
}
