package dev.selfheal.healing.code;

import dev.selfheal.healing.playbook.Artifact;

/**
 * One file changed or created by an edit.
 *
 * @param path        the file, relative to the repository's root
 * @param original    its text before, or null for a new file
 * @param revised     its text after
 * @param description one line saying what changed
 */
public record SourceEdit(String path, String original, String revised, String description) {

    public SourceEdit {
        if (path == null || revised == null) {
            throw new IllegalArgumentException("an edit needs a path and the revised text");
        }
    }

    /** The unified diff of this edit. */
    public String diff() {
        return original == null ? UnifiedDiffs.newFile(path, revised) : UnifiedDiffs.of(path, original, revised);
    }

    /** This edit as a fix's code-diff artifact. */
    public Artifact toArtifact() {
        return new Artifact(Artifact.Kind.CODE_DIFF, path, diff(), description);
    }
}
