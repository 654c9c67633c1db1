package dev.selfheal.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentTypesTest {

    @Test
    void textPlainIsReadInItsCharsetAndUtf8WithoutOne() {
        assertThat(LogsResource.charset("text/plain")).contains(StandardCharsets.UTF_8);
        assertThat(LogsResource.charset("Text/Plain; charset=\"utf-8\"")).contains(StandardCharsets.UTF_8);
        assertThat(LogsResource.charset("text/plain; charset=ISO-8859-1")).contains(StandardCharsets.ISO_8859_1);
    }

    @Test
    void otherTypesAndUnknownCharsetsAreRefused() {
        assertThat(LogsResource.charset(null)).isEmpty();
        assertThat(LogsResource.charset("application/json")).isEmpty();
        assertThat(LogsResource.charset("text/plain; charset=no-such-charset")).isEmpty();
    }
}
