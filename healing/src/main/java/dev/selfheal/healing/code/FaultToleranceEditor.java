package dev.selfheal.healing.code;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts {@code @Timeout}, {@code @Retry} and {@code @CircuitBreaker} on the REST client method that calls a slow or
 * failing dependency, keeping whatever fault tolerance is already there.
 */
public final class FaultToleranceEditor {

    static final String PACKAGE = "org.eclipse.microprofile.faulttolerance.";

    private FaultToleranceEditor() {
    }

    /**
     * The edit annotating a client's methods: the one serving {@code route} when it is known and declared,
     * else every HTTP method of the interface. Empty when the file cannot be parsed or every method already
     * carries all three annotations.
     *
     * @param tree     the repository
     * @param client   the client interface calling the dependency
     * @param route    the route called on the dependency, when telemetry recorded it
     * @param settings the values to put in the annotations
     */
    public static Optional<SourceEdit> annotate(SourceTree tree, RestClient client, Optional<Route> route,
            FaultToleranceSettings settings) {
        String original = tree.read(client.file());
        Optional<CompilationUnit> parsed = JavaSources.parseForEdit(original);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        CompilationUnit unit = parsed.get();
        String simpleName = client.interfaceName().substring(client.interfaceName().lastIndexOf('.') + 1);
        Optional<ClassOrInterfaceDeclaration> type = unit.findAll(ClassOrInterfaceDeclaration.class).stream()
                .filter(t -> t.getNameAsString().equals(simpleName)).findFirst();
        if (type.isEmpty()) {
            return Optional.empty();
        }
        List<MethodDeclaration> methods = targets(type.get(), route);
        List<String> changed = new ArrayList<>();
        for (MethodDeclaration method : methods) {
            boolean added = add(unit, method, "Timeout", settings.timeout());
            if (settings.maxRetries() > 0) {
                added |= add(unit, method, "Retry", settings.retry());
            }
            added |= add(unit, method, "CircuitBreaker", settings.circuitBreaker());
            if (added) {
                changed.add(method.getNameAsString());
            }
        }
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SourceEdit(client.path(), original, JavaSources.print(unit),
                "Fault tolerance on " + simpleName + "." + String.join(", " + simpleName + ".", changed) + ": "
                        + settings.timeout() + (settings.maxRetries() > 0 ? " " + settings.retry() : "") + " "
                        + settings.circuitBreaker()));
    }

    /** The methods to annotate: the route's own when it is declared, else all HTTP methods (else all methods). */
    static List<MethodDeclaration> targets(ClassOrInterfaceDeclaration type, Optional<Route> route) {
        String base = HandlerMethod.pathOf(type.getAnnotationByName("Path"));
        List<MethodDeclaration> http = type.getMethods().stream()
                .filter(m -> HandlerMethod.httpMethod(m).isPresent()).toList();
        if (route.isPresent()) {
            List<MethodDeclaration> serving = http.stream().filter(m -> route.get().servedBy(
                    HandlerMethod.httpMethod(m).orElseThrow(),
                    Route.join(base, HandlerMethod.pathOf(m.getAnnotationByName("Path"))))).toList();
            if (!serving.isEmpty()) {
                return serving;
            }
        }
        return http.isEmpty() ? type.getMethods().stream().filter(m -> !m.isDefault() && !m.isStatic()).toList()
                : http;
    }

    /**
     * The edit putting {@code @Timeout} on a resource method, so that a slow handler answers within its budget
     * (a 500 from {@code TimeoutException}, which an exception mapper may turn into a 503) instead of holding a
     * worker. Empty when it already has one.
     */
    public static Optional<SourceEdit> timeout(SourceTree tree, HandlerMethod handler, long timeoutMs) {
        String original = tree.read(handler.file());
        Optional<CompilationUnit> parsed = JavaSources.parseForEdit(original);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        CompilationUnit unit = parsed.get();
        Optional<MethodDeclaration> method = unit.findAll(ClassOrInterfaceDeclaration.class).stream()
                .filter(t -> t.getNameAsString().equals(handler.className()))
                .flatMap(t -> t.getMethodsByName(handler.methodName()).stream())
                .filter(m -> HandlerMethod.httpMethod(m).isPresent()).findFirst();
        if (method.isEmpty() || !add(unit, method.get(), "Timeout", "@Timeout(" + timeoutMs + ")")) {
            return Optional.empty();
        }
        return Optional.of(new SourceEdit(handler.path(), original, JavaSources.print(unit), "@Timeout(" + timeoutMs
                + ") on " + handler.className() + "." + handler.methodName()));
    }

    private static boolean add(CompilationUnit unit, MethodDeclaration method, String name, String annotation) {
        if (JavaSources.annotated(method, PACKAGE + name)) {
            return false;
        }
        method.addAnnotation(StaticJavaParser.parseAnnotation(annotation));
        JavaSources.addImport(unit, PACKAGE + name);
        return true;
    }
}
