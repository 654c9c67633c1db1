package dev.selfheal.telemetry.evidence.spec;

import java.util.Map;
import java.util.Optional;

/** The two encodings of an OpenAPI document, and the media types each is sent as. */
enum SpecFormat {
    JSON,
    YAML;

    /** Media types from RFC 9512 (YAML), the OpenAPI Initiative's own registrations, and the ones tools still send. */
    private static final Map<String, SpecFormat> MEDIA_TYPES = Map.of(
            "application/json", JSON,
            "application/vnd.oai.openapi+json", JSON,
            "application/yaml", YAML,
            "application/x-yaml", YAML,
            "text/yaml", YAML,
            "text/x-yaml", YAML,
            "application/vnd.oai.openapi", YAML);

    /** The format of a media type (without parameters, lower case); empty for one this service does not read. */
    static Optional<SpecFormat> of(String mediaType) {
        return Optional.ofNullable(MEDIA_TYPES.get(mediaType));
    }
}
