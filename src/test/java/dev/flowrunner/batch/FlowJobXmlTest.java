package dev.flowrunner.batch;

import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.ScenarioGroup;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowJobXmlTest {

    private static final Flow FLOW = new Flow("checkout", "Checkout", List.of(
            group("g01-login", 2, false, "a", "b", "c"),
            group("g02-pay", 8, true, "d"),
            group("g03-receipt", 1, false, "e", "f")));

    @Test
    void eachGroupIsOnePartitionedStepInOrder() throws Exception {
        Document job = parse(FlowJobXml.generate("flow-x1-checkout-v3", FLOW));

        assertEquals("flow-x1-checkout-v3", job.getDocumentElement().getAttribute("id"));
        List<Element> steps = elements(job.getDocumentElement(), "step");
        assertEquals(List.of("g01-login", "g02-pay", "g03-receipt"), steps.stream().map(s -> s.getAttribute("id")).toList());
        assertEquals("g02-pay", elements(steps.get(0), "next").get(0).getAttribute("to"));
        assertEquals("g03-receipt", elements(steps.get(1), "next").get(0).getAttribute("to"));
        assertEquals(1, elements(steps.get(2), "end").size(), "the last group ends the job");
    }

    @Test
    void onePartitionPerWorkerSlotThatTheParallelismAllows() throws Exception {
        List<Element> steps = elements(parse(FlowJobXml.generate("j", FLOW)).getDocumentElement(), "step");

        Element loginPlan = elements(steps.get(0), "plan").get(0);
        assertEquals("2", loginPlan.getAttribute("partitions"));
        assertEquals("2", loginPlan.getAttribute("threads"));
        Element payPlan = elements(steps.get(1), "plan").get(0);
        assertEquals("1", payPlan.getAttribute("partitions"), "no more slots than scenarios");
        assertEquals("1", payPlan.getAttribute("threads"));
    }

    @Test
    void theSlotsShareTheGroupsScenariosInDispatchOrder() throws Exception {
        List<Element> steps = elements(parse(FlowJobXml.generate("j", FLOW)).getDocumentElement(), "step");

        assertEquals(List.of("a", "b", "c"), FlowJobNames.scenarioKeys(scenarioKeys(steps.get(0))));
        assertEquals(List.of("e", "f"), FlowJobNames.scenarioKeys(scenarioKeys(steps.get(2))));
        assertEquals(1, elements(steps.get(0), "reducer").size(), "a reducer forgets the queue at the step's end");
    }

    private static String scenarioKeys(Element step) {
        Element batchlet = elements(step, "batchlet").get(0);
        return elements(batchlet, "property").stream()
                .filter(p -> p.getAttribute("name").equals(FlowJobNames.SCENARIO_KEYS))
                .findFirst().orElseThrow().getAttribute("value");
    }

    @Test
    void onlyGroupsThatHaltTheirFlowFailTheJob() throws Exception {
        List<Element> steps = elements(parse(FlowJobXml.generate("j", FLOW)).getDocumentElement(), "step");

        Element fail = halting(steps.get(0)).get(0);
        assertEquals(FlowJobNames.HALTED_PREFIX + "g01-login", fail.getAttribute("exit-status"));
        assertTrue(halting(steps.get(1)).isEmpty(), "continueOnFailure groups never halt");
        assertEquals(1, halting(steps.get(2)).size());
    }

    @Test
    void everyGroupThatDidNotCompleteFailsTheJobToBeRestarted() throws Exception {
        List<Element> steps = elements(parse(FlowJobXml.generate("j", FLOW)).getDocumentElement(), "step");

        for (Element step : steps) {
            List<Element> incomplete = elements(step, "fail").stream()
                    .filter(f -> f.getAttribute("on").equals(FlowJobNames.GROUP_INCOMPLETE)).toList();
            assertEquals(1, incomplete.size(), step.getAttribute("id"));
            assertEquals(FlowJobNames.INCOMPLETE_PREFIX + step.getAttribute("id"),
                    incomplete.get(0).getAttribute("exit-status"));
        }
    }

    private static List<Element> halting(Element step) {
        return elements(step, "fail").stream().filter(f -> f.getAttribute("on").equals(FlowJobNames.GROUP_FAILED))
                .toList();
    }

    @Test
    void valuesAreEscaped() throws Exception {
        var odd = new Flow("f", "F", List.of(group("g01-x", 1, false, "a\"<&>")));

        Element step = elements(parse(FlowJobXml.generate("j", odd)).getDocumentElement(), "step").get(0);

        assertEquals("a\"<&>", scenarioKeys(step));
    }

    private static ScenarioGroup group(String key, int parallelism, boolean continueOnFailure, String... scenarios) {
        var list = new ArrayList<Scenario>();
        for (String s : scenarios) {
            list.add(new Scenario(s, "f.feature", 1, s, List.of()));
        }
        return new ScenarioGroup(key, key, parallelism, continueOnFailure, list);
    }

    private static Document parse(String xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS("https://jakarta.ee/xml/ns/jakartaee", name);
        var list = new ArrayList<Element>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }
}
