package dev.selfheal.logmining.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Grouping accuracy (Zhu et al., ICSE 2019): the share of lines whose predicted group holds exactly the same lines
 * as their ground-truth group.
 */
public final class GroupingAccuracy {

    private GroupingAccuracy() {
    }

    public static double of(int[] predicted, List<String> truth) {
        Map<Integer, Integer> predictedSizes = new HashMap<>();
        Map<String, Integer> truthSizes = new HashMap<>();
        Map<Integer, String> truthOfGroup = new HashMap<>();
        Map<Integer, Boolean> pure = new HashMap<>();
        for (int i = 0; i < predicted.length; i++) {
            predictedSizes.merge(predicted[i], 1, Integer::sum);
            truthSizes.merge(truth.get(i), 1, Integer::sum);
            String first = truthOfGroup.putIfAbsent(predicted[i], truth.get(i));
            if (first != null && !first.equals(truth.get(i))) {
                pure.put(predicted[i], false);
            }
        }
        int correct = 0;
        for (Map.Entry<Integer, Integer> group : predictedSizes.entrySet()) {
            int id = group.getKey();
            boolean exact = pure.getOrDefault(id, true)
                    && truthSizes.get(truthOfGroup.get(id)).equals(group.getValue());
            if (exact) {
                correct += group.getValue();
            }
        }
        return (double) correct / predicted.length;
    }
}
