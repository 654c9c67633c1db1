package dev.selfheal.otlp;

import io.opentelemetry.proto.resource.v1.Resource;
import java.util.Map;

/** Who sent a batch, from the resource attributes of the semantic conventions. */
record ResourceIdentity(String service, String version, String environment) {

    /** What the OpenTelemetry SDKs report when {@code service.name} is not configured. */
    static final String UNKNOWN_SERVICE = "unknown_service";
    static final String UNKNOWN_VERSION = "unknown";

    static ResourceIdentity of(Resource resource) {
        Map<String, String> attributes = Attributes.flatten(resource.getAttributesList());
        String environment = nonBlank(attributes.get("deployment.environment.name"));
        if (environment == null) {
            environment = nonBlank(attributes.get("deployment.environment"));
        }
        String service = nonBlank(attributes.get("service.name"));
        String version = nonBlank(attributes.get("service.version"));
        return new ResourceIdentity(service == null ? UNKNOWN_SERVICE : service,
                version == null ? UNKNOWN_VERSION : version, environment);
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
