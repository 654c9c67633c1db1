package dev.selfheal.logmining;

/**
 * A template as the miner currently knows it.
 *
 * @param id       stable for the life of the miner; a template merged into another keeps resolving to the survivor
 *                 through {@link LogTemplateMiner#currentId(int)}
 * @param template the line with {@code <*>} in place of each parameter
 * @param count    lines matched so far, including those of templates merged into this one
 */
public record LogTemplate(int id, String template, long count) {
}
