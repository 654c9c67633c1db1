package dev.selfheal.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokensTest {

    @TempDir
    Path dir;

    @Test
    void tokenIsSignedByThePublishedKeyAndCarriesNameAndRoles() throws Exception {
        DevTokens tokens = DevTokens.in(dir);

        String[] parts = tokens.token("alice", Set.of("approver"), Duration.ofMinutes(5)).split("\\.");

        assertThat(parts).hasSize(3);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"upn\":\"alice\"").contains("\"approver\"").contains(DevTokens.ISSUER);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey(tokens.publicKeyFile()));
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void keyPairIsKeptAcrossRuns() throws Exception {
        String first = Files.readString(DevTokens.in(dir).publicKeyFile());
        String second = Files.readString(DevTokens.in(dir).publicKeyFile());
        assertThat(second).isEqualTo(first).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    private static PublicKey publicKey(Path file) throws Exception {
        String body = Files.readString(file).replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    }
}
