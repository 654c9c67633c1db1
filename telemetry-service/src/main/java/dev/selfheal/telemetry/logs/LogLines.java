package dev.selfheal.telemetry.logs;

import dev.selfheal.contracts.v1.LogSeverity;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What can be read from a raw log line without knowing its format: the physical lines of a body, the severity
 * level word most formats print near the start, and a leading ISO-8601 timestamp. One rule for every source.
 */
public final class LogLines {

    /** Levels are printed within the first few words (after a date, a time, a thread, a pid); later words are the message. */
    static final int LEVEL_WINDOW = 8;

    /** Only a timestamp with its offset (or Z) names an instant; a local time would be a guess at the zone. */
    private static final Pattern ISO_TIMESTAMP = Pattern.compile(
            "^\\[?(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})(?:[.,](\\d{1,9}))?(Z|[+-]\\d{2}:?\\d{2})(?=$|[\\s\\]])");

    private LogLines() {
    }

    /**
     * The physical lines of a body, split on LF or CRLF, blank ones kept so that line numbers stay those of the
     * body; a final line break does not start another line.
     */
    public static List<String> split(String body) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int length = body.length();
        while (start < length) {
            int end = body.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            int stop = end > start && body.charAt(end - 1) == '\r' ? end - 1 : end;
            lines.add(body.substring(start, stop));
            start = end + 1;
        }
        return lines;
    }

    /**
     * The level named among the record's first words: an upper-case level word ({@code INFO}, {@code WARN},
     * {@code WARNING}, ...) alone or wrapped in brackets or followed by a colon, or a bracketed level in any case
     * ({@code [error]}). A lower-case level word outside brackets is ordinary text ("connection error") and is not read.
     */
    public static Optional<LogSeverity> severity(String record) {
        int newline = record.indexOf('\n');
        String first = newline >= 0 ? record.substring(0, newline) : record;
        String[] words = first.strip().split("\\s+", LEVEL_WINDOW + 1);
        for (int i = 0; i < Math.min(words.length, LEVEL_WINDOW); i++) {
            String word = words[i];
            boolean bracketed = word.length() > 2 && (word.charAt(0) == '[' || word.charAt(0) == '<');
            String bare = strip(word);
            if (bare.isEmpty() || !bracketed && !bare.equals(bare.toUpperCase(Locale.ROOT))) {
                continue;
            }
            Optional<LogSeverity> level = level(bare.toUpperCase(Locale.ROOT));
            if (level.isPresent()) {
                return level;
            }
        }
        return Optional.empty();
    }

    /** The instant a record starts with, when it starts with an ISO-8601 date-time that has an offset or Z. */
    public static Optional<Instant> leadingTimestamp(String record) {
        Matcher m = ISO_TIMESTAMP.matcher(record);
        if (!m.find()) {
            return Optional.empty();
        }
        String fraction = m.group(3) == null ? "" : "." + m.group(3);
        String offset = m.group(4);
        if (offset.length() == 5) {
            offset = offset.substring(0, 3) + ":" + offset.substring(3);
        }
        try {
            return Optional.of(OffsetDateTime.parse(m.group(1) + "T" + m.group(2) + fraction + offset).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<LogSeverity> level(String word) {
        return switch (word) {
            case "TRACE", "FINEST", "FINER" -> Optional.of(LogSeverity.TRACE);
            case "DEBUG", "FINE" -> Optional.of(LogSeverity.DEBUG);
            case "INFO" -> Optional.of(LogSeverity.INFO);
            case "WARN", "WARNING" -> Optional.of(LogSeverity.WARN);
            case "ERROR", "SEVERE" -> Optional.of(LogSeverity.ERROR);
            case "FATAL", "CRITICAL" -> Optional.of(LogSeverity.FATAL);
            default -> Optional.empty();
        };
    }

    /** The word without the brackets, colons and commas a level is commonly printed with. */
    private static String strip(String word) {
        int from = 0;
        int to = word.length();
        while (from < to && "[<(".indexOf(word.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && "]>):,".indexOf(word.charAt(to - 1)) >= 0) {
            to--;
        }
        return word.substring(from, to);
    }
}
