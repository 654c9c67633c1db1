package dev.selfheal.logmining;

/**
 * Remembers which template each line shape (the token sequence with variable tokens masked) was assigned to, so that
 * a line whose shape was seen before costs one hash probe and one comparison instead of a search.
 *
 * <p>Open addressing on the 64-bit shape hash; the stored shape is compared token by token, so a hash collision
 * can never send a line to the wrong template. When full it starts afresh rather than growing: the cache only
 * saves time, and a stream with endless new shapes must not grow memory without bound.
 */
final class ShapeCache {

    private static final int CAPACITY = 1 << 15;
    private static final int MAX_ENTRIES = CAPACITY / 2;

    private final long[] hashes = new long[CAPACITY];
    private final String[][] shapes = new String[CAPACITY][];
    private final Template[] templates = new Template[CAPACITY];
    private int entries;

    Template find(long hash, Tokens line) {
        int slot = (int) hash & (CAPACITY - 1);
        while (shapes[slot] != null) {
            if (hashes[slot] == hash && sameShape(shapes[slot], line)) {
                return templates[slot];
            }
            slot = (slot + 1) & (CAPACITY - 1);
        }
        return null;
    }

    void put(long hash, Tokens line, Template template) {
        if (entries == MAX_ENTRIES) {
            java.util.Arrays.fill(shapes, null);
            java.util.Arrays.fill(templates, null);
            entries = 0;
        }
        int slot = (int) hash & (CAPACITY - 1);
        while (shapes[slot] != null) {
            slot = (slot + 1) & (CAPACITY - 1);
        }
        String[] shape = new String[line.size()];
        for (int t = 0; t < shape.length; t++) {
            shape[t] = line.isVariable(t) ? null : line.text(t);
        }
        hashes[slot] = hash;
        shapes[slot] = shape;
        templates[slot] = template;
        entries++;
    }

    private static boolean sameShape(String[] shape, Tokens line) {
        if (shape.length != line.size()) {
            return false;
        }
        for (int t = 0; t < shape.length; t++) {
            if (shape[t] == null ? !line.isVariable(t) : line.isVariable(t) || !line.textEquals(t, shape[t])) {
                return false;
            }
        }
        return true;
    }
}
