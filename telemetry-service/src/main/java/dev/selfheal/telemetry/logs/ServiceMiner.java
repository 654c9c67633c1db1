package dev.selfheal.telemetry.logs;

import dev.selfheal.logmining.LogTemplateMiner;
import dev.selfheal.telemetry.ingest.ContentDigests;
import dev.selfheal.logmining.MinedLine;
import java.util.HashMap;
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
        return ContentDigests.shortSha256(template);
    }
}
