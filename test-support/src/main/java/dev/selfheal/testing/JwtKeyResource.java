package dev.selfheal.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Points the service at the test key pair's public key as a file-system path, as the local run and the end-to-end
 * test pass {@code JWT_PUBLIC_KEY_LOCATION}, and signs tokens with its private key. The key pair under
 * {@code test-support/src/main/resources/jwt} is for tests only.
 */
public class JwtKeyResource implements QuarkusTestResourceLifecycleManager {

    /** The issuer the services are told to trust in tests. */
    public static final String ISSUER = "https://selfheal.dev/test-issuer";

    private Path dir;

    @Override
    public Map<String, String> start() {
        try (InputStream key = getClass().getClassLoader().getResourceAsStream("jwt/publicKey.pem")) {
            dir = Files.createTempDirectory("selfheal-jwt");
            Path publicKey = dir.resolve("publicKey.pem");
            Files.copy(key, publicKey, StandardCopyOption.REPLACE_EXISTING);
            return Map.of("mp.jwt.verify.publickey.location", publicKey.toAbsolutePath().toString(),
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

    /** A five-minute token for {@code name} with these roles. */
    public static String token(String name, Set<String> roles) {
        return token(name, roles, ISSUER);
    }

    /** A five-minute token for {@code name} with these roles from {@code issuer}, e.g. one the service does not trust. */
    public static String token(String name, Set<String> roles, String issuer) {
        try {
            PrivateKey key = KeyUtils.readPrivateKey("jwt/privateKey.pem");
            return Jwt.issuer(issuer).upn(name).subject(name).groups(roles).issuedAt(Instant.now())
                    .expiresIn(Duration.ofMinutes(5)).sign(key);
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }
}
