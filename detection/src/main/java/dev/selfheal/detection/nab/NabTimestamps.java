package dev.selfheal.detection.nab;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** NAB writes timestamps as {@code 2014-04-10 07:15:00} in data files and with {@code .000000} in the labels. */
final class NabTimestamps {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    private NabTimestamps() {
    }

    static LocalDateTime parse(String text) {
        return LocalDateTime.parse(text.trim(), FORMAT);
    }
}
