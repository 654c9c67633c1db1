package dev.selfheal.healing.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConstraintEditorTest {

    @TempDir
    Path dir;

    @Test
    void aCrossedLowerBoundBecomesAMinimumOnTheEntityField() {
        SourceTree tree = SourceTree.of(SampleService.copyTo(dir));
        Invariant invariant = Invariant.fromEvidence("range:order.quantity",
                Map.of("expected", "[1, 20]", "observed", "-3"));

        SourceEdit edit = ConstraintEditor.constrain(tree, "order.quantity", invariant).orElseThrow();

        assertThat(edit.path()).endsWith("com/acme/orders/Order.java");
        assertThat(edit.diff()).contains("+    @Min(1)\n     public int quantity;",
                "+import jakarta.validation.constraints.Min;");
    }

    @Test
    void allowedValuesBecomeAPatternOnARecordComponent() {
        SourceTree tree = SourceTree.of(SampleService.copyTo(dir));
        Invariant invariant = Invariant.fromEvidence("value:currency",
                Map.of("expected", "EUR|USD", "observed", "XXX"));

        SourceEdit edit = ConstraintEditor.constrain(tree, "currency", invariant).orElseThrow();

        assertThat(edit.revised()).contains("@Pattern(regexp = \"EUR|USD\") String currency");
    }

    @Test
    void aNullOnAPrimitiveNeedsNoConstraint() {
        SourceTree tree = SourceTree.of(SampleService.copyTo(dir));

        assertThat(ConstraintEditor.constrain(tree, "order.quantity",
                new Invariant(Invariant.Kind.NULL, "never null", "null"))).isEmpty();
        assertThat(ConstraintEditor.constrain(tree, "order.status",
                new Invariant(Invariant.Kind.NULL, "never null", "null"))).get()
                .extracting(SourceEdit::revised).asString().contains("@NotNull\n    public String status;");
    }
}
