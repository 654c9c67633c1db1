package dev.selfheal.telemetry.evidence.spec;

import dev.selfheal.contracts.v1.SpecPublished;
import java.util.List;

/**
 * What an OpenAPI document says about its API, once read.
 *
 * @param openapi    the OpenAPI version, e.g. {@code 3.1.0}
 * @param title      {@code info.title}
 * @param apiVersion {@code info.version}
 * @param operations every operation, ordered by path then method
 */
record ParsedSpec(String openapi, String title, String apiVersion, List<SpecPublished.Operation> operations) {
}
