package dev.selfheal.workload.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * The ground truth of one injected fault: what was broken, where, and when (simulated time).
 *
 * @param trial           the trial's number, from 1
 * @param kind            the fault's kind
 * @param variant         how it was injected (e.g. {@code connection-refused})
 * @param service         the service at fault; for a dependency fault the calling service
 * @param handler         the handler at fault ({@code METHOD /route}); null for a dependency fault that hits
 *                        every handler of the service using the dependency
 * @param dependency      for a dependency fault, the dependency as telemetry names it; else null
 * @param key             for a state fault, the state key; else null
 * @param version         the service's version during the fault (a new one when the fault came with a release)
 * @param previousVersion the version before, when the fault came with a release; else null
 * @param onset           when the fault began
 * @param end             when it ended (the release rolled back, the dependency back)
 * @param detail          the variant's parameters (factor, rate, share, step, value...), for reading the results
 */
public record Injection(int trial, FaultKind kind, String variant, String service, String handler, String dependency,
        String key, String version, String previousVersion, Instant onset, Instant end, Map<String, Object> detail) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of JSON; absent fields are left out. */
    public String toJsonLine() {
        ObjectNode node = JSON.createObjectNode();
        node.put("trial", trial);
        node.put("kind", kind.name());
        node.put("variant", variant);
        node.put("service", service);
        putIfPresent(node, "handler", handler);
        putIfPresent(node, "dependency", dependency);
        putIfPresent(node, "key", key);
        node.put("version", version);
        putIfPresent(node, "previousVersion", previousVersion);
        node.put("onset", onset.toString());
        node.put("end", end.toString());
        node.set("detail", JSON.valueToTree(detail));
        return node.toString();
    }

    /** A short description for progress lines. */
    public String describe() {
        StringBuilder text = new StringBuilder(kind.name()).append(' ').append(variant).append(": ").append(service);
        if (handler != null) {
            text.append(' ').append(handler);
        }
        if (dependency != null) {
            text.append(" -> ").append(dependency);
        }
        if (key != null) {
            text.append(" [").append(key).append(']');
        }
        if (previousVersion != null) {
            text.append(" (release ").append(previousVersion).append(" -> ").append(version).append(')');
        }
        return text.append(' ').append(detail).toString();
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
