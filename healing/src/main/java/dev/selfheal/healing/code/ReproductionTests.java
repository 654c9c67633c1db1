package dev.selfheal.healing.code;

import dev.selfheal.healing.playbook.Artifact;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes JUnit 5 tests that replay recorded production calls against a deployed service. They compile against
 * JUnit Jupiter (api and params) and {@code java.net.http} only, so they fit any service's test sources; the
 * service's address comes from the system property {@code selfheal.baseUrl}.
 */
public final class ReproductionTests {

    /** The system property naming the service under test. */
    public static final String BASE_URL_PROPERTY = "selfheal.baseUrl";
    /** The system property naming telemetry-service, for flow tests that read the trace of their own call. */
    public static final String TELEMETRY_URL_PROPERTY = "selfheal.telemetryUrl";

    private ReproductionTests() {
    }

    /**
     * A recorded call and what it must answer once fixed.
     *
     * @param call   the call as production made it
     * @param status the status the test expects
     */
    public record Expectation(RecordedCall call, int status) {
    }

    /**
     * A parameterized test sending each recorded call and asserting its status within a latency budget (the
     * request's timeout, so a slower answer fails with {@code HttpTimeoutException}).
     *
     * @param target   where the test goes
     * @param about    the class's Javadoc: what it reproduces, one or more sentences
     * @param expected the calls and their expected statuses; at least one
     * @param budgetMs the latency budget per call
     */
    public static Artifact statusTest(TestTarget target, String about, List<Expectation> expected, long budgetMs) {
        String source = header(target, about, false)
                + "    static Stream<Arguments> recordedCalls() {\n"
                + "        return Stream.of(\n" + arguments(expected) + ");\n"
                + "    }\n\n"
                + "    @ParameterizedTest(name = \"{0} {1} answers {3}\")\n"
                + "    @MethodSource(\"recordedCalls\")\n"
                + "    void answersAsExpected(String method, String path, String body, int expectedStatus) "
                + "throws Exception {\n"
                + "        HttpResponse<String> response = send(method, path, body, null);\n"
                + "        assertEquals(expectedStatus, response.statusCode(),\n"
                + "                () -> method + \" \" + path + \" answered \" + response.body());\n"
                + "    }\n\n"
                + sendMethod(budgetMs)
                + "}\n";
        return new Artifact(Artifact.Kind.TEST, target.path(), source, about.split("(?<=\\.)\\s", 2)[0]);
    }

    /**
     * A parameterized test sending each recorded call with a fresh trace id, then reading that trace from
     * telemetry-service and asserting the handlers ran in the expected order (others may run in between).
     *
     * @param target       where the test goes
     * @param about        the class's Javadoc
     * @param expected     the entry calls and their expected statuses; at least one
     * @param expectedFlow the handlers in the order they must run
     * @param budgetMs     the latency budget per call
     */
    public static Artifact flowTest(TestTarget target, String about, List<Expectation> expected,
            List<String> expectedFlow, long budgetMs) {
        String flow = expectedFlow.stream().map(JavaSources::literal).collect(Collectors.joining(", "));
        String source = header(target, about, true)
                + "    static final List<String> EXPECTED_FLOW = List.of(" + flow + ");\n\n"
                + "    static Stream<Arguments> recordedCalls() {\n"
                + "        return Stream.of(\n" + arguments(expected) + ");\n"
                + "    }\n\n"
                + "    @ParameterizedTest(name = \"{0} {1} follows the expected flow\")\n"
                + "    @MethodSource(\"recordedCalls\")\n"
                + "    void followsTheExpectedFlow(String method, String path, String body, int expectedStatus) "
                + "throws Exception {\n"
                + "        String traceId = randomHex(32);\n"
                + "        HttpResponse<String> response = send(method, path, body, traceId);\n"
                + "        assertEquals(expectedStatus, response.statusCode(), () -> method + \" \" + path + \" answered \""
                + " + response.body());\n"
                + "        List<String> handlers = handlersOf(traceId);\n"
                + "        assertTrue(inOrder(handlers), () -> \"expected \" + EXPECTED_FLOW + \" in order, trace \""
                + " + traceId + \" ran \" + handlers);\n"
                + "    }\n\n"
                + "    /** The trace's handlers in start order, once telemetry holds all expected ones (or 30 s passed). */\n"
                + "    static List<String> handlersOf(String traceId) throws Exception {\n"
                + "        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();\n"
                + "        List<String> handlers = new ArrayList<>();\n"
                + "        while (System.nanoTime() < deadline) {\n"
                + "            HttpResponse<String> trace = CLIENT.send(HttpRequest.newBuilder(\n"
                + "                    URI.create(TELEMETRY_URL + \"/api/traces/\" + traceId)).GET().build(),\n"
                + "                    HttpResponse.BodyHandlers.ofString());\n"
                + "            handlers.clear();\n"
                + "            if (trace.statusCode() == 200) {\n"
                + "                Matcher m = HANDLER.matcher(trace.body());\n"
                + "                while (m.find()) {\n"
                + "                    handlers.add(m.group(1).replace(\"\\\\\\\"\", \"\\\"\"));\n"
                + "                }\n"
                + "                if (handlers.containsAll(EXPECTED_FLOW)) {\n"
                + "                    return handlers;\n"
                + "                }\n"
                + "            }\n"
                + "            // Spans reach telemetry asynchronously (exporter batches, then Kafka): wait and ask again.\n"
                + "            Thread.sleep(500);\n"
                + "        }\n"
                + "        return handlers;\n"
                + "    }\n\n"
                + "    static boolean inOrder(List<String> handlers) {\n"
                + "        int next = 0;\n"
                + "        for (String handler : handlers) {\n"
                + "            if (next < EXPECTED_FLOW.size() && EXPECTED_FLOW.get(next).equals(handler)) {\n"
                + "                next++;\n"
                + "            }\n"
                + "        }\n"
                + "        return next == EXPECTED_FLOW.size();\n"
                + "    }\n\n"
                + "    static String randomHex(int digits) {\n"
                + "        StringBuilder hex = new StringBuilder();\n"
                + "        while (hex.length() < digits) {\n"
                + "            hex.append(Long.toHexString(RANDOM.nextLong() | 1L));\n"
                + "        }\n"
                + "        return hex.substring(0, digits);\n"
                + "    }\n\n"
                + sendMethod(budgetMs)
                + "}\n";
        return new Artifact(Artifact.Kind.TEST, target.path(), source, about.split("(?<=\\.)\\s", 2)[0]);
    }

