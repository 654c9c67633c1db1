package dev.selfheal.testing;

import dev.selfheal.infra.EmbeddedKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * A real Kafka broker (KRaft, in the test JVM) for {@code @QuarkusTest}s. Attach it once per module with
 * {@code @WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)}.
 * Tests that need to take the broker down reach it through {@link #broker()}.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private static volatile EmbeddedKafka broker;

    public static EmbeddedKafka broker() {
        if (broker == null) {
            throw new IllegalStateException("the Kafka test resource is not started");
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        try {
            broker = EmbeddedKafka.start(Files.createTempDirectory("selfheal-kafka"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

}
