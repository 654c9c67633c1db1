package dev.selfheal.healing.playbook;

import dev.selfheal.contracts.v1.AnomalyDetected;
import dev.selfheal.contracts.v1.Evidence;
import dev.selfheal.healing.code.HandlerMethod;
import dev.selfheal.healing.code.RecordedCall;
import dev.selfheal.healing.code.ReproductionTests;
import dev.selfheal.healing.code.TestTarget;
import dev.selfheal.healing.diagnosis.Diagnosis;
import dev.selfheal.healing.diagnosis.RootCause;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/** What the playbooks share: finding their candidate, recorded calls, tests, doc notes and validation steps. */
final class Plans {

    /** Recorded calls a generated test replays at most: enough cases, a test a person can still read. */
    static final int MAX_CALLS = 10;

    private Plans() {
    }

    static Optional<RootCause> candidate(Diagnosis diagnosis, RootCause.Kind kind) {
        return diagnosis.candidates().stream().filter(c -> c.kind() == kind).findFirst();
    }

    static Evidence evidence(Diagnosis diagnosis) {
        AnomalyDetected a = diagnosis.anomaly();
        return a == null || a.evidence() == null ? new Evidence(Map.of(), Map.of(), List.of()) : a.evidence();
    }

    static String handlerOf(Diagnosis diagnosis, RootCause cause) {
        return cause.handler() != null ? cause.handler() : diagnosis.anomaly().handler();
    }

    static Optional<HandlerMethod> handlerMethod(PlaybookContext context, String handler) {
        return context.tree().flatMap(tree -> HandlerMethod.find(tree, handler));
    }

    /** Observed calls first (they show the problem), then baseline calls of the same handler. */
    static List<RecordedCall> calls(PlaybookContext context, String service, String handler) {
        List<RecordedCall> calls = new ArrayList<>(
                RecordedCall.of(context.traces().observed(), service, handler, MAX_CALLS));
        if (calls.size() < MAX_CALLS) {
            calls.addAll(RecordedCall.of(context.traces().baseline(), service, handler, MAX_CALLS - calls.size()));
        }
        return calls;
    }

    /** A status test over recorded calls, or empty when no call was recorded. */
    static Optional<Artifact> statusTest(PlaybookContext context, Optional<HandlerMethod> method, String service,
            String handler, String suffix, String about, List<RecordedCall> calls,
            ToIntFunction<RecordedCall> expectedStatus, long budgetMs) {
        if (calls.isEmpty()) {
            return Optional.empty();
        }
        List<ReproductionTests.Expectation> expected = calls.stream()
                .map(c -> new ReproductionTests.Expectation(c, expectedStatus.applyAsInt(c))).toList();
        return Optional.of(ReproductionTests.statusTest(TestTarget.of(method, service, handler, suffix), about,
                expected, budgetMs));
    }

    /** A latency budget: a multiple of a baseline figure, else a generous default. */
    static long budget(Map<String, Double> figures, String key, double factor) {
        Double base = figures.get(key);
        return base == null || base <= 0 ? 5000 : Math.max(100, (long) Math.ceil(base * factor / 50) * 50);
    }

