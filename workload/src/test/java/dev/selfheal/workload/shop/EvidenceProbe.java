package dev.selfheal.workload.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Map;

/** Test helper: what a release's evidence says about one handler. */
public final class EvidenceProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvidenceProbe() {
    }

    /** Whether the OpenAPI document has an operation for the handler ({@code METHOD /route}). */
    public static boolean documents(Deployment.Evidence evidence, String handler) {
        String[] parts = handler.split(" ", 2);
        try {
            JsonNode path = JSON.readTree(evidence.openApi()).path("paths").path(parts[1]);
            return path.has(parts[0].toLowerCase(Locale.ROOT));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Covered instructions of a method ({@code vm/ClassName#method}, any descriptor), or null when not reported. */
    public static Integer coveredInstructions(Deployment.Evidence evidence, String method) throws Exception {
        for (Map.Entry<String, int[]> entry : EvidenceTest.methods(evidence.jacoco()).entrySet()) {
            if (entry.getKey().startsWith(method + "(")) {
                return entry.getValue()[1];
            }
        }
        return null;
    }
}
