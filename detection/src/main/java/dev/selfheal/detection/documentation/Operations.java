package dev.selfheal.detection.documentation;

import dev.selfheal.contracts.v1.SpanKind;
import dev.selfheal.contracts.v1.SpanRecorded;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an observed span is matched to a documented operation. Both sides are reduced to a key {@code METHOD path}
 * whose path parameters lose their names ({@code /orders/{id}} and {@code /orders/{orderId}} are one operation, as
 * are Express-style {@code /orders/:id}), without a query or a trailing slash.
 */
final class Operations {

    private static final Pattern HTTP_NAME =
            Pattern.compile("^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|TRACE|CONNECT)\\s+(/\\S*)$",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{[^}/]*}");
    private static final Pattern COLON_PARAMETER = Pattern.compile("(?<=/):[^/]+");

    private Operations() {
    }

    /** A server handler: a SERVER span, or one that names an HTTP route. */
    static boolean isServer(SpanRecorded span) {
        return span.kind() == SpanKind.SERVER || span.attributes().containsKey("http.route")
                || HTTP_NAME.matcher(span.handler()).matches();
    }

    /**
     * The operation key of a server span: from its name when shaped {@code METHOD /path}, else from its
     * {@code http.route} and method attributes, else its name as is (a server handler that is no HTTP route, which
     * can only match an {@code operationId}).
     */
    static String keyOf(SpanRecorded span) {
        Matcher m = HTTP_NAME.matcher(span.handler());
        if (m.matches()) {
            return key(m.group(1), m.group(2));
        }
        String route = span.attributes().get("http.route");
        String method = span.attributes().getOrDefault("http.request.method", span.attributes().get("http.method"));
        if (route != null && method != null) {
            return key(method, route);
        }
        return span.handler();
    }

    static String key(String method, String path) {
        String p = path;
        int query = p.indexOf('?');
        if (query >= 0) {
            p = p.substring(0, query);
        }
        p = TEMPLATE_PARAMETER.matcher(p).replaceAll("{}");
        p = COLON_PARAMETER.matcher(p).replaceAll("{}");
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return method.toUpperCase(Locale.ROOT) + " " + p;
    }
}
