package dev.selfheal.docs.page;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A version of a service's documentation, without its content.
 *
 * @param service     the documented service
 * @param version     the version number
 * @param generatedAt when it was generated
 * @param trigger     what made it necessary: {@code fix} or {@code telemetry}
 * @param handlers    how many handlers it describes
 * @param fixes       how many applied fixes it records
 */
@Schema(description = "A documentation version, without its content")
public record DocsIndexEntry(String service, int version, Instant generatedAt, String trigger, int handlers, int fixes) {
}
