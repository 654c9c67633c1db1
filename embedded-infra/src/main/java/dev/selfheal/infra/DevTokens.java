package dev.selfheal.infra;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * A development key pair and the approver tokens signed with it. healer-service verifies tokens with the public
 * key ({@code JWT_PUBLIC_KEY_LOCATION}); in production an OIDC provider's key takes its place.
 */
public final class DevTokens {

    public static final String ISSUER = "https://selfheal.dev/issuer";
    public static final String PUBLIC_KEY = "publicKey.pem";
    public static final String PRIVATE_KEY = "privateKey.pem";

    private final PrivateKey privateKey;
    private final Path publicKeyFile;

    private DevTokens(PrivateKey privateKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** Loads the key pair in {@code dir}, generating it first if it is not there. */
    public static DevTokens in(Path dir) {
        try {
            Files.createDirectories(dir);
            Path privateFile = dir.resolve(PRIVATE_KEY);
            Path publicFile = dir.resolve(PUBLIC_KEY);
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            }
            return new DevTokens(readPrivate(privateFile), publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the development key pair in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create an RSA key pair", e);
        }
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** A signed RS256 bearer token for {@code name} holding {@code roles}, valid for {@code lifetime}. */
    public String token(String name, Set<String> roles, Duration lifetime) {
        return Jwt.issuer(ISSUER)
                .upn(name)
                .subject(name)
                .preferredUserName(name)
                .groups(roles)
                .expiresIn(lifetime)
                .sign(privateKey);
    }

    private static PrivateKey readPrivate(Path file) throws IOException, GeneralSecurityException {
        String body = Files.readString(file, StandardCharsets.US_ASCII)
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }
}
