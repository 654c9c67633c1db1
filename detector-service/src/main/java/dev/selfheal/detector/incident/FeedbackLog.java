package dev.selfheal.detector.incident;

import dev.selfheal.detection.engine.Feedback;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Reads the verdicts people gave, as the engine applies them. */
@ApplicationScoped
public class FeedbackLog {

    /** Verdicts given after {@code since}, oldest first, as engine feedback. Call in a session. */
    public Uni<List<Feedback>> since(Instant since) {
        return IncidentFeedback.<IncidentFeedback>find("givenAt > ?1 order by givenAt", since).list()
                .chain(verdicts -> {
                    if (verdicts.isEmpty()) {
                        return Uni.createFrom().item(List.<Feedback>of());
                    }
                    List<String> ids = verdicts.stream().map(v -> v.incidentId).distinct().toList();
                    return Incident.<Incident>list("id in ?1", ids).map(incidents -> verdicts.stream()
                            .map(v -> incidents.stream().filter(i -> i.id.equals(v.incidentId)).findFirst()
                                    .map(i -> toFeedback(i, v)).orElse(null))
                            .filter(f -> f != null)
                            .toList());
                });
    }

    static Feedback toFeedback(Incident incident, IncidentFeedback verdict) {
        return new Feedback(incident.capability, incident.service, incident.handler, incident.signature,
                verdict.verdict, incident.score, verdict.givenAt);
    }
}
