package dev.selfheal.detector.incident;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A person's verdict on an incident.
 *
 * @param verdict FALSE_POSITIVE or CONFIRMED
 * @param comment why, optional
 */
@Schema(description = "A verdict on an incident")
public record FeedbackRequest(
        @Schema(description = "FALSE_POSITIVE: not a problem (the detectors learn it as normal and need stronger "
                + "evidence next time; the incident is resolved). CONFIRMED: a real problem (the same problem opens "
                + "one severity level higher next time).", required = true, examples = "FALSE_POSITIVE") String verdict,
        @Schema(description = "Why", examples = "nightly batch, expected") String comment) {
}
