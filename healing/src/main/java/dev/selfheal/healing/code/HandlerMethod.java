package dev.selfheal.healing.code;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A JAX-RS resource method: where the handler telemetry names {@code METHOD /route} is written.
 *
 * @param file        the source file
 * @param path        the file relative to the repository's root
 * @param packageName the class's package, empty for the default package
 * @param className   the resource class's simple name
 * @param methodName  the Java method
 * @param httpMethod  its HTTP method
 * @param route       its full route template, class and method {@code @Path} joined
 */
public record HandlerMethod(Path file, String path, String packageName, String className, String methodName,
        String httpMethod, String route) {

    static final List<String> HTTP_ANNOTATIONS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    /**
     * The resource method serving a handler: {@code METHOD /route}, or {@code Class.method} as
     * {@code code.namespace}/{@code code.function} name it. Empty when no resource class in the tree serves it.
     */
    public static Optional<HandlerMethod> find(SourceTree tree, String handler) {
        Optional<Route> route = Route.parse(handler);
        for (Path file : tree.javaFiles()) {
            Optional<CompilationUnit> unit = JavaSources.parse(tree, file);
            if (unit.isEmpty()) {
                continue;
            }
            for (HandlerMethod candidate : declared(tree, file, unit.get())) {
                boolean matches = route.isPresent()
                        ? route.get().servedBy(candidate.httpMethod(), candidate.route())
                        : handler != null && (handler.endsWith(candidate.className() + "." + candidate.methodName())
                                || handler.equals(candidate.methodName()));
                if (matches) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The package as a directory, e.g. {@code com/acme/orders}. */
    public String packagePath() {
        return packageName.replace('.', '/');
    }

    /**
     * The source root the file lives in (e.g. {@code orders/src/main/java}), relative to the repository's root;
     * a test belongs in its sibling {@code src/test/java}.
     */
    public String sourceRoot() {
        String suffix = (packageName.isEmpty() ? "" : packagePath() + "/") + file.getFileName();
        return path.endsWith(suffix) ? path.substring(0, path.length() - suffix.length()).replaceAll("/$", "") : "";
    }

    private static List<HandlerMethod> declared(SourceTree tree, Path file, CompilationUnit unit) {
        String pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
        return unit.findAll(ClassOrInterfaceDeclaration.class).stream()
                .filter(type -> !type.isInterface())
                .flatMap(type -> {
                    String base = pathOf(type.getAnnotationByName("Path"));
                    return type.getMethods().stream().flatMap(method -> httpMethod(method).stream()
                            .map(http -> new HandlerMethod(file, tree.relative(file), pkg, type.getNameAsString(),
                                    method.getNameAsString(), http,
                                    Route.join(base, pathOf(method.getAnnotationByName("Path"))))));
                })
                .toList();
    }

    static Optional<String> httpMethod(MethodDeclaration method) {
        return method.getAnnotations().stream().map(AnnotationExpr::getNameAsString)
                .map(name -> name.substring(name.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT))
                .filter(HTTP_ANNOTATIONS::contains)
                .findFirst();
    }

    static String pathOf(Optional<AnnotationExpr> annotation) {
        return annotation.flatMap(a -> JavaSources.attribute(a, "value")).orElse("");
    }
}
