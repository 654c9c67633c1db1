package dev.selfheal.detector.silence;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.platform.problem.FieldError;
import dev.selfheal.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Creates, lists and ends silences; tells the incident layer which are in force. */
@ApplicationScoped
public class SilenceService {

    static final Duration LONGEST = Duration.ofDays(30);
    private static final int MAX_NAME = 512;

    /** Silences in force at {@code now}. Call in a session. */
    public Uni<List<Silence>> active(Instant now) {
        return Silence.<Silence>list("expiresAt > ?1", now);
    }

    /** Creates a silence on behalf of {@code by} (the authenticated person). */
    @WithTransaction
    public Uni<SilenceView> create(SilenceRequest request, String by) {
        Instant now = Instant.now();
        Silence silence = validate(request, by, now);
        return silence.<Silence>persist().map(s -> SilenceView.of(s, now));
    }

    @WithSession
    public Uni<List<SilenceView>> list(boolean includeExpired) {
        Instant now = Instant.now();
        Uni<List<Silence>> found = includeExpired ? Silence.<Silence>list("order by createdAt desc")
                : Silence.<Silence>list("expiresAt > ?1 order by createdAt desc", now);
        return found.map(all -> all.stream().map(s -> SilenceView.of(s, now)).toList());
    }

    /** Ends a silence now; ending one that already ended changes nothing. */
    @WithTransaction
    public Uni<SilenceView> expire(String id) {
        Instant now = Instant.now();
        return Silence.<Silence>findById(id).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("no silence " + id + " is known");
            }
            if (found.expiresAt.isAfter(now)) {
                found.expiresAt = now;
            }
            return SilenceView.of(found, now);
        });
    }

    static Silence validate(SilenceRequest request, String by, Instant now) {
        if (request == null) {
            throw ProblemException.invalid("body", "a silence needs a JSON body");
        }
        List<FieldError> errors = new ArrayList<>();
        Silence silence = new Silence();
        silence.id = UUID.randomUUID().toString();
        silence.capability = capability(request.capability(), errors);
        silence.service = name("service", request.service(), errors);
        silence.handler = name("handler", request.handler(), errors);
        silence.signature = name("signature", request.signature(), errors);
        if (silence.capability == null && silence.service == null && silence.handler == null
                && silence.signature == null && errors.isEmpty()) {
            errors.add(new FieldError("capability", "set at least one of capability, service, handler, signature: "
                    + "a silence of everything would hide every problem"));
        }
        silence.reason = name("reason", request.reason(), errors);
        if (silence.reason == null) {
            errors.add(new FieldError("reason", "say why, for whoever sees the silenced incidents"));
        }
        silence.createdBy = by;
        Duration duration = duration(request.duration(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        silence.createdAt = now;
        silence.expiresAt = now.plus(duration);
        return silence;
    }

    private static Capability capability(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Capability.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("capability", "must be one of " + List.of(Capability.values())));
            return null;
        }
    }

    private static String name(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_NAME) {
            errors.add(new FieldError(field, "at most " + MAX_NAME + " characters"));
            return null;
        }
        return value.trim();
    }

    private static Duration duration(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("duration", "say for how long, ISO-8601 such as PT2H"));
            return null;
        }
        try {
            Duration duration = Duration.parse(value.trim());
            if (duration.isNegative() || duration.isZero()) {
                errors.add(new FieldError("duration", "must be positive"));
            } else if (duration.compareTo(LONGEST) > 0) {
                errors.add(new FieldError("duration", "at most " + LONGEST.toDays() + " days (P30D)"));
            }
            return duration;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("duration", "not an ISO-8601 duration such as PT2H: " + value));
            return null;
        }
    }
}
