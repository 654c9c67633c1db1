package dev.selfheal.telemetry.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The real reports and documents under {@code src/test/resources/evidence} (see the README there). */
public final class Resources {

    private Resources() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Resources.class.getResourceAsStream("/evidence/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource evidence/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
