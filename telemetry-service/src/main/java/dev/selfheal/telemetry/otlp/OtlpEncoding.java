package dev.selfheal.telemetry.otlp;

import java.util.Locale;
import java.util.Optional;

/** The two body encodings OTLP/HTTP defines; a response is always in the request's encoding. */
public enum OtlpEncoding {
    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    private final String mediaType;

    OtlpEncoding(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The encoding a {@code Content-Type} header names, parameters such as {@code charset} ignored. */
    public static Optional<OtlpEncoding> of(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        int semicolon = contentType.indexOf(';');
        String base = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).strip().toLowerCase(Locale.ROOT);
        for (OtlpEncoding encoding : values()) {
            if (encoding.mediaType.equals(base)) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }
}
