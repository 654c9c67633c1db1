package dev.selfheal.detection.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One of NAB's application profiles ({@code config/profiles.json}): how much a detected window earns, how much a
 * missed window and a false positive cost. NAB's tnWeight is never used by its scorer, so it is not kept.
 */
public record CostProfile(String name, double tpWeight, double fpWeight, double fnWeight) {

    public static final String STANDARD = "standard";
    public static final String LOW_FP = "reward_low_FP_rate";
    public static final String LOW_FN = "reward_low_FN_rate";

    /** The profiles in NAB's scoreboard order (standard, low FP, low FN), whatever order the file lists them in. */
    public static List<CostProfile> load(Path profilesJson) {
        try {
            JsonNode root = new ObjectMapper().readTree(profilesJson.toFile());
            List<CostProfile> profiles = new ArrayList<>();
            for (String name : List.of(STANDARD, LOW_FP, LOW_FN)) {
                JsonNode costs = root.path(name).path("CostMatrix");
                if (costs.isMissingNode()) {
                    throw new IllegalArgumentException(profilesJson + " has no profile " + name);
                }
                profiles.add(new CostProfile(name, costs.path("tpWeight").asDouble(), costs.path("fpWeight").asDouble(),
                        costs.path("fnWeight").asDouble()));
            }
            return List.copyOf(profiles);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
