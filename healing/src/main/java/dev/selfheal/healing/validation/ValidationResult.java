package dev.selfheal.healing.validation;

/**
 * The outcome of one check on a fix plan.
 *
 * @param check  which check, e.g. {@code patch orders/src/main/java/.../InventoryClient.java}, {@code compile}
 * @param status whether it passed
 * @param detail what was found: the conflicts, the compiler's diagnostics, why it was skipped
 */
public record ValidationResult(String check, Status status, String detail) {

    /** A check's outcome. */
    public enum Status {
        PASSED,
        FAILED,
        /** Could not run here (no source, no compiler, no classpath); {@code detail} says why. */
        SKIPPED
    }

    public static ValidationResult passed(String check, String detail) {
        return new ValidationResult(check, Status.PASSED, detail);
    }

    public static ValidationResult failed(String check, String detail) {
        return new ValidationResult(check, Status.FAILED, detail);
    }

    public static ValidationResult skipped(String check, String detail) {
        return new ValidationResult(check, Status.SKIPPED, detail);
    }

    /** Whether every result passed or was skipped: nothing found wrong. */
    public static boolean noneFailed(java.util.List<ValidationResult> results) {
        return results.stream().noneMatch(r -> r.status() == Status.FAILED);
    }
}
