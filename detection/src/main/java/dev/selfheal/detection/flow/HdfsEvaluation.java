package dev.selfheal.detection.flow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code ./selfheal eval hdfs}: the flow model on loglizer-hdfs block sessions (HDFS_100k, deep-loglizer's split).
 *
 * <p>Two settings, one configuration ({@link SupportPolicy#DEFAULT}). Unsupervised, as the product runs: the model
 * learns from every training session of the hdfs_1.0 split (6,096 normal + 256 anomalous blocks) without their labels,
 * exactly as it would from live traffic, and judges the test split. Semi-supervised, for comparison: it learns from
 * the hdfs_0.0 training split (the same blocks minus the anomalous ones). Labels are used only to score.
 *
 * <p>It also prints a ceiling no sequence-based detector can pass here: test sessions with the same event sequence
 * get the same verdict from any detector that sees only the sequence, and in this subset many anomalous blocks have
 * exactly the sequence of normal ones.
 */
public final class HdfsEvaluation {

    private HdfsEvaluation() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: HdfsEvaluation LOGLIZER_HDFS_DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath().normalize();
        List<HdfsSession> sessions = HdfsSessions.load(dir);
        List<HdfsSession> test = sessions.stream().filter(s -> !s.inTrain()).toList();
        System.out.printf(Locale.ROOT, "Flow model on %s (%d blocks; test %d normal + %d anomalous), policy %s%n",
                dir.resolve(HdfsSessions.FILE), sessions.size(), test.stream().filter(s -> !s.anomalous()).count(),
                test.stream().filter(HdfsSession::anomalous).count(), SupportPolicy.DEFAULT);
        System.out.printf(Locale.ROOT, "%-44s %8s %5s %5s %5s %6s %9s %6s %6s %11s%n",
                "learns from (labels unused)", "sessions", "TP", "FP", "FN", "TN", "precision", "recall", "F1",
                "delay(med)");
        List<HdfsResult> results = List.of(
                evaluate(sessions, "hdfs_1.0 train, all blocks (unsupervised)", HdfsSession::inTrain),
                evaluate(sessions, "hdfs_0.0 train, normal blocks (semi-sup.)", HdfsSession::inNormalTrain));
        for (HdfsResult r : results) {
            DetectionCounts c = r.counts();
            System.out.printf(Locale.ROOT, "%-44s %8d %5d %5d %5d %6d %9.4f %6.4f %6.4f %5.1f of %-4.1f%n", r.setting(),
                    r.learnt().sessions(), c.tp(), c.fp(), c.fn(), c.tn(), c.precision(), c.recall(), c.f1(),
                    r.medianDelay(), r.medianLength());
        }
        for (HdfsResult r : results) {
            FlowModel m = r.learnt();
            System.out.printf(Locale.ROOT, "%s: learnt %d steps, %d transitions, %d required steps %s, "
                    + "%d count invariants, %d precedences, %d normal variants; first reason of detections %s%n",
                    r.setting(), m.steps().size(), m.transitions().size(), m.requiredSteps().size(), m.requiredSteps(),
                    m.invariants().size(), m.precedences().size(), m.variants().size(), r.firstReasons());
        }
        SequenceCeiling ceiling = SequenceCeiling.of(test);
        System.out.printf(Locale.ROOT, "Ceiling for any detector judging a block by its event sequence alone: %d of %d "
                + "test anomalies share their exact sequence with a normal test block; best possible F1 %.4f "
                + "(TP %d, FP %d)%n", ceiling.sharedWithNormal(), ceiling.anomalies(), ceiling.bestF1().f1(),
                ceiling.bestF1().tp(), ceiling.bestF1().fp());
    }

    /** Learns from the sessions {@code learnFrom} selects (without their labels) and judges the test split. */
    public static HdfsResult evaluate(List<HdfsSession> sessions, String setting, Predicate<HdfsSession> learnFrom) {
        FlowLearner learner = new FlowLearner();
        sessions.stream().filter(learnFrom).forEach(s -> learner.observe(s.events()));
        FlowModel model = learner.learn(SupportPolicy.DEFAULT);
        DetectionCounts counts = new DetectionCounts(0, 0, 0, 0);
        List<Integer> delays = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        Map<ViolationKind, Integer> firstReasons = new EnumMap<>(ViolationKind.class);
        for (HdfsSession s : sessions) {
            if (s.inTrain()) {
                continue;
            }
            FlowVerdict verdict = model.judge(s.events());
            counts = counts.add(verdict.anomalous(), s.anomalous());
            if (verdict.anomalous() && s.anomalous()) {
                delays.add(verdict.firstViolationAt().orElseThrow());
                lengths.add(s.events().size());
                verdict.violations().stream().filter(v -> v.kind().anomalous()).findFirst()
                        .ifPresent(v -> firstReasons.merge(v.kind(), 1, Integer::sum));
            }
        }
        return new HdfsResult(setting, model, counts, median(delays), median(lengths), firstReasons);
    }

    static double median(List<Integer> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        int[] sorted = values.stream().mapToInt(Integer::intValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
