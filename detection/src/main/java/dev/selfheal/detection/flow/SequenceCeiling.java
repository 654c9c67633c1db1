package dev.selfheal.detection.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The best F1 any detector can reach on a test set if it judges a session by its event sequence alone: sessions
 * with the same sequence must get the same verdict, so the best detector flags whole groups of identical sequences.
 * F1 = 2TP / (TP + FP + P) is maximised by flagging the groups richest in anomalies first and stopping at the best
 * prefix. It uses the labels and is a diagnostic of the dataset, not a detector.
 *
 * @param anomalies        anomalous test sessions
 * @param sharedWithNormal anomalous test sessions whose exact sequence some normal test session also has
 * @param bestF1           the counts at the best achievable F1
 */
public record SequenceCeiling(int anomalies, int sharedWithNormal, DetectionCounts bestF1) {

    private record Group(int anomalous, int normal) {
    }

    static SequenceCeiling of(List<HdfsSession> test) {
        Map<List<String>, int[]> bySequence = new HashMap<>();
        for (HdfsSession s : test) {
            bySequence.computeIfAbsent(s.events(), k -> new int[2])[s.anomalous() ? 0 : 1]++;
        }
        List<Group> groups = new ArrayList<>();
        bySequence.values().forEach(c -> groups.add(new Group(c[0], c[1])));
        int anomalies = groups.stream().mapToInt(Group::anomalous).sum();
        int normals = groups.stream().mapToInt(Group::normal).sum();
        int shared = groups.stream().filter(g -> g.normal() > 0).mapToInt(Group::anomalous).sum();
        groups.sort(Comparator.comparingDouble((Group g) -> -(double) g.anomalous() / (g.anomalous() + g.normal())));
        DetectionCounts best = new DetectionCounts(0, 0, anomalies, normals);
        int tp = 0;
        int fp = 0;
        for (Group g : groups) {
            tp += g.anomalous();
            fp += g.normal();
            DetectionCounts c = new DetectionCounts(tp, fp, anomalies - tp, normals - fp);
            if (c.f1() > best.f1()) {
                best = c;
            }
        }
        return new SequenceCeiling(anomalies, shared, best);
    }
}
