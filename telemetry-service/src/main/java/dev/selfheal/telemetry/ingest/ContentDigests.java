package dev.selfheal.telemetry.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests of received content, as hex: the stable ids of what was received (templates, uploads, reports). */
public final class ContentDigests {

    private ContentDigests() {
    }

    /** The whole SHA-256 of {@code bytes}, 64 hex digits. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    /** The first 8 bytes of the SHA-256 of {@code text} (UTF-8), 16 hex digits: short enough for an id column. */
    public static String shortSha256(String text) {
        return HexFormat.of().formatHex(digest(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
