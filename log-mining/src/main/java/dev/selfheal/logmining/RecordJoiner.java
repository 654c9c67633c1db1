package dev.selfheal.logmining;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Joins the physical lines of a log stream into records, one per logical event: a Java exception and its stack
 * trace ({@code \tat ...}, {@code Caused by: ...}, {@code Suppressed: ...}, {@code ... 12 more}, and any indented
 * line once a trace has started) belong to the line that logged them. Joined lines are separated by {@code \n}.
 *
 * <p>Streaming: {@link #accept(String)} hands a record to the sink once the next record starts, so call
 * {@link #flush()} at the end of a batch. Not thread-safe; one instance per stream.
 */
public final class RecordJoiner {

    private final Consumer<String> sink;
    private final StringBuilder pending = new StringBuilder();
    private boolean hasPending;
    private boolean inTrace;

    public RecordJoiner(Consumer<String> sink) {
        this.sink = sink;
    }

    /** The records of a complete batch of lines. */
    public static List<String> join(Iterable<String> lines) {
        List<String> records = new ArrayList<>();
        RecordJoiner joiner = new RecordJoiner(records::add);
        for (String line : lines) {
            joiner.accept(line);
        }
        joiner.flush();
        return records;
    }

    public void accept(String line) {
        if (hasPending && continuesRecord(line)) {
            pending.append('\n').append(line);
            return;
        }
        flush();
        pending.append(line);
        hasPending = true;
        inTrace = false;
    }

    public void flush() {
        if (hasPending) {
            sink.accept(pending.toString());
            pending.setLength(0);
            hasPending = false;
        }
    }

    private boolean continuesRecord(String line) {
        int indent = 0;
        while (indent < line.length() && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) {
            indent++;
        }
        if (line.startsWith("at ", indent) || line.startsWith("... ", indent) && line.endsWith(" more")
                || line.startsWith("Caused by: ", indent) || line.startsWith("Suppressed: ", indent)) {
            inTrace = true;
            return true;
        }
        if (indent == 0 && startsWithThrowable(line)) {
            inTrace = true;
            return true;
        }
        return inTrace && indent > 0 && indent < line.length();
    }

    /**
     * True for the first line of a printed throwable, {@code java.lang.IllegalStateException: message}: a
     * dotted class name ending in Exception or Error, alone or followed by a colon.
     */
    private static boolean startsWithThrowable(String line) {
        int end = 0;
        while (end < line.length() && line.charAt(end) != ':' && line.charAt(end) != ' ') {
            end++;
        }
        if (end < line.length() && line.charAt(end) == ' ') {
            return false;
        }
        String name = line.substring(0, end);
        return name.indexOf('.') > 0 && (name.endsWith("Exception") || name.endsWith("Error")
                || name.endsWith("Throwable"));
    }
}
