package dev.selfheal.healing.code;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.printer.lexicalpreservation.LexicalPreservingPrinter;
import java.nio.file.Path;
import java.util.Optional;

/** Parsing and small edits shared by the editors: Java 17 sources, printed back with their layout kept. */
final class JavaSources {

    private JavaSources() {
    }

    private static JavaParser parser() {
        // A parser per call: JavaParser instances are not thread-safe, and playbooks may run concurrently.
        return new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
    }

    /** The file parsed, or empty when it does not parse (a broken file is left alone, never rewritten). */
    static Optional<CompilationUnit> parse(String source) {
        ParseResult<CompilationUnit> result = parser().parse(source);
        return result.isSuccessful() ? result.getResult() : Optional.empty();
    }

    /** The file parsed and set up for lexical preservation, ready to edit. */
    static Optional<CompilationUnit> parseForEdit(String source) {
        return parse(source).map(LexicalPreservingPrinter::setup);
    }

    static Optional<CompilationUnit> parse(SourceTree tree, Path file) {
        return parse(tree.read(file));
    }

    static String print(CompilationUnit unit) {
        return LexicalPreservingPrinter.print(unit);
    }

    /** Adds {@code import name;} unless the file already imports it, its package wildcard, or is in its package. */
    static void addImport(CompilationUnit unit, String name) {
        String pkg = name.substring(0, name.lastIndexOf('.'));
        boolean present = unit.getImports().stream().filter(i -> !i.isStatic()).anyMatch(i ->
                i.isAsterisk() ? i.getNameAsString().equals(pkg) : i.getNameAsString().equals(name));
        boolean samePackage = unit.getPackageDeclaration().map(p -> p.getNameAsString().equals(pkg)).orElse(false);
        if (!present && !samePackage && !pkg.equals("java.lang")) {
            unit.addImport(new ImportDeclaration(name, false, false));
        }
    }

    /** Whether a node carries an annotation by simple or qualified name. */
    static boolean annotated(NodeWithAnnotations<?> node, String qualifiedName) {
        String simple = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
        return node.getAnnotations().stream().anyMatch(a -> a.getNameAsString().equals(simple)
                || a.getNameAsString().equals(qualifiedName));
    }

    /** An annotation's attribute as a string literal's value ({@code value} for a single-member one). */
    static Optional<String> attribute(AnnotationExpr annotation, String name) {
        Expression value = null;
        if (annotation instanceof SingleMemberAnnotationExpr single && name.equals("value")) {
            value = single.getMemberValue();
        } else if (annotation instanceof NormalAnnotationExpr normal) {
            value = normal.getPairs().stream().filter(p -> p.getNameAsString().equals(name))
                    .map(MemberValuePair::getValue).findFirst().orElse(null);
        }
        if (value instanceof StringLiteralExpr literal) {
            return Optional.of(literal.asString());
        }
        return Optional.empty();
    }

    /** Java's escaping of a string literal's content. */
    static String literal(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
