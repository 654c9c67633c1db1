package dev.selfheal.detector.incident;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.FixEvent;
import dev.selfheal.contracts.v1.Severity;
import dev.selfheal.detection.engine.Feedback;
import dev.selfheal.detection.engine.Finding;
import dev.selfheal.detector.anomaly.Anomaly;
import dev.selfheal.detector.anomaly.AnomalyService;
import dev.selfheal.detector.anomaly.NewAnomaly;
import dev.selfheal.detector.engine.EngineRuntime;
import dev.selfheal.detector.silence.Silence;
import dev.selfheal.detector.silence.SilenceService;
import dev.selfheal.platform.problem.FieldError;
import dev.selfheal.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

/**
 * Turns findings into incidents: the findings of one fingerprint join its open incident; the first opens one and
 * announces it as an anomaly (unless a silence holds it back). Incidents resolve when quiet, or when people judge
 * them false positives; verdicts go to the engine, which changes what it detects from then on.
 */
@ApplicationScoped
public class IncidentService {

    /** The evidence detail holding the problem's onset in event time (ISO-8601), for readers of telemetry. */
    public static final String ONSET = "onset";

    private static final Logger LOG = Logger.getLogger(IncidentService.class);

    private final AnomalyService anomalies;
    private final SilenceService silences;
    private final IncidentConfig config;
    private final EngineRuntime runtime;
    private final MeterRegistry registry;

    public IncidentService(AnomalyService anomalies, SilenceService silences, IncidentConfig config,
            EngineRuntime runtime, MeterRegistry registry) {
        this.anomalies = anomalies;
        this.silences = silences;
        this.config = config;
        this.runtime = runtime;
        this.registry = registry;
    }

    /**
     * Stores findings: each fingerprint's findings join its open incident or open one. Retried when another
     * writer opened the same incident at the same moment.
     */
    public Uni<Void> record(List<Finding> findings, Instant watermark) {
        if (findings.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, List<Finding>> byFingerprint = new LinkedHashMap<>();
        for (Finding finding : findings) {
            byFingerprint.computeIfAbsent(finding.fingerprint(), k -> new ArrayList<>()).add(finding);
        }
        return Panache.withTransaction(() -> {
                    Instant now = Instant.now();
                    return silences.active(now).chain(active -> Multi.createFrom().iterable(byFingerprint.values())
                            .onItem().transformToUniAndConcatenate(group -> join(group, active, now))
                            .collect().last());
                })
                .onFailure(IncidentService::isRace).retry().atMost(3)
                .replaceWithVoid();
    }

    private Uni<Void> join(List<Finding> group, List<Silence> active, Instant now) {
        Finding first = group.get(0);
        return Incident.<Incident>find("fingerprint = ?1 and status = ?2", first.fingerprint(), IncidentStatus.OPEN)
                .firstResult()
                .chain(open -> open != null ? add(open, group, active, now) : open(group, active, now));
    }

    private Uni<Void> open(List<Finding> group, List<Silence> active, Instant now) {
        Finding first = group.get(0);
        return confirmedBefore(first.fingerprint()).chain(confirmed -> {
            Severity severity = confirmed ? raise(first.severity()) : first.severity();
            Incident incident = Incident.open(UUID.randomUUID().toString(), first, severity, now);
            group.stream().skip(1).forEach(f -> incident.add(f, now));
            registry.counter("selfheal.detector.incidents", "capability", incident.capability.name()).increment();
            LOG.infof("incident %s opened: %s", incident.id, incident.summary);
            return incident.persist().chain(() -> announceUnlessSilenced(incident, active, now));
        });
    }

    private Uni<Void> add(Incident incident, List<Finding> group, List<Silence> active, Instant now) {
        group.forEach(f -> incident.add(f, now));
        if (incident.anomalyId == null) {
            return announceUnlessSilenced(incident, active, now);
        }
        return anomalies.find(incident.anomalyId).invoke(anomaly -> {
            if (anomaly != null) {
                anomaly.confirm(group.size(), now, config.resolveAfter());
            }
        }).replaceWithVoid();
    }

    private Uni<Void> announceUnlessSilenced(Incident incident, List<Silence> active, Instant now) {
        Finding latest = asFinding(incident);
        Optional<Silence> silence = active.stream().filter(s -> s.matches(latest)).findFirst();
        if (silence.isPresent()) {
            incident.silenceId = silence.get().id;
            registry.counter("selfheal.detector.incidents.silenced").increment();
            return Uni.createFrom().voidItem();
        }
        // The anomaly is announced on the wall clock; the telemetry's own time of the problem's start travels in its
        // evidence, so that whoever reads traces (the healer's diagnosis) knows which came before and which after.
        Map<String, String> details = new LinkedHashMap<>(incident.details == null ? Map.of() : incident.details);
        if (incident.onset != null) {
            details.putIfAbsent(ONSET, incident.onset.toString());
        }
        NewAnomaly announcement = new NewAnomaly(incident.capability, incident.service, incident.handler,
                incident.version, incident.score, incident.severity, incident.summary, incident.figures,
                details, incident.exampleTraceIds, incident.id, incident.signature);
        return anomalies.announce(announcement, now, config.resolveAfter())
                .invoke(anomaly -> {
                    anomaly.confirmations = incident.findings;
                    incident.anomalyId = anomaly.id;
                })
                .replaceWithVoid();
    }

    private static Finding asFinding(Incident i) {
        return new Finding(i.capability, i.service, i.version, i.handler, i.signature, i.score, i.severity, i.summary,
                i.onset, i.lastSeen, i.figures, i.details, i.exampleTraceIds);
    }

    private Uni<Boolean> confirmedBefore(String fingerprint) {
        return IncidentFeedback.count("verdict = ?1 and incidentId in (select i.id from Incident i where i.fingerprint = ?2)",
                Feedback.Verdict.CONFIRMED, fingerprint).map(n -> n > 0);
    }

    private static Severity raise(Severity severity) {
        Severity[] all = Severity.values();
        return all[Math.min(all.length - 1, severity.ordinal() + 1)];
    }

    /** Resolves open incidents no finding joined for the resolve time, by the engine's event time. */
    public Uni<Integer> resolveQuiet(Instant watermark) {
        Instant quietSince = watermark.minus(config.resolveAfter());
        return Panache.withTransaction(() -> Incident.<Incident>list("status = ?1 and lastSeen < ?2",
                        IncidentStatus.OPEN, quietSince)
                .chain(quiet -> {
                    Instant now = Instant.now();
                    quiet.forEach(i -> i.resolve(Resolution.QUIET, now));
                    List<String> announced = quiet.stream().map(i -> i.anomalyId).filter(id -> id != null).toList();
                    if (announced.isEmpty()) {
                        return Uni.createFrom().item(quiet.size());
                    }
                    return Anomaly.<Anomaly>list("id in ?1", announced)
                            .invoke(found -> found.forEach(a -> a.close(now)))
                            .replaceWith(quiet.size());
                }));
    }

    /**
     * Records a person's verdict and hands it to the engine: a false positive resolves the incident and teaches
     * the detectors that what they saw is normal; a confirmation raises the severity the same problem opens with.
     */
    public Uni<IncidentView> feedback(String id, FeedbackRequest request, String by) {
        Feedback.Verdict verdict = validate(request);
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Incident.<Incident>findById(id).chain(incident -> {
                    if (incident == null) {
                        throw ProblemException.notFound("no incident " + id + " is known");
                    }
                    IncidentFeedback given = new IncidentFeedback();
                    given.id = UUID.randomUUID().toString();
                    given.incidentId = incident.id;
                    given.verdict = verdict;
                    given.givenBy = by;
                    given.comment = request.comment() == null || request.comment().isBlank() ? null : request.comment();
                    given.givenAt = now;
                    incident.feedback = verdict;
                    incident.updatedAt = now;
                    Uni<Void> closing = Uni.createFrom().voidItem();
                    if (verdict == Feedback.Verdict.FALSE_POSITIVE && incident.status == IncidentStatus.OPEN) {
                        incident.resolve(Resolution.FALSE_POSITIVE, now);
                        if (incident.anomalyId != null) {
                            closing = anomalies.find(incident.anomalyId).invoke(a -> {
                                if (a != null) {
                                    a.close(now);
                                }
                            }).replaceWithVoid();
                        }
                    }
                    return closing.chain(() -> given.persist())
                            .replaceWith(() -> FeedbackLog.toFeedback(incident, given))
                            .map(feedback -> new Judged(IncidentView.of(incident), feedback));
                }))
                .invoke(judged -> {
                    runtime.feedback(judged.feedback());
                    registry.counter("selfheal.detector.feedback", "verdict", verdict.name()).increment();
                })
                .map(Judged::view);
    }

