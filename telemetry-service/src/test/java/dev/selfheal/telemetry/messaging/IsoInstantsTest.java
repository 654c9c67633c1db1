package dev.selfheal.telemetry.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "2026-11-29T13:26:14Z", "2026-11-29T13:26:14.602Z",
            "2026-11-29T13:26:14.602100Z", "2026-11-29T13:26:14.000000001Z", "2024-02-29T23:59:59.999999999Z",
            "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z",
            "-0001-06-01T12:00:00Z"})
    void writesWhatTheIsoFormatterWrites(String text) {
        Instant instant = Instant.parse(text);
        assertThat(IsoInstants.format(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
    }

    @Test
    void agreesWithTheIsoFormatterOnRandomInstantsOfEveryPrecision() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 200_000; n++) {
            long seconds = random.nextLong(-100_000_000_000L, 300_000_000_000L);
            int nanos = switch (n % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoInstants.format(instant)).as("%s", instant)
                    .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
        }
    }
}
