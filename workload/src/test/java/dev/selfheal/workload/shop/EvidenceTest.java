package dev.selfheal.workload.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class EvidenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachSpecListsExactlyItsServicesHandlersWithBudgetsAboveTheirP95() throws Exception {
        List<Deployment.Evidence> evidence = new Deployment().initialEvidence();
        assertThat(evidence).extracting(Deployment.Evidence::service).containsExactlyElementsOf(ShopModel.SERVICES);
        List<SpanRecord> traffic = Spans.traffic(Spans.shop(new Deployment(), 3), Perturbation.NONE, 4_000, 0);
        int budgets = 0;
        for (Deployment.Evidence e : evidence) {
            JsonNode spec = JSON.readTree(e.openApi());
            assertThat(spec.path("openapi").asText()).startsWith("3.0");
            assertThat(spec.path("info").path("version").asText()).isEqualTo(e.version());
            Set<String> operations = new HashSet<>();
            spec.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                operations.add(op.getKey().toUpperCase() + " " + path.getKey());
                if (op.getValue().has("x-latency-budget-ms")) {
                    String handler = op.getKey().toUpperCase() + " " + path.getKey();
                    double[] durations = traffic.stream().filter(s -> s.service().equals(e.service())
                            && s.name().equals(handler)).mapToDouble(SpanRecord::durationMs).sorted().toArray();
                    assertThat(op.getValue().get("x-latency-budget-ms").asDouble())
                            .isGreaterThan(2 * durations[(int) (durations.length * 0.95)]);
                }
            }));
            budgets += (int) spec.findValues("x-latency-budget-ms").size();
            assertThat(operations).containsExactlyInAnyOrderElementsOf(
                    ShopModel.handlersOf(e.service()).stream().map(Handler::name).toList());
        }
        assertThat(budgets).isGreaterThanOrEqualTo(3);
    }

    @Test
    void eachJacocoReportParsesAndCoversEveryHandler() throws Exception {
        for (Deployment.Evidence e : new Deployment().initialEvidence()) {
            Map<String, int[]> methods = methods(e.jacoco());
            for (Handler handler : ShopModel.handlersOf(e.service())) {
                int[] instructions = methods.get(handler.vmClassName() + "#" + handler.function() + handler.descriptor());
                assertThat(instructions).as(handler.toString()).isNotNull();
                assertThat(instructions[1]).as(handler + " covered instructions").isPositive();
            }
        }
    }

    @Test
    void aReleaseWithAnUntestedUndocumentedHandlerSaysSoInItsEvidence() throws Exception {
        Deployment deployment = new Deployment();
        Handler added = ShopModel.NEW_ENDPOINTS.get("catalog").get(0);
        Deployment.Evidence evidence = deployment.deploy(new Deployment.Release("catalog", deployment.nextVersion("catalog"),
                List.of(added), Set.of(added), Set.of(added), false));
        assertThat(evidence.version()).isEqualTo("2.5.0");
        assertThat(JSON.readTree(evidence.openApi()).path("paths").has(added.route())).isFalse();
        int[] counters = methods(evidence.jacoco()).get(added.vmClassName() + "#" + added.function() + added.descriptor());
        assertThat(counters).containsExactly(counters[0], 0);
        assertThat(deployment.addedHandlers()).containsExactly(added);
        deployment.rollBack("catalog", "2.4.1");
        assertThat(deployment.addedHandlers()).isEmpty();
        assertThat(deployment.nextVersion("catalog")).isEqualTo("2.6.0");
    }

    /** Method key to {missed, covered} instructions, read with the JDK's DOM parser, DTD never fetched. */
    static Map<String, int[]> methods(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("report");
        Map<String, int[]> methods = new HashMap<>();
        NodeList classes = document.getElementsByTagName("class");
        for (int i = 0; i < classes.getLength(); i++) {
            Element c = (Element) classes.item(i);
            assertThat(c.getParentNode().getNodeName()).isEqualTo("package");
            NodeList ms = c.getElementsByTagName("method");
            for (int j = 0; j < ms.getLength(); j++) {
                Element m = (Element) ms.item(j);
                NodeList counters = m.getElementsByTagName("counter");
                for (int k = 0; k < counters.getLength(); k++) {
                    Element counter = (Element) counters.item(k);
                    if (counter.getAttribute("type").equals("INSTRUCTION")) {
                        methods.put(c.getAttribute("name") + "#" + m.getAttribute("name") + m.getAttribute("desc"),
                                new int[] {Integer.parseInt(counter.getAttribute("missed")),
                                        Integer.parseInt(counter.getAttribute("covered"))});
                    }
                }
            }
        }
        return methods;
    }
}
