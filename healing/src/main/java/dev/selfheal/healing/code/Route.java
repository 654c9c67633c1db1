package dev.selfheal.healing.code;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An HTTP route as telemetry names a handler, {@code METHOD /path}, where the path is a template
 * ({@code /orders/{id}}) or a concrete path ({@code /orders/42}).
 *
 * @param method the HTTP method in upper case, or null when not known
 * @param path   the path, starting with {@code /}
 */
public record Route(String method, String path) {

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    public Route {
        method = method == null ? null : method.toUpperCase(Locale.ROOT);
        path = normalise(path == null ? "" : path);
    }

    /** The route a handler name such as {@code POST /orders/{id}} names; empty for other span names. */
    public static Optional<Route> parse(String handler) {
        if (handler == null) {
            return Optional.empty();
        }
        String[] parts = handler.strip().split("\\s+", 2);
        if (parts.length == 2 && METHODS.contains(parts[0].toUpperCase(Locale.ROOT)) && parts[1].startsWith("/")) {
            return Optional.of(new Route(parts[0], parts[1]));
        }
        return Optional.empty();
    }

    /** Joins JAX-RS {@code @Path} values: a class's and a method's. */
    public static String join(String... parts) {
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            String trimmed = part == null ? "" : part.strip().replaceAll("^/+|/+$", "");
            if (!trimmed.isEmpty()) {
                joined.append('/').append(trimmed);
            }
        }
        return joined.length() == 0 ? "/" : joined.toString();
    }

    /**
     * Whether a declared route (a JAX-RS template) serves this one: same method when both are known, same number
     * of segments, a template parameter matching any segment.
     */
    public boolean servedBy(String declaredMethod, String template) {
        if (method != null && declaredMethod != null && !method.equalsIgnoreCase(declaredMethod)) {
            return false;
        }
        String[] declared = segments(normalise(template));
        String[] observed = segments(path);
        if (declared.length != observed.length) {
            return false;
        }
        for (int i = 0; i < declared.length; i++) {
            boolean parameter = declared[i].startsWith("{") && declared[i].endsWith("}");
            if (!parameter && !declared[i].equals(observed[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return method == null ? path : method + " " + path;
    }

    private static String[] segments(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
    }

    private static String normalise(String path) {
        String withoutQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return join(withoutQuery);
    }
}
