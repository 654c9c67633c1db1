package dev.selfheal.detection.flow;

/** In sessions containing both, the first {@code before} comes before the first {@code after}. */
public record Precedence(String before, String after) {

    @Override
    public String toString() {
        return before + " before " + after;
    }
}
