package dev.selfheal.logmining;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Online log template miner for one source (one service): feed it raw lines, each gets a template id, the template
 * text and its parameters.
 *
 * <p>A line whose shape (its tokens with parameters masked) was seen before takes that shape's template from a cache.
 * A new shape joins the most similar template, which is generalised to cover it, or starts a new template. Templates
 * are refined as lines arrive: a generalised template absorbs the templates it now covers, and when the source's
 * header is learnt anew every template is derived again from its first line, merging those that turn out to be one
 * statement. A template id handed out earlier keeps resolving, through {@link #currentId}, to the template that now
 * stands for it.
 *
 * <p>Not thread-safe: keep one instance per source and have the caller serialise calls to it.
 */
public final class LogTemplateMiner {

    /**
     * Share of anchors (constants and dotted names, see {@link Kinds}) a line and a template must have in common, in
     * order, for the line to join the template: the common anchors over the larger of the two anchor counts.
     */
    static final double SIMILARITY = 0.9;

    private final Tokens tokens = new Tokens();
    private final HeaderModel header = new HeaderModel();
    private final ShapeCache cache = new ShapeCache();
    private final Alignment alignment = new Alignment();
    private final List<Template> byId = new ArrayList<>();
    /**
     * The templates holding each anchor, by token hash or, for a dotted name, by kind: only they can share enough
     * with a new line.
     */
    private final Map<Long, List<Template>> byToken = new HashMap<>();
    private int[] votes = new int[64];
    private final List<Template> voted = new ArrayList<>();
    /** The live template without constants: every line without a constant joins it. */
    private Template anchorless;

    /** Mines one line (or joined record): learns from it and returns its template as it stands now. */
    public MinedLine mine(String line) {
        tokens.tokenise(line, header.end());
        if (header.observe(tokens.leadingVariables())) {
            rederive();
            tokens.tokenise(line, header.end());
        }
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
        return new MinedLine(template, line, header.end());
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

    /**
     * Derives every live template again from the line that started it, tokenised under the header just learnt, in
     * the order they were created: a template whose line now joins an earlier one is merged into it, the others
     * start afresh from their line. Ids stay stable and resolve through {@link #currentId}.
     */
    private void rederive() {
        cache.clear();
        byToken.clear();
        anchorless = null;
        for (Template template : byId) {
            if (template.mergedInto != null) {
                continue;
            }
            tokens.tokenise(template.example, header.end());
            Template joined = best();
            if (joined == null) {
                template.reset(tokens);
                index(template);
            } else if (joined != template) {
                template.mergedInto = joined;
                joined.count += template.count;
                generaliseWith(joined);
            }
        }
    }

    /** A line whose shape was not seen before: joins the most similar template, generalising it, or starts one. */
    private Template place() {
        Template best = best();
        if (best != null) {
            generaliseWith(best);
            return best;
        }
        Template created = new Template(byId.size() + 1, tokens);
        byId.add(created);
        index(created);
        return created;
    }

    private void generaliseWith(Template template) {
        alignment.commonConstants(template, tokens);
        if (alignment.generalise(template, tokens)) {
            mergeCovered(template);
        }
    }

    /** The live template most similar to the current line, if it is similar enough to join. */
    private Template best() {
        int lineConstants = countVotes();
        if (lineConstants == 0) {
            return anchorless;
        }
        Template best = null;
        double bestScore = -1;
        for (Template candidate : voted) {
            int upperBound = Math.min(votes[candidate.id], candidate.constants);
            votes[candidate.id] = 0;
            int larger = Math.max(candidate.constants, lineConstants);
            if (candidate.mergedInto != null || upperBound < SIMILARITY * larger || upperBound <= bestScore * larger) {
                continue;
            }
            double score = (double) alignment.commonConstants(candidate, tokens) / larger;
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        voted.clear();
        return bestScore >= SIMILARITY ? best : null;
    }

    /**
     * Counts, for every template sharing a constant token with the line, how many of the line's constants it holds:
     * an upper bound of what the two have in common, so most templates are ruled out without aligning them.
     *
     * @return the number of constant tokens of the line
     */
    private int countVotes() {
        if (votes.length <= byId.size()) {
            votes = Arrays.copyOf(votes, Math.max(votes.length * 2, byId.size() + 1));
        }
        int constants = 0;
        for (int t = 0; t < tokens.size(); t++) {
            if (!tokens.isAnchor(t)) {
                continue;
            }
            constants++;
            List<Template> holders = byToken.get(tokens.indexKey(t));
            if (holders == null) {
                continue;
            }
            for (Template holder : holders) {
                if (votes[holder.id]++ == 0) {
                    voted.add(holder);
                }
            }
        }
        return constants;
    }

    private void index(Template template) {
        if (template.constants == 0) {
            anchorless = template;
        }
        for (int t = 0; t < template.size(); t++) {
            if (!template.isAnchor(t)) {
                continue;
            }
            List<Template> holders = byToken.computeIfAbsent(template.indexKey(t), h -> new ArrayList<>(2));
            if (holders.isEmpty() || holders.get(holders.size() - 1) != template) {
                holders.add(template);
            }
        }
    }

    /**
     * Merges into the generalised template every live template whose lines it now matches. Such a template holds
     * all of the survivor's constants, so only the holders of its rarest constant need checking.
     */
    private void mergeCovered(Template survivor) {
        List<Template> holders = byId;
        for (int t = 0; t < survivor.size(); t++) {
            if (survivor.isAnchor(t)) {
                List<Template> candidates = byToken.get(survivor.indexKey(t));
                if (candidates.size() < holders.size()) {
                    holders = candidates;
                }
            }
        }
        for (Template other : holders) {
            if (other != survivor && other.mergedInto == null && survivor.constants >= SIMILARITY * other.constants
                    && alignment.matches(survivor.tokens, survivor.hashes, other)) {
                other.mergedInto = survivor;
                survivor.count += other.count;
            }
        }
    }
}
