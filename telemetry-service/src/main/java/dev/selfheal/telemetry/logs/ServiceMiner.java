package dev.selfheal.telemetry.logs;

import dev.selfheal.logmining.LogTemplateMiner;
import dev.selfheal.logmining.MinedLine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The template miner of one service. The miner learns from every record and is not thread-safe, so batches of
 * one service are mined one at a time, while different services mine in parallel.
 */
public final class ServiceMiner {

    private final LogTemplateMiner miner = new LogTemplateMiner();
    /** Ids of the template texts seen so far: a record's id is looked up, not hashed again for every record. */
    private final Map<String, String> ids = new HashMap<>();

    /** Mines the records in order; each gets the template as it stood when the record was mined. */
    public synchronized List<MinedRecord> mine(List<String> records) {
        return records.stream().map(record -> {
            MinedLine mined = miner.mine(record);
            String template = mined.template();
            return new MinedRecord(record, ids.computeIfAbsent(template, ServiceMiner::templateId), template,
                    mined.parameters());
        }).toList();
    }

    /** A stable id for a template text: the first 8 bytes of its SHA-256, as hex. */
    static String templateId(String template) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(template.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