    /** The status healthy calls answer: the most common 2xx/3xx/4xx of baseline calls, else 200. */
    static int healthyStatus(List<RecordedCall> calls) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        calls.stream().filter(c -> c.status() > 0 && c.status() < 500)
                .forEach(c -> counts.merge(c.status(), 1, Integer::sum));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(200);
    }

    static String noSource(PlaybookContext context, String what) {
        return context.tree().isEmpty()
                ? " The code change could not be made: no source tree of the service is available; " + what + "."
                : " The code change could not be made: " + what + " in the source tree.";
    }

    /** The Markdown note for docs-service: what was wrong, the evidence, what changed. */
    static Artifact docNote(String playbook, Diagnosis diagnosis, RootCause cause, String title, String change,
            List<Artifact> artifacts, List<RuntimeAction> actions) {
        AnomalyDetected a = diagnosis.anomaly();
        Evidence evidence = evidence(diagnosis);
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append("Service `").append(a.service()).append('`');
        if (a.handler() != null) {
            md.append(", handler `").append(a.handler()).append('`');
        }
        md.append(", version `").append(a.version()).append("`; anomaly `").append(a.anomalyId()).append("` (")
                .append(a.capability().name().toLowerCase(Locale.ROOT)).append(", ")
                .append(a.severity()).append("), proposed by playbook `").append(playbook).append("`.\n\n");
        md.append("## What was wrong\n\n").append(a.summary()).append("\n\n");
        md.append("## Evidence\n\n");
        if (!evidence.figures().isEmpty() || !evidence.details().isEmpty()) {
            md.append("| measure | value |\n|---|---|\n");
            evidence.figures().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> md.append("| ")
                    .append(e.getKey()).append(" | ").append(String.format(Locale.ROOT, "%.4g", e.getValue()))
                    .append(" |\n"));
            evidence.details().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> md.append("| ")
                    .append(e.getKey()).append(" | ").append(e.getValue().replace("|", "\\|")).append(" |\n"));
            md.append('\n');
        }
        if (!evidence.exampleTraceIds().isEmpty()) {
            md.append("Example traces: ").append(String.join(", ", evidence.exampleTraceIds().stream()
                    .map(t -> "`" + t + "`").toList())).append(".\n\n");
        }
        md.append("Diagnosis: ").append(cause.location()).append(String.format(Locale.ROOT, " (confidence %.2f). ",
                cause.confidence())).append(cause.explanation() == null ? "" : cause.explanation()).append("\n\n");
        md.append("## What changed\n\n").append(change).append("\n\n");
        for (Artifact artifact : artifacts) {
            md.append("- ").append(artifact.kind() == Artifact.Kind.TEST ? "Test" : "Code").append(" `")
                    .append(artifact.path()).append("`: ").append(artifact.description()).append('\n');
        }
        for (RuntimeAction action : actions) {
            md.append("- ").append(action.type()).append(' ').append(action.kind()).append(" `").append(action.name())
                    .append("`: ").append(action.description()).append('\n');
        }
        String path = "docs/fixes/" + slug(a.service()) + "-" + slug(a.anomalyId())
                + ".md";
        return new Artifact(Artifact.Kind.DOC_NOTE, path, md.toString(), "What was wrong and what changed: "
                + title);
    }

    /**
     * The validation steps of a plan, one per line: the checks before a person sees it (patch, compile,
     * policy), then how the fix is verified once rolled out.
     */
    static List<String> validation(List<Artifact> artifacts, List<RuntimeAction> actions, String afterRollout) {
        List<String> steps = new ArrayList<>();
        artifacts.stream().filter(a -> a.kind() == Artifact.Kind.CODE_DIFF).forEach(a ->
                steps.add("PatchCheck: the diff to " + a.path() + " applies cleanly to the source tree"));
        if (artifacts.stream().anyMatch(a -> a.kind() != Artifact.Kind.DOC_NOTE)) {
            steps.add("CompileCheck: the edited sources and generated tests compile against the service's classpath");
        }
        if (!actions.isEmpty()) {
            steps.add("Policy: allowed namespace, blast radius (the service's own objects), replica bounds,"
                    + " actions per fix");
        }
        artifacts.stream().filter(a -> a.kind() == Artifact.Kind.TEST).forEach(a -> steps.add("Run "
                + a.path().substring(a.path().lastIndexOf('/') + 1) + " against the rolled-out service (-D"
                + ReproductionTests.BASE_URL_PROPERTY + "=...): it must pass"));
        steps.add("After rollout: " + afterRollout);
        return steps;
    }

    static RuntimeAction rollback(String deployment, String toVersion, String why) {
        Map<String, String> parameters = toVersion == null ? Map.of() : Map.of("toVersion", toVersion);
        return new RuntimeAction(RuntimeAction.Type.ROLLBACK, "Deployment", deployment, parameters,
                "Roll " + deployment + " back to " + (toVersion == null ? "its previous revision" : toVersion)
                        + ": " + why);
    }

    /** Lower-case words joined by hyphens, for file names. */
    static String slug(String text) {
        String slug = text == null ? "unknown" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        return slug.isEmpty() ? "unknown" : slug;
    }
}
