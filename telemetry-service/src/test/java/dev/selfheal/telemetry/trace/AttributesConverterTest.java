package dev.selfheal.telemetry.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AttributesConverterTest {

    private final AttributesConverter converter = new AttributesConverter();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void writesTheJsonTheMapperWritesAndReadsItBack() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 0; n < 2_000; n++) {
            Map<String, String> attributes = new LinkedHashMap<>();
            int size = random.nextInt(6);
            for (int i = 0; i < size; i++) {
                attributes.put(text(random), text(random));
            }
            String json = converter.convertToDatabaseColumn(attributes);
            assertThat(json).isEqualTo(mapper.writeValueAsString(attributes));
            assertThat(converter.convertToEntityAttribute(json)).isEqualTo(attributes);
        }
    }

    @Test
    void quotesAndControlCharactersAreEscaped() {
        assertThat(converter.convertToDatabaseColumn(Map.of("exception.message", "bad \"id\"\n\ttab \\ é ☃")))
                .isEqualTo("{\"exception.message\":\"bad \\\"id\\\"\\n\\ttab \\\\ é ☃\"}");
        assertThat(converter.convertToDatabaseColumn(Map.of())).isEqualTo("{}");
        assertThat(converter.convertToDatabaseColumn(null)).isEqualTo("{}");
    }

    /** Short strings over ASCII, control characters, Latin-1, other planes and surrogate pairs. */
    private static String text(SplittableRandom random) {
        int[] alphabet = {'a', 'Z', '.', '/', ' ', '"', '\\', '\n', '\t', 0x01, 0x1f, 0x7f, 'é', 0x2603, 0x1F600};
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
        }
        return out.toString();
    }
}
