package dev.selfheal.otlp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts dropped items by reason, so a response can say why without listing thousands of lines. */
final class Rejections {

    private static final int MAX_REASONS = 10;

    private final Map<String, Integer> byReason = new LinkedHashMap<>();
    private int total;

    void add(String reason) {
        total++;
        if (byReason.containsKey(reason) || byReason.size() < MAX_REASONS) {
            byReason.merge(reason, 1, Integer::sum);
        }
    }

    int total() {
        return total;
    }

    /** "reason (n)" per reason, first seen first. */
    List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        byReason.forEach((reason, count) -> reasons.add(reason + " (" + count + ")"));
        return reasons;
    }
}
