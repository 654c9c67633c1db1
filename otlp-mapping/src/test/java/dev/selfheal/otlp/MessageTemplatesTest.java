package dev.selfheal.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageTemplatesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "order 4711 not found|order <*> not found",
            "user 'alice' is locked|user <*> is locked",
            "no route to \"10.0.0.7\"|no route to <*>",
            "entity 3f2b1c9e-8a7d-4e6f-9b0a-1c2d3e4f5a6b vanished|entity <*> vanished",
            "id=abc123 failed after 30s|id=<*> failed after <*>",
            "Connection refused|Connection refused",
            "values 1, 2, 3 out of range|values <*> out of range"
    })
    void variablePartsBecomeWildcards(String message, String template) {
        assertThat(MessageTemplates.template(message)).isEqualTo(template);
    }

    @ParameterizedTest
    @CsvSource(value = {"''", "'   '"})
    void blankMessageHasAnEmptyTemplate(String message) {
        assertThat(MessageTemplates.template(message)).isEmpty();
        assertThat(MessageTemplates.template(null)).isEmpty();
    }
}
