package dev.selfheal.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.contracts.v1.LogSeverity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogLinesTest {

    @Test
    void splitsOnLfAndCrLfKeepingBlankLinesButNotAFinalBreak() {
        assertThat(LogLines.split("a\r\nb\n\nc\n")).containsExactly("a", "b", "", "c");
        assertThat(LogLines.split("single")).containsExactly("single");
        assertThat(LogLines.split("")).isEmpty();
    }

    @Test
    void readsTheLevelWordWhereverTheFormatPutsIt() {
        assertThat(LogLines.severity("081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating"))
                .contains(LogSeverity.INFO);
        assertThat(LogLines.severity("081109 204005 35 WARN dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock"))
                .contains(LogSeverity.WARN);
        assertThat(LogLines.severity("2026-11-29 10:15:30.123 [main] ERROR c.e.Orders - failed")).contains(LogSeverity.ERROR);
        assertThat(LogLines.severity("[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6"))
                .contains(LogSeverity.ERROR);
        assertThat(LogLines.severity("WARNING: disk almost full")).contains(LogSeverity.WARN);
        assertThat(LogLines.severity("<CRITICAL> kernel panic")).contains(LogSeverity.FATAL);
        assertThat(LogLines.severity("Nov 29 10:15:30 host sshd[42]: DEBUG probing")).contains(LogSeverity.DEBUG);
    }

    @Test
    void lowerCaseLevelWordsOutsideBracketsAreMessageText() {
        assertThat(LogLines.severity("connection error while reading from peer")).isEmpty();
        assertThat(LogLines.severity("user info updated")).isEmpty();
    }

    @Test
    void onlyTheFirstLineOfARecordAndItsFirstWordsNameTheLevel() {
        assertThat(LogLines.severity("order placed\njava.lang.IllegalStateException: ERROR")).isEmpty();
        assertThat(LogLines.severity("a b c d e f g h ERROR")).isEmpty();
    }

    @Test
    void parsesALeadingIsoTimestampWithItsOffset() {
        assertThat(LogLines.leadingTimestamp("2026-11-29T10:15:30.123Z INFO started"))
                .contains(Instant.parse("2026-11-29T10:15:30.123Z"));
        assertThat(LogLines.leadingTimestamp("2026-11-29 11:15:30,5+01:00 WARN slow"))
                .contains(Instant.parse("2026-11-29T10:15:30.500Z"));
        assertThat(LogLines.leadingTimestamp("[2026-11-29T11:15:30+0100] INFO x"))
                .contains(Instant.parse("2026-11-29T10:15:30Z"));
    }

    @Test
    void aTimestampWithoutZoneOrNotAtTheStartIsNotGuessed() {
        assertThat(LogLines.leadingTimestamp("2026-11-29 10:15:30.123 INFO started")).isEmpty();
        assertThat(LogLines.leadingTimestamp("INFO 2026-11-29T10:15:30Z started")).isEmpty();
        assertThat(LogLines.leadingTimestamp("2026-13-45T10:15:30Z nonsense date")).isEmpty();
        assertThat(LogLines.leadingTimestamp("081109 203615 148 INFO")).isEmpty();
    }
}