    /**
     * A fix's outcome: the problem was real, so an incident nobody judged yet is confirmed in healer-service's name.
     * Runs inside the caller's transaction; an unknown incident (another detector's, or purged) is left alone.
     */
    public Uni<Void> fixOutcome(FixEvent outcome) {
        return Incident.<Incident>findById(outcome.incidentId()).chain(incident -> {
            if (incident == null || incident.feedback != null) {
                return Uni.createFrom().voidItem();
            }
            String why = "fix " + outcome.fixId() + " (" + outcome.playbook() + ") ended " + outcome.status()
                    + (outcome.comment() == null ? "" : ": " + outcome.comment());
            return feedback(incident.id, new FeedbackRequest(Feedback.Verdict.CONFIRMED.name(), why),
                    "healer-service").replaceWithVoid();
        });
    }

    private record Judged(IncidentView view, Feedback feedback) {
    }

    private static Feedback.Verdict validate(FeedbackRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "a verdict needs a JSON body");
        }
        List<FieldError> errors = new ArrayList<>();
        Feedback.Verdict verdict = null;
        if (request.verdict() == null || request.verdict().isBlank()) {
            errors.add(new FieldError("verdict", "say FALSE_POSITIVE or CONFIRMED"));
        } else {
            try {
                verdict = Feedback.Verdict.valueOf(request.verdict().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("verdict", "must be FALSE_POSITIVE or CONFIRMED, not " + request.verdict()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return verdict;
    }

    @WithSession
    public Uni<List<IncidentView>> list(Optional<String> service, Optional<Capability> capability,
            Optional<IncidentStatus> status, int limit) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        service.ifPresent(s -> {
            conditions.add("service = :service");
            parameters.and("service", s);
        });
        capability.ifPresent(c -> {
            conditions.add("capability = :capability");
            parameters.and("capability", c);
        });
        status.ifPresent(s -> {
            conditions.add("status = :status");
            parameters.and("status", s);
        });
        Sort newestFirst = Sort.descending("firstSeen").and("id");
        return (conditions.isEmpty() ? Incident.<Incident>findAll(newestFirst)
                : Incident.<Incident>find(String.join(" and ", conditions), newestFirst, parameters))
                .page(0, limit).list()
                .map(found -> found.stream().map(IncidentView::of).toList());
    }

    @WithSession
    public Uni<IncidentView> get(String id) {
        return Incident.<Incident>findById(id).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("no incident " + id + " is known");
            }
            return IncidentView.of(found);
        });
    }

    private static boolean isRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException || t instanceof OptimisticLockException
                    || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }
}
