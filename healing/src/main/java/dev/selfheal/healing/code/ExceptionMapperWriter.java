package dev.selfheal.healing.code;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a JAX-RS {@code ExceptionMapper} for an exception that escaped a handler, answering
 * {@code application/problem+json} with a status that fits the exception instead of a 500 with a stack trace.
 */
public final class ExceptionMapperWriter {

    private ExceptionMapperWriter() {
    }

    /**
     * The status an exception type maps to, from what its name says: bad input 400, missing 404, a conflicting
     * state 409, an unavailable dependency 503, anything else 500.
     */
    public static int statusFor(String exceptionType) {
        String simple = simpleName(exceptionType).toLowerCase(Locale.ROOT);
        if (simple.matches(".*(illegalargument|numberformat|validation|constraintviolation|parse|invalid|malformed"
                + "|badrequest|mismatchedinput|jsonprocessing|datetimeparse).*")) {
            return 400;
        }
        if (simple.matches(".*(notfound|nosuchelement|nosuch|missing|unknown(?!host)).*")) {
            return 404;
        }
        if (simple.matches(".*(illegalstate|conflict|optimisticlock|outofstock|alreadyexists|duplicate|concurrent).*")) {
            return 409;
        }
        if (simple.matches(".*(timeout|connect|unavailable|circuitbreakeropen|bulkhead|unknownhost|processing).*")) {
            return 503;
        }
        return 500;
    }

    /**
     * The new mapper class for an exception, in the handler's package. Empty when the tree already maps that
     * exception type.
     *
     * @param tree          the repository
     * @param exceptionType the exception's qualified (or simple) name, as {@code exception.type} records it
     * @param handler       the resource method it escaped from
     * @param reason        one line for the class's Javadoc: what was seen
     */
    public static Optional<SourceEdit> write(SourceTree tree, String exceptionType, HandlerMethod handler,
            String reason) {
        String simple = simpleName(exceptionType);
        if (mapped(tree, simple)) {
            return Optional.empty();
        }
        boolean javax = tree.javaFiles().stream().map(tree::read).anyMatch(s -> s.contains("import javax.ws.rs."));
        String ws = javax ? "javax.ws.rs" : "jakarta.ws.rs";
        int status = statusFor(exceptionType);
        String className = simple + "Mapper";
        String path = (handler.sourceRoot().isEmpty() ? "" : handler.sourceRoot() + "/")
                + (handler.packageName().isEmpty() ? "" : handler.packagePath() + "/") + className + ".java";
        String qualified = exceptionType.strip().replace('$', '.');
        String exceptionPackage = qualified.contains(".") ? qualified.substring(0, qualified.lastIndexOf('.')) : "";
        boolean imported = !exceptionPackage.isEmpty() && !exceptionPackage.equals("java.lang")
                && !exceptionPackage.equals(handler.packageName());
        StringBuilder source = new StringBuilder();
        if (!handler.packageName().isEmpty()) {
            source.append("package ").append(handler.packageName()).append(";\n\n");
        }
        if (imported) {
            source.append("import ").append(qualified).append(";\n");
        }
        source.append("import ").append(ws).append(".core.Response;\n")
                .append("import ").append(ws).append(".ext.ExceptionMapper;\n")
                .append("import ").append(ws).append(".ext.Provider;\n\n")
                .append("/**\n")
                .append(" * Answers {@link ").append(simple).append("} with ").append(status)
                .append(" and an {@code application/problem+json} body instead of a 500 with a stack trace.\n")
                .append(" * ").append(reason.replace("*/", "* /")).append('\n')
                .append(" */\n")
                .append("@Provider\n")
                .append("public class ").append(className).append(" implements ExceptionMapper<").append(simple)
                .append("> {\n\n")
                .append("    static final String PROBLEM_JSON = \"application/problem+json\";\n\n")
                .append("    @Override\n")
                .append("    public Response toResponse(").append(simple).append(" exception) {\n");
        if (status >= 500) {
            // A server error's message may hold internals; the client gets a fixed sentence, the log the rest.
            source.append("        String detail = \"").append(simple).append(" while handling the request\";\n");
        } else {
            source.append("        String detail = exception.getMessage() == null ? \"").append(simple)
                    .append("\" : exception.getMessage();\n");
        }
        source.append("        String body = \"{\\\"type\\\":\\\"about:blank\\\",\\\"title\\\":\\\"")
                .append(title(status)).append("\\\",\\\"status\\\":").append(status)
                .append(",\\\"detail\\\":\\\"\" + escape(detail) + \"\\\"}\";\n")
                .append("        return Response.status(").append(status)
                .append(").type(PROBLEM_JSON).entity(body).build();\n")
                .append("    }\n\n")
                .append("    private static String escape(String text) {\n")
                .append("        StringBuilder escaped = new StringBuilder();\n")
                .append("        for (char c : text.toCharArray()) {\n")
                .append("            if (c == '\"' || c == '\\\\') {\n")
                .append("                escaped.append('\\\\').append(c);\n")
                .append("            } else if (c < 0x20) {\n")
                .append("                escaped.append(String.format(\"\\\\u%04x\", (int) c));\n")
                .append("            } else {\n")
                .append("                escaped.append(c);\n")
                .append("            }\n")
                .append("        }\n")
                .append("        return escaped.toString();\n")
                .append("    }\n")
                .append("}\n");
        return Optional.of(new SourceEdit(path, null, source.toString(),
                "New " + className + ": " + simple + " answered " + status + " " + title(status)
                        + " as application/problem+json"));
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }

    static String simpleName(String type) {
        String name = type.strip();
        return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
    }

    /** Whether some class of the tree already implements {@code ExceptionMapper<simple>}. */
    private static boolean mapped(SourceTree tree, String simple) {
        for (Path file : tree.javaFiles()) {
            Optional<CompilationUnit> unit = JavaSources.parse(tree, file);
            if (unit.isPresent() && unit.get().findAll(ClassOrInterfaceDeclaration.class).stream()
                    .flatMap(c -> c.getImplementedTypes().stream())
                    .filter(t -> t.getNameAsString().equals("ExceptionMapper"))
                    .flatMap(t -> t.getTypeArguments().stream().flatMap(a -> a.stream()))
                    .anyMatch(a -> a instanceof ClassOrInterfaceType c && c.getNameAsString().equals(simple))) {
                return true;
            }
        }
        return false;
    }
}
