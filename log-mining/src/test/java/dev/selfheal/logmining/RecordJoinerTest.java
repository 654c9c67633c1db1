package dev.selfheal.logmining;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RecordJoinerTest {

    @Test
    void joinsAStackTraceWithItsCausesToTheLineThatLoggedIt() {
        List<String> lines = List.of(
                "2024-05-01 10:00:00,001 INFO  [io.quarkus] (main) checkout 1.0 started in 1.234s",
                "2024-05-01 10:00:05,117 ERROR [dev.shop.CheckoutResource] (executor-thread-1) Checkout failed for order 42",
                "java.lang.IllegalStateException: payment gateway timed out",
                "\tat dev.shop.PaymentClient.charge(PaymentClient.java:88)",
                "\tat dev.shop.CheckoutService.checkout(CheckoutService.java:41)",
                "\tat java.base/java.lang.Thread.run(Thread.java:840)",
                "Caused by: java.net.SocketTimeoutException: Read timed out",
                "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)",
                "\t... 2 more",
                "2024-05-01 10:00:05,230 INFO  [dev.shop.CheckoutResource] (executor-thread-2) Checkout ok for order 43");

        List<String> records = RecordJoiner.join(lines);

        assertThat(records).hasSize(3);
        assertThat(records.get(0)).isEqualTo(lines.get(0));
        assertThat(records.get(1)).startsWith(lines.get(1) + "\njava.lang.IllegalStateException")
                .endsWith("\t... 2 more")
                .contains("\nCaused by: java.net.SocketTimeoutException: Read timed out\n");
        assertThat(records.get(1).lines()).hasSize(8);
        assertThat(records.get(2)).isEqualTo(lines.get(9));
    }

    @Test
    void indentedLinesOutsideATraceStartTheirOwnRecord() {
        List<String> records = RecordJoiner.join(List.of("config loaded:", "  port 8080", "ready"));

        assertThat(records).containsExactly("config loaded:", "  port 8080", "ready");
    }

    @Test
    void streamingHandsOverARecordOnlyWhenTheNextOneStarts() {
        List<String> records = new java.util.ArrayList<>();
        RecordJoiner joiner = new RecordJoiner(records::add);

        joiner.accept("ERROR boom");
        joiner.accept("\tat a.B.c(B.java:1)");
        assertThat(records).isEmpty();

        joiner.accept("INFO next");
        assertThat(records).containsExactly("ERROR boom\n\tat a.B.c(B.java:1)");

        joiner.flush();
        assertThat(records).containsExactly("ERROR boom\n\tat a.B.c(B.java:1)", "INFO next");
    }
}
