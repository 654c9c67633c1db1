package dev.selfheal.logmining;

import java.util.Arrays;

/**
 * Remembers which template each line shape (the token sequence with variable tokens masked) was assigned to, so that
 * a line whose shape was seen before costs one hash probe and one comparison instead of a search.
 *
 * <p>Open addressing on the 64-bit shape hash; the stored shape is compared token by token, so a hash collision
 * can never send a line to the wrong template. It starts small, as most sources have few shapes, and doubles up to a
 * bound; at the bound it starts afresh: the cache only saves time, and a stream with endless new shapes must not grow
 * memory without bound.
 */
final class ShapeCache {

    private static final int INITIAL_CAPACITY = 1 << 8;
    private static final int MAX_CAPACITY = 1 << 15;
    /**
     * Marks a parameter that is a dotted name ({@code 360AP.exe}) in a stored shape. Its kind is part of the shape
     * hash, so a hash match plus this mark is taken as the same kind; the worst a collision could do is send a line
     * to a template that is close to it anyway.
     */
    private static final String KIND = new String("<kind>");

    private long[] hashes = new long[INITIAL_CAPACITY];
    private String[][] shapes = new String[INITIAL_CAPACITY][];
    private Template[] templates = new Template[INITIAL_CAPACITY];
    private int entries;

    /** Forgets every shape: needed when the same line would now be tokenised differently. */
    void clear() {
        Arrays.fill(shapes, null);
        Arrays.fill(templates, null);
        entries = 0;
    }

    Template find(long hash, Tokens line) {
        int mask = shapes.length - 1;
        int slot = (int) hash & mask;
        while (shapes[slot] != null) {
            if (hashes[slot] == hash && sameShape(shapes[slot], line)) {
                return templates[slot];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    void put(long hash, Tokens line, Template template) {
        if (entries == shapes.length / 2) {
            if (shapes.length == MAX_CAPACITY) {
                clear();
            } else {
                grow();
            }
        }
        String[] shape = new String[line.size()];
        for (int t = 0; t < shape.length; t++) {
            shape[t] = !line.isVariable(t) ? line.text(t) : line.kind(t) != 0 ? KIND : null;
        }
        insert(hash, shape, template);
    }

    private void grow() {
        long[] oldHashes = hashes;
        String[][] oldShapes = shapes;
        Template[] oldTemplates = templates;
        hashes = new long[oldHashes.length * 2];
        shapes = new String[oldHashes.length * 2][];
        templates = new Template[oldHashes.length * 2];
        entries = 0;
        for (int slot = 0; slot < oldShapes.length; slot++) {
            if (oldShapes[slot] != null) {
                insert(oldHashes[slot], oldShapes[slot], oldTemplates[slot]);
            }
        }
    }

    private void insert(long hash, String[] shape, Template template) {
        int mask = shapes.length - 1;
        int slot = (int) hash & mask;
        while (shapes[slot] != null) {
            slot = (slot + 1) & mask;
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
            if (shape[t] == null ? !line.isVariable(t) || line.kind(t) != 0
                    : shape[t] == KIND ? !line.isVariable(t) || line.kind(t) == 0
                    : line.isVariable(t) || !line.textEquals(t, shape[t])) {
                return false;
            }
        }
        return true;
    }
}
