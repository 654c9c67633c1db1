package dev.selfheal.healer.verification;

import dev.selfheal.healer.rollout.RolloutRecord;
import java.time.Duration;
import java.time.Instant;

/**
 * The verification's judgement of a rolled-out fix at one moment.
 *
 * @param helped     the problem stayed away for the whole window
 * @param conclusion why, in words
 */
record Verdict(boolean helped, String conclusion) {

    /**
     * Judges the fix from its rollout record (the window and any recurrence the anomalies showed) and its incident
     * at detector-service (null when it has none or the detector could not be asked); null while undecided.
     */
    static Verdict of(RolloutRecord record, DetectorApi.Incident incident, Instant now, Duration window) {
        if (record.recurredAt != null) {
            return new Verdict(false, "The problem came back at " + record.recurredAt
                    + " (a new anomaly of it), after the change had settled at " + record.verifyAfter + ".");
        }
        if (incident != null && incident.lastSeen() != null && incident.lastSeen().isAfter(record.verifyAfter)) {
            return new Verdict(false, "The problem persists: incident " + incident.id() + " had a finding at "
                    + incident.lastSeen() + ", after the change had settled at " + record.verifyAfter + " ("
                    + incident.findings() + " findings, severity " + incident.severity() + ").");
        }
        if (now.isBefore(record.verifyUntil)) {
            return null;
        }
        if (incident != null) {
            return new Verdict(true, "No finding of incident " + incident.id() + " since the change settled at "
                    + record.verifyAfter + ", for the whole window to " + record.verifyUntil + " (incident "
                    + String.valueOf(incident.status()).toLowerCase(java.util.Locale.ROOT) + ").");
        }
        if (now.isBefore(record.verifyUntil.plus(window))) {
            // Without the detector's answer, give it one more window before judging from recurrences alone.
            return null;
        }
        return new Verdict(true, "No anomaly of the problem came back from " + record.verifyAfter + " to " + now
                + "; detector-service could not be asked about the incident, so the verdict rests on the "
                + "anomalies alone.");
    }
}
