package dev.selfheal.healer.fix;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Points the service at the test key pair's public key as a plain file-system path, the way the local run and
 * the end-to-end test pass {@code JWT_PUBLIC_KEY_LOCATION}. The key pair under {@code src/test/resources/jwt} is
 * for tests only.
 */
public class JwtKeyResource implements QuarkusTestResourceLifecycleManager {

    static final String ISSUER = "https://selfheal.dev/test-issuer";
    static final String PRIVATE_KEY = "jwt/privateKey.pem";

    private Path dir;

    @Override
    public Map<String, String> start() {
        try (InputStream key = getClass().getClassLoader().getResourceAsStream("jwt/publicKey.pem")) {
            dir = Files.createTempDirectory("selfheal-jwt");
            Path publicKey = dir.resolve("publicKey.pem");
            Files.copy(key, publicKey, StandardCopyOption.REPLACE_EXISTING);
            return Map.of(
                    "mp.jwt.verify.publickey.location", publicKey.toAbsolutePath().toString(),
                    "mp.jwt.verify.issuer", ISSUER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        try {
            if (dir != null) {
                Files.deleteIfExists(dir.resolve("publicKey.pem"));
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
