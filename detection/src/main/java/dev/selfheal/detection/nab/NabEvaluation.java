package dev.selfheal.detection.nab;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * {@code ./selfheal eval nab [RESULTS_DIR]}: scores a detector's per-row results on the NAB corpus for each profile,
 * printing the normalised score, the threshold NAB's sweep chooses, the row counts, and the same per category (at
 * the corpus threshold, normalised against the category's own null and perfect scores).
 *
 * <p>Arguments: the NAB dataset root ({@code data/}, {@code labels/}, {@code config/}) and optionally the results
 * directory, by default the bundled {@code results/numenta}, which makes the command a self-check of the scorer.
 */
public final class NabEvaluation {

    private NabEvaluation() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: NabEvaluation NAB_ROOT [RESULTS_DIR]");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        Path resultsDir = (args.length == 2 ? Path.of(args[1]) : root.resolve("results/numenta")).toAbsolutePath().normalize();
        NabCorpus corpus = NabCorpus.load(root);
        DetectorResults results = DetectorResults.load(resultsDir, corpus);
        NabScorer scorer = new NabScorer(corpus);

        int windows = corpus.files().stream().mapToInt(f -> f.windows().size()).sum();
        System.out.printf(Locale.ROOT, "NAB v1.1 scores of '%s' (%s) on %d files, %d windows, categories %s%n",
                results.detector(), resultsDir, corpus.files().size(), windows, String.join(", ", corpus.categories()));
        System.out.printf(Locale.ROOT, "%-24s %7s %-20s %9s %8s %8s %6s %7s %6s%n",
                "profile", "score", "threshold", "raw", "null", "perfect", "TP", "FP", "FN");
        Map<CostProfile, ThresholdScore> best = new LinkedHashMap<>();
        for (CostProfile profile : corpus.profiles()) {
            best.put(profile, scorer.optimise(results, profile, file -> true));
            printRow(profile.name(), scorer, profile, file -> true, best.get(profile).threshold(), best.get(profile));
        }
        for (CostProfile profile : corpus.profiles()) {
            double threshold = best.get(profile).threshold();
            List<FileScore> files = scorer.scoreFiles(results, profile, threshold);
            System.out.printf(Locale.ROOT, "%nper category, %s profile, threshold %s%n", profile.name(), Double.toString(threshold));
            for (String category : corpus.categories()) {
                List<FileScore> inCategory = files.stream().filter(f -> f.path().startsWith(category + "/")).toList();
                ThresholdScore total = new ThresholdScore(threshold,
                        inCategory.stream().mapToDouble(FileScore::score).sum(),
                        inCategory.stream().mapToInt(FileScore::tp).sum(), inCategory.stream().mapToInt(FileScore::tn).sum(),
                        inCategory.stream().mapToInt(FileScore::fp).sum(), inCategory.stream().mapToInt(FileScore::fn).sum());
                printRow("  " + category, scorer, profile, file -> file.category().equals(category), threshold, total);
            }
        }
    }

    private static void printRow(String label, NabScorer scorer, CostProfile profile, Predicate<DataFile> files,
                                 double threshold, ThresholdScore score) {
        Normalisation normalisation = new Normalisation(scorer.nullScore(profile, files), scorer.perfectScore(profile, files));
        double normalised = normalisation.normalise(score.score());
        System.out.printf(Locale.ROOT, "%-24s %7s %-20s %9.3f %8.1f %8.1f %6d %7d %6d%n", label,
                Double.isNaN(normalised) ? "n/a" : String.format(Locale.ROOT, "%.2f", normalised), Double.toString(threshold),
                score.score(), normalisation.nullScore(), normalisation.perfectScore(), score.tp(), score.fp(), score.fn());
    }
}