    private static String header(TestTarget target, String about, boolean flow) {
        StringBuilder s = new StringBuilder();
        if (!target.packageName().isEmpty()) {
            s.append("package ").append(target.packageName()).append(";\n\n");
        }
        s.append("import static org.junit.jupiter.api.Assertions.assertEquals;\n");
        if (flow) {
            s.append("import static org.junit.jupiter.api.Assertions.assertTrue;\n");
        }
        s.append("\nimport java.net.URI;\n")
                .append("import java.net.http.HttpClient;\n")
                .append("import java.net.http.HttpRequest;\n")
                .append("import java.net.http.HttpResponse;\n")
                .append("import java.time.Duration;\n");
        if (flow) {
            s.append("import java.util.ArrayList;\n")
                    .append("import java.util.List;\n")
                    .append("import java.util.Random;\n")
                    .append("import java.util.regex.Matcher;\n")
                    .append("import java.util.regex.Pattern;\n");
        }
        s.append("import java.util.stream.Stream;\n")
                .append("import org.junit.jupiter.params.ParameterizedTest;\n")
                .append("import org.junit.jupiter.params.provider.Arguments;\n")
                .append("import org.junit.jupiter.params.provider.MethodSource;\n\n")
                .append("/**\n");
        for (String line : wrap(about.replace("*/", "* /"), 110)) {
            s.append(" * ").append(line).append('\n');
        }
        s.append(" * <p>\n")
                .append(" * Generated by Selfheal from recorded production calls. Runs against a deployed service: {@code -D")
                .append(BASE_URL_PROPERTY).append("=http://host:port}")
                .append(flow ? ", and telemetry-service: {@code -D" + TELEMETRY_URL_PROPERTY + "=http://host:port}"
                        : "")
                .append(".\n */\n")
                .append("class ").append(target.className()).append(" {\n\n")
                .append("    static final String BASE_URL = System.getProperty(\"").append(BASE_URL_PROPERTY)
                .append("\", \"http://localhost:8080\");\n");
        if (flow) {
            s.append("    static final String TELEMETRY_URL = System.getProperty(\"").append(TELEMETRY_URL_PROPERTY)
                    .append("\", \"http://localhost:8081\");\n")
                    .append("    static final Pattern HANDLER = Pattern.compile(\"\\\"handler\\\"\\\\s*:\\\\s*\\\"((?:[^\\\"\\\\\\\\]|\\\\\\\\.)*)\\\"\");\n")
                    .append("    static final Random RANDOM = new Random();\n");
        }
        s.append("    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();\n");
        return s.toString();
    }

    private static String sendMethod(long budgetMs) {
        return "    /** Sends one call; an answer slower than the budget fails it with HttpTimeoutException. */\n"
                + "    static HttpResponse<String> send(String method, String path, String body, String traceId) "
                + "throws Exception {\n"
                + "        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE_URL + path))\n"
                + "                .timeout(Duration.ofMillis(" + budgetMs + "));\n"
                + "        if (traceId != null) {\n"
                + "            request.header(\"traceparent\", \"00-\" + traceId + \"-\" + traceId.substring(0, 16) + \"-01\");\n"
                + "        }\n"
                + "        if (body == null) {\n"
                + "            request.method(method, HttpRequest.BodyPublishers.noBody());\n"
                + "        } else {\n"
                + "            request.header(\"Content-Type\", \"application/json\")\n"
                + "                    .method(method, HttpRequest.BodyPublishers.ofString(body));\n"
                + "        }\n"
                + "        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());\n"
                + "    }\n";
    }

    private static String arguments(List<Expectation> expected) {
        if (expected.isEmpty()) {
            throw new IllegalArgumentException("a reproduction test needs at least one recorded call");
        }
        return expected.stream().map(e -> String.format(Locale.ROOT,
                        "                // trace %s: answered %d in %.1f ms\n"
                                + "                Arguments.of(%s, %s, %s, %d)",
                        e.call().traceId(), e.call().status(), e.call().durationMs(),
                        JavaSources.literal(e.call().method()), JavaSources.literal(e.call().path()),
                        e.call().body() == null ? "null" : JavaSources.literal(e.call().body()), e.status()))
                .collect(Collectors.joining(",\n"));
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
