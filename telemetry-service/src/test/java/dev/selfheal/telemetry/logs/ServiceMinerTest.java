package dev.selfheal.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceMinerTest {

    @Test
    void linesOfOneEventShareATemplateAndKeepTheirParameters() {
        ServiceMiner miner = new ServiceMiner();
        List<MinedRecord> mined = miner.mine(List.of(
                "Receiving block blk_1 src: /10.0.0.1:5000 dest: /10.0.0.2:50010",
                "Receiving block blk_2 src: /10.0.0.3:5001 dest: /10.0.0.4:50010",
                "Deleting block blk_3 file /data/blk_3"));

        assertThat(mined.get(0).templateId()).isEqualTo(mined.get(1).templateId());
        assertThat(mined.get(1).template()).startsWith("Receiving block blk_<*> src: <*>");
        assertThat(mined.get(1).parameters()).contains("2", "/10.0.0.3:5001");
        assertThat(mined.get(2).templateId()).isNotEqualTo(mined.get(1).templateId());
    }

    @Test
    void aTemplateIdIsSixteenHexDigitsAndTheSameForTheSameTextEverywhere() {
        String id = ServiceMiner.templateId("order <*> placed");
        assertThat(id).matches("[0-9a-f]{16}");
        assertThat(ServiceMiner.templateId("order <*> placed")).isEqualTo(id);
        assertThat(ServiceMiner.templateId("order <*> cancelled")).isNotEqualTo(id);
    }

    @Test
    void aMultiLineRecordIsMinedAsOne() {
        List<MinedRecord> mined = new ServiceMiner().mine(List.of(
                "order 4711 failed\njava.lang.IllegalStateException: no items\n\tat com.example.Orders.place(Orders.java:42)"));
        assertThat(mined).hasSize(1);
        assertThat(mined.get(0).record()).contains("\tat com.example.Orders.place");
        assertThat(mined.get(0).template()).startsWith("order <*> failed");
    }
}
