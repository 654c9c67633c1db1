package dev.selfheal.logmining;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Online log template miner for one source (one service): feed it raw lines, each gets a template id, the template
 * text and its parameters.
 *
 * <p>Not thread-safe: keep one instance per source and have the caller serialise calls to it.
 */
public final class LogTemplateMiner {

    /** Share of constant positions that must agree before a line joins a template of its length. */
    static final double SIMILARITY = 0.9;

    private final Tokens tokens = new Tokens();
    private final ShapeCache cache = new ShapeCache();
    private final Map<Integer, List<Template>> byLength = new HashMap<>();
    private final List<Template> byId = new ArrayList<>();

    public MinedLine mine(String line) {
        tokens.tokenise(line);
        long shape = tokens.shapeHash();
        Template cached = cache.find(shape, tokens);
        Template template;
        if (cached != null) {
            template = cached.current();
        } else {
            template = place();
            cache.put(shape, tokens, template);
        }
        template.count++;
        return new MinedLine(template.id, template.text(), line, parameterBounds(template));
    }

    /** The id that a template id handed out earlier now resolves to, after any merges. */
    public int currentId(int templateId) {
        return byId.get(templateId - 1).current().id;
    }

    /** The live templates, most frequent first. */
    public List<LogTemplate> templates() {
        List<LogTemplate> live = new ArrayList<>();
        for (Template t : byId) {
            if (t.mergedInto == null) {
                live.add(new LogTemplate(t.id, t.text(), t.count));
            }
        }
        live.sort(Comparator.comparingLong(LogTemplate::count).reversed().thenComparingInt(LogTemplate::id));
        return live;
    }

    private Template place() {
        List<Template> candidates = byLength.computeIfAbsent(tokens.size(), n -> new ArrayList<>());
        Template best = null;
        double bestScore = -1;
        for (Template candidate : candidates) {
            double score = similarity(candidate);
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        if (best != null && bestScore >= SIMILARITY) {
            absorb(best, candidates);
            return best;
        }
        Template created = new Template(byId.size() + 1, tokens);
        byId.add(created);
        candidates.add(created);
        return created;
    }

    private double similarity(Template template) {
        int same = 0;
        int differ = 0;
        for (int t = 0; t < template.tokens.length; t++) {
            String constant = template.tokens[t];
            if (constant == null) {
                continue;
            }
            if (!tokens.isVariable(t) && tokens.textEquals(t, constant)) {
                same++;
            } else {
                differ++;
            }
        }
        return same + differ == 0 ? 1 : (double) same / (same + differ);
    }

    private void absorb(Template template, List<Template> sameLength) {
        boolean changed = false;
        for (int t = 0; t < template.tokens.length; t++) {
            String constant = template.tokens[t];
            if (constant != null && (tokens.isVariable(t) || !tokens.textEquals(t, constant))) {
                template.generalise(t);
                changed = true;
            }
        }
        if (changed) {
            mergeCovered(template, sameLength);
        }
    }

    private void mergeCovered(Template survivor, List<Template> sameLength) {
        sameLength.removeIf(other -> {
            if (other == survivor || !survivor.covers(other)) {
                return false;
            }
            other.mergedInto = survivor;
            survivor.count += other.count;
            return true;
        });
    }

    private int[] parameterBounds(Template template) {
        int parameters = 0;
        for (String constant : template.tokens) {
            if (constant == null) {
                parameters++;
            }
        }
        int[] bounds = new int[parameters * 2];
        int i = 0;
        for (int t = 0; t < template.tokens.length; t++) {
            if (template.tokens[t] == null) {
                bounds[i++] = tokens.start(t);
                bounds[i++] = tokens.end(t);
            }
        }
        return bounds;
    }
}
