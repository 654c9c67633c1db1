package dev.selfheal.telemetry.evidence;

import dev.selfheal.platform.problem.ProblemException;
import dev.selfheal.platform.problem.ProblemKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Splits the items of one report into the parts it travels in, so that no event outgrows a Kafka message. Items
 * keep their order; each part takes as many as fit its byte budget.
 */
public final class EventParts {

    private EventParts() {
    }

    /**
     * Consecutive slices of {@code items} whose JSON sizes (plus a separator each) add up to at most {@code budget}
     * bytes; at least one slice, empty when there are no items.
     *
     * @throws ProblemException 413 when a single item is larger than the budget on its own
     */
    public static <T> List<List<T>> pack(List<T> items, ToIntFunction<T> jsonSize, int budget,
            Function<T, String> describe) {
        List<List<T>> parts = new ArrayList<>();
        List<T> current = new ArrayList<>();
        long used = 0;
        for (T item : items) {
            int size = jsonSize.applyAsInt(item) + 1;
            if (size > budget) {
                throw new ProblemException(ProblemKind.PAYLOAD_TOO_LARGE, describe.apply(item) + " alone takes "
                        + size + " bytes as JSON, more than one event may carry (" + budget + " bytes)");
            }
            if (used + size > budget && !current.isEmpty()) {
                parts.add(current);
                current = new ArrayList<>();
                used = 0;
            }
            current.add(item);
            used += size;
        }
        parts.add(current);
        return parts;
    }
}
