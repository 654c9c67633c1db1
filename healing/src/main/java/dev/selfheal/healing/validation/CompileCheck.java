package dev.selfheal.healing.validation;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import dev.selfheal.healing.code.SourceTree;
import dev.selfheal.healing.playbook.Artifact;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a plan's edited sources and generated tests in memory with the platform's Java compiler, against a
 * given classpath (the service's dependencies and JUnit). Where no compiler exists (a native image, a JRE) or no
 * classpath is known, compiling is skipped with the reason, and the files are only parsed.
 */
public final class CompileCheck {

    static final String CHECK = "compile";
    static final String PARSE = "parse";
    private static final int MAX_REPORTED = 20;

    private CompileCheck() {
    }

    /**
     * Compiles the tree's main sources with the plan's diffs applied, plus its TEST artifacts. Diffs that do not
     * apply are left out (and reported by {@link PatchCheck}).
     *
     * @param root      the repository, or null when none is available: then only the plan's tests and new files
     *                  are compiled
     * @param artifacts the plan's artifacts
     * @param classpath the jars and directories to compile against; empty when unknown
     */
    public static List<ValidationResult> check(Path root, List<Artifact> artifacts, List<Path> classpath) {
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, String> edited = new LinkedHashMap<>();
        if (root != null) {
            SourceTree tree = SourceTree.of(root);
            for (Path file : tree.javaFiles()) {
                String path = tree.relative(file);
                if (path.contains("src/main/java/") || path.startsWith("src/main/java/")) {
                    sources.put(path, tree.read(file));
                }
            }
            edited.putAll(PatchCheck.apply(root, artifacts).files());
        }
        edited.forEach((path, text) -> {
            if (path.endsWith(".java")) {
                sources.put(path, text);
            }
        });
        for (Artifact artifact : artifacts) {
            if (artifact.kind() == Artifact.Kind.TEST && artifact.path().endsWith(".java")) {
                sources.put(artifact.path(), artifact.content());
            }
        }
        return compile(sources, classpath);
    }

    /**
     * Compiles Java sources given by path.
     *
     * @param sources   file path to text
     * @param classpath the jars and directories to compile against; empty when unknown
     */
    public static List<ValidationResult> compile(Map<String, String> sources, List<Path> classpath) {
        if (sources.isEmpty()) {
            return List.of(ValidationResult.skipped(CHECK, "nothing to compile"));
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null || classpath == null || classpath.isEmpty()) {
            String reason = compiler == null
                    ? "no Java compiler in this runtime (a native image or a JRE)"
                    : "no classpath is known for the service";
            List<ValidationResult> results = new ArrayList<>();
            results.add(ValidationResult.skipped(CHECK, reason + "; the files were only parsed"));
            results.add(parse(sources));
            return results;
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null);
        List<JavaFileObject> units = sources.entrySet().stream()
                .map(e -> (JavaFileObject) new Source(e.getKey(), e.getValue())).toList();
        List<String> options = List.of("-classpath",
                classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                // The service's annotation processors are not ours to run, and warnings are not failures.
                "-proc:none", "-nowarn", "-Xlint:none", "-encoding", "UTF-8");
        boolean ok = compiler.getTask(null, new InMemoryOutput(standard), diagnostics, options, null, units).call();
        List<String> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(CompileCheck::describe).toList();
        if (ok && errors.isEmpty()) {
            return List.of(ValidationResult.passed(CHECK, sources.size() + " file(s) compile"));
        }
        String detail = errors.size() + " error(s): " + String.join("; ", errors.subList(0,
                Math.min(MAX_REPORTED, errors.size()))) + (errors.size() > MAX_REPORTED ? "; ..." : "");
        return List.of(ValidationResult.failed(CHECK, detail));
    }

    private static ValidationResult parse(Map<String, String> sources) {
        JavaParser parser = new JavaParser(
                new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        List<String> problems = new ArrayList<>();
        sources.forEach((path, text) -> {
            ParseResult<CompilationUnit> result = parser.parse(text);
            if (!result.isSuccessful()) {
                problems.add(path + ": " + result.getProblems().get(0).getVerboseMessage().lines().findFirst()
                        .orElse("does not parse"));
            }
        });
        return problems.isEmpty() ? ValidationResult.passed(PARSE, sources.size() + " file(s) parse")
                : ValidationResult.failed(PARSE, String.join("; ", problems));
    }

    private static String describe(Diagnostic<? extends JavaFileObject> d) {
        String file = d.getSource() instanceof Source s ? s.path : d.getSource() == null ? "" : d.getSource().getName();
        return file + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT);
    }

    /** A source file held in memory under its repository path. */
    private static final class Source extends SimpleJavaFileObject {
        private final String path;
        private final String text;

        Source(String path, String text) {
            super(URI.create("string:///" + path.replace(' ', '_')), Kind.SOURCE);
            this.path = path;
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /** Class files go to memory and are dropped: the check needs the diagnostics, not the bytecode. */
    private static final class InMemoryOutput extends ForwardingJavaFileManager<JavaFileManager> {

        InMemoryOutput(JavaFileManager delegate) {
            super(delegate);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                    kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream();
                }
            };
        }
    }
}
