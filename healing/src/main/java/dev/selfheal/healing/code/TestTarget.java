package dev.selfheal.healing.code;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a generated test goes: its package, class name and path in the repository.
 *
 * @param packageName the test's package
 * @param className   its simple name
 * @param path        its file, relative to the repository's root
 */
public record TestTarget(String packageName, String className, String path) {

    /**
     * A test next to the handler's resource class when it was found ({@code src/test/java} beside its
     * {@code src/main/java}); else in a package named after the service, at the repository's
     * {@code src/test/java}.
     *
     * @param handler the resource method, when found
     * @param service the service's name
     * @param handlerName the handler's name as telemetry gives it
     * @param suffix  what the test is about, e.g. {@code ErrorTest}
     */
    public static TestTarget of(Optional<HandlerMethod> handler, String service, String handlerName, String suffix) {
        if (handler.isPresent()) {
            HandlerMethod h = handler.get();
            String root = h.sourceRoot().endsWith("src/main/java")
                    ? h.sourceRoot().substring(0, h.sourceRoot().length() - "main/java".length()) + "test/java"
                    : "src/test/java";
            String className = h.className() + capitalise(h.methodName()) + suffix;
            return new TestTarget(h.packageName(), className, root + "/"
                    + (h.packageName().isEmpty() ? "" : h.packagePath() + "/") + className + ".java");
        }
        String pkg = "selfheal." + identifier(service).toLowerCase(Locale.ROOT);
        String className = capitalise(identifier(handlerName == null ? service : handlerName)) + suffix;
        return new TestTarget(pkg, className, "src/test/java/" + pkg.replace('.', '/') + "/" + className + ".java");
    }

    /** Words of any text joined in camel case, a valid Java identifier. */
    static String identifier(String text) {
        StringBuilder id = new StringBuilder();
        boolean upper = false;
        for (char c : text.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128) {
                id.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = id.length() > 0;
            }
        }
        if (id.length() == 0 || Character.isDigit(id.charAt(0))) {
            id.insert(0, 'x');
        }
        return id.toString();
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
