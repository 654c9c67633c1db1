package dev.selfheal.healing.playbook;

import dev.selfheal.contracts.v1.Capability;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.healing.code.ExceptionMapperWriter;
import dev.selfheal.healing.code.HandlerMethod;
import dev.selfheal.healing.code.SourceEdit;
import dev.selfheal.healing.diagnosis.Diagnosis;
import dev.selfheal.healing.diagnosis.RootCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code error.exception-mapper}: an exception escaping a handler gets a {@code @Provider ExceptionMapper}
 * answering {@code application/problem+json} with a status that fits it, and an error test replaying the calls
 * that failed and expecting that status.
 */
public final class ExceptionMapperPlaybook implements Playbook {

    @Override
    public String name() {
        return "error.exception-mapper";
    }

    @Override
    public Capability capability() {
        return Capability.ERROR;
    }

    @Override
    public boolean appliesTo(Diagnosis diagnosis) {
        return Plans.candidate(diagnosis, RootCause.Kind.ERROR_ORIGIN).isPresent();
    }

    @Override
    public FixPlan propose(Diagnosis diagnosis, PlaybookContext context) {
        RootCause cause = Plans.candidate(diagnosis, RootCause.Kind.ERROR_ORIGIN).orElseThrow();
        String handler = Plans.handlerOf(diagnosis, cause);
        Optional<String> type = exceptionType(diagnosis, context, handler);
        int status = type.map(ExceptionMapperWriter::statusFor).orElse(500);
        Optional<HandlerMethod> method = Plans.handlerMethod(context, handler);
        Optional<SourceEdit> edit = type.flatMap(t -> method.flatMap(m -> ExceptionMapperWriter.write(
                context.tree().orElseThrow(), t, m, "Selfheal saw it escape " + handler + " of " + cause.service()
                        + " (anomaly " + diagnosis.anomaly().anomalyId() + ").")));
        List<Artifact> artifacts = new ArrayList<>();
        edit.map(SourceEdit::toArtifact).ifPresent(artifacts::add);
        Plans.statusTest(context, method, cause.service(), handler, "ErrorTest", "Replays calls of " + handler
                + " that failed with " + type.orElse("an error") + ": each must answer " + status
                + " with a problem+json body, never an unmapped 500.", Plans.calls(context, cause.service(), handler)
                .stream().filter(c -> !c.ok() || c.status() >= 500).toList(), c -> status, 10_000)
                .ifPresent(artifacts::add);
        String simple = type.map(t -> t.substring(t.lastIndexOf('.') + 1)).orElse("the exception");
        String title = "Map " + simple + " from " + handler + " to " + status + " problem+json";
        String change = edit.isPresent()
                ? "Adds " + simple + "Mapper, answering " + simple + " with " + status + " and an "
                        + "application/problem+json body (type, title, status, detail; no stack trace) instead of an "
                        + "unmapped 500 (" + cause.explanation() + ")."
                : "Adds an error test for " + handler + "." + Plans.noSource(context, type.isEmpty()
                        ? "the exception type is not in the evidence" : "no resource method serving " + handler
                        + " was found, or " + simple + " is already mapped");
        artifacts.add(Plans.docNote(name(), diagnosis, cause, title, change, artifacts, List.of()));
        return new FixPlan(name(), title, diagnosis, change, edit.isPresent() ? Risk.HIGH : Risk.LOW, artifacts,
                List.of(), Plans.validation(artifacts, List.of(), "error rate of " + handler
                        + " back to its baseline; no new " + simple + " answered 500"));
    }

    /** The exception: the anomaly's {@code exceptionType}, else the first one recorded on the handler's spans. */
    static Optional<String> exceptionType(Diagnosis diagnosis, PlaybookContext context, String handler) {
        String fromEvidence = Plans.evidence(diagnosis).details().get("exceptionType");
        if (fromEvidence != null && !fromEvidence.isBlank() && !fromEvidence.startsWith("span.status")) {
            return Optional.of(fromEvidence);
        }
        return context.traces().observed().stream().flatMap(List::stream)
                .filter(s -> handler.equals(s.handler()))
                .map(SpanRecorded::attributes)
                .map(a -> a.getOrDefault("exception.type", a.get("error.type")))
                .filter(t -> t != null && t.contains("."))
                .findFirst();
    }
}
