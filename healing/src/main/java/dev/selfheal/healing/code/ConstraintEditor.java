package dev.selfheal.healing.code;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.ast.type.Type;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Puts a Bean Validation constraint on the field a state key names ({@code order.quantity} or {@code quantity}),
 * chosen from the invariant that was broken.
 */
public final class ConstraintEditor {

    static final String PACKAGE = "jakarta.validation.constraints.";
    private static final List<String> INTEGRAL = List.of("int", "long", "short", "byte", "Integer", "Long", "Short",
            "Byte", "BigInteger");
    private static final List<String> DECIMAL = List.of("double", "float", "Double", "Float", "BigDecimal");

    private ConstraintEditor() {
    }

    /**
     * A field of a class or a record component: where a state key's value is held.
     *
     * @param file      its source file
     * @param path      the file relative to the repository's root
     * @param className the declaring type's simple name
     * @param name      the field's name
     * @param type      its declared type as written
     */
    public record Field(Path file, String path, String className, String name, String type) {
    }

    /**
     * The edit constraining the field a state key names, and the constraint it adds. Empty when no field
     * matches, the invariant is not about one value ({@link Invariant.Kind#OTHER}), the field's type cannot hold
     * the violating value anyway (a text type invariant on an {@code int}), or the constraint is already there.
     */
    public static Optional<SourceEdit> constrain(SourceTree tree, String key, Invariant invariant) {
        Optional<Field> field = find(tree, key);
        if (field.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> constraint = constraintFor(field.get().type(), invariant);
        if (constraint.isEmpty()) {
            return Optional.empty();
        }
        String original = tree.read(field.get().file());
        CompilationUnit unit = JavaSources.parseForEdit(original).orElseThrow();
        NodeWithAnnotations<?> target = declarations(unit).stream()
                .filter(d -> d.className().equals(field.get().className()) && d.name().equals(field.get().name()))
                .map(Declaration::node).findFirst().orElseThrow();
        String annotation = constraint.get();
        String name = annotation.substring(1, annotation.contains("(") ? annotation.indexOf('(') : annotation.length());
        if (JavaSources.annotated(target, PACKAGE + name)) {
            return Optional.empty();
        }
        target.addAnnotation(StaticJavaParser.parseAnnotation(annotation));
        JavaSources.addImport(unit, PACKAGE + name);
        return Optional.of(new SourceEdit(field.get().path(), original, JavaSources.print(unit),
                annotation + " on " + field.get().className() + "." + field.get().name() + " (" + key + ": "
                        + invariant.kind().name().toLowerCase(Locale.ROOT) + " invariant, expected "
                        + invariant.expected() + ", observed " + invariant.observed() + ")"));
    }

    /**
     * The field holding a state key: the last segment in camel case ({@code unit_price} is {@code unitPrice}); a
     * preceding segment, when there is one, prefers a type named after it ({@code order} matches {@code Order},
     * {@code OrderEntity}, {@code OrderRequest}), entities before other types.
     */
    public static Optional<Field> find(SourceTree tree, String key) {
        String[] segments = key.split("\\.");
        String name = camel(segments[segments.length - 1]);
        String owner = segments.length > 1 ? camel(segments[segments.length - 2]).toLowerCase(Locale.ROOT) : null;
        Field best = null;
        int bestScore = -1;
        for (Path file : tree.javaFiles()) {
            Optional<CompilationUnit> unit = JavaSources.parse(tree, file);
            if (unit.isEmpty()) {
                continue;
            }
            for (Declaration d : declarations(unit.get())) {
                if (!d.name().equals(name)) {
                    continue;
                }
                String type = d.className().toLowerCase(Locale.ROOT);
                int score = (owner != null && type.equals(owner) ? 4 : 0)
                        + (owner != null && type.startsWith(owner) ? 2 : 0)
                        + (d.entity() ? 1 : 0);
                if (score > bestScore) {
                    best = new Field(file, tree.relative(file), d.className(), d.name(), d.type().asString());
                    bestScore = score;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The constraint for a field of a type and a broken invariant. A range constrains only the side that was
     * crossed: the learned bounds come from traffic, and the other side was never shown wrong.
     */
    static Optional<String> constraintFor(String type, Invariant invariant) {
        String simple = type.substring(type.lastIndexOf('.') + 1);
        boolean integral = INTEGRAL.contains(simple);
        boolean decimal = DECIMAL.contains(simple);
        boolean text = simple.equals("String") || simple.equals("CharSequence");
        switch (invariant.kind()) {
            case NULL:
                return Character.isLowerCase(simple.charAt(0)) ? Optional.empty() : Optional.of("@NotNull");
            case RANGE: {
                Optional<double[]> range = invariant.range();
                Optional<Double> observed = invariant.observedNumber();
                if (range.isEmpty() || observed.isEmpty() || !(integral || decimal)) {
                    return Optional.empty();
                }
                double low = range.get()[0];
                double high = range.get()[1];
                if (observed.get() < low) {
                    if (low >= 0 && low < 1) {
                        return Optional.of("@PositiveOrZero");
                    }
                    return Optional.of(integral ? "@Min(" + (long) Math.floor(low) + ")"
                            : "@DecimalMin(" + JavaSources.literal(plain(low)) + ")");
                }
                if (observed.get() > high) {
                    return Optional.of(integral ? "@Max(" + (long) Math.ceil(high) + ")"
                            : "@DecimalMax(" + JavaSources.literal(plain(high)) + ")");
                }
                return Optional.empty();
            }
            case TYPE: {
                if (!text || invariant.expected() == null) {
                    return Optional.empty();
                }
                List<String> types = List.of(invariant.expected().split("\\|"));
                String regexp = types.contains("DECIMAL") ? "-?\\d+(\\.\\d+)?"
                        : types.contains("INTEGER") ? "-?\\d+"
                        : types.contains("BOOLEAN") ? "true|false" : null;
                return Optional.ofNullable(regexp).map(r -> "@Pattern(regexp = " + JavaSources.literal(r) + ")");
            }
            case VALUE: {
                if (!text || invariant.expected() == null || invariant.expected().isBlank()) {
                    return Optional.empty();
                }
                String regexp = List.of(invariant.expected().split("\\|")).stream().sorted()
                        .map(ConstraintEditor::quote).collect(Collectors.joining("|"));
                return Optional.of("@Pattern(regexp = " + JavaSources.literal(regexp) + ")");
            }
            default:
                return Optional.empty();
        }
    }

    // Allowed values are usually plain words; only they are written as-is, anything else is quoted for the regex.
    private static String quote(String value) {
        return value.matches("[A-Za-z0-9_ -]*") ? value : Pattern.quote(value);
    }

    private static String plain(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    static String camel(String name) {
        String[] parts = name.split("[_-]");
        StringBuilder camel = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                camel.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
            }
        }
        return camel.toString();
    }

    private record Declaration(String className, String name, Type type, boolean entity, NodeWithAnnotations<?> node) {
    }

    private static List<Declaration> declarations(CompilationUnit unit) {
        List<Declaration> found = new ArrayList<>();
        for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
            boolean entity = type.getAnnotationByName("Entity").isPresent();
            for (FieldDeclaration field : type.getFields()) {
                if (field.isStatic()) {
                    continue;
                }
                // An annotation on "int a, b;" would constrain both: such declarations are left to a person.
                if (field.getVariables().size() == 1) {
                    var v = field.getVariable(0);
                    found.add(new Declaration(type.getNameAsString(), v.getNameAsString(), v.getType(), entity, field));
                }
            }
            if (type instanceof RecordDeclaration record) {
                for (Parameter component : record.getParameters()) {
                    found.add(new Declaration(type.getNameAsString(), component.getNameAsString(),
                            component.getType(), false, component));
                }
            }
        }
        return found;
    }
}
