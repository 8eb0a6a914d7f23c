package dev.flowrunner.batch;

import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.ScenarioGroup;

import java.util.List;

import static dev.flowrunner.batch.FlowJobNames.*;

/**
 * Generates the job XML of one flow: one partitioned step per group, in order, with one partition per worker slot
 * (as many as the group's parallelism allows); the slots take the group's scenarios, listed in dispatch order, one at
 * a time. The batch runtime forbids looping back to a step, so each group needs a step of its own, and the XML has to
 * be written for each plan.
 */
final class FlowJobXml {

    private FlowJobXml() {
    }

    static String generate(String jobName, Flow flow) {
        var xml = new StringBuilder(1024);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<job id=\"").append(attr(jobName))
                .append("\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">\n")
                .append("  <listeners>\n    <listener ref=\"").append(FLOW_JOB_LISTENER).append("\">\n")
                .append("      <properties>\n");
        appendParameterProperties(xml, "        ");
        xml.append("      </properties>\n    </listener>\n  </listeners>\n");
        List<ScenarioGroup> groups = flow.groups();
        for (int i = 0; i < groups.size(); i++) {
            appendStep(xml, groups.get(i), i + 1 < groups.size() ? groups.get(i + 1).key() : null);
        }
        return xml.append("</job>\n").toString();
    }

    private static void appendStep(StringBuilder xml, ScenarioGroup group, String nextGroupKey) {
        xml.append("  <step id=\"").append(attr(group.key())).append("\">\n")
                .append("    <batchlet ref=\"").append(SCENARIO_BATCHLET).append("\">\n")
                .append("      <properties>\n");
        appendKeyProperties(xml, group, "        ");
        int slots = Math.min(group.parallelism(), group.scenarios().size());
        xml.append("        <property name=\"").append(SCENARIO_KEYS).append("\" value=\"")
                .append(attr(scenarioKeys(group.scenarios().stream().map(Scenario::key).toList()))).append("\"/>\n")
                .append("      </properties>\n")
                .append("    </batchlet>\n")
                .append("    <partition>\n")
                .append("      <plan partitions=\"").append(slots).append("\" threads=\"").append(slots).append("\"/>\n");
        appendPartitionArtifact(xml, "analyzer", GROUP_VERDICT_ANALYZER, group);
        appendPartitionArtifact(xml, "reducer", SCENARIO_QUEUE_REDUCER, group);
        xml.append("    </partition>\n");
        xml.append("    <fail on=\"").append(GROUP_INCOMPLETE).append("\" exit-status=\"").append(INCOMPLETE_PREFIX)
                .append(attr(group.key())).append("\"/>\n");
        if (!group.continueOnFailure()) {
            xml.append("    <fail on=\"").append(GROUP_FAILED).append("\" exit-status=\"").append(HALTED_PREFIX)
                    .append(attr(group.key())).append("\"/>\n");
        }
        if (nextGroupKey != null) {
            xml.append("    <next on=\"*\" to=\"").append(attr(nextGroupKey)).append("\"/>\n");
        } else {
            xml.append("    <end on=\"*\"/>\n");
        }
        xml.append("  </step>\n");
    }

    private static void appendPartitionArtifact(StringBuilder xml, String element, String ref, ScenarioGroup group) {
        xml.append("      <").append(element).append(" ref=\"").append(ref).append("\">\n")
                .append("        <properties>\n");
        appendKeyProperties(xml, group, "          ");
        xml.append("        </properties>\n")
                .append("      </").append(element).append(">\n");
    }

    private static void appendKeyProperties(StringBuilder xml, ScenarioGroup group, String indent) {
        appendParameterProperties(xml, indent);
        xml.append(indent).append("<property name=\"").append(GROUP_KEY).append("\" value=\"")
                .append(attr(group.key())).append("\"/>\n");
    }

    private static void appendParameterProperties(StringBuilder xml, String indent) {
        xml.append(indent).append("<property name=\"").append(RUN_ID).append("\" value=\"#{jobParameters['")
                .append(RUN_ID).append("']}\"/>\n")
                .append(indent).append("<property name=\"").append(FLOW_KEY).append("\" value=\"#{jobParameters['")
                .append(FLOW_KEY).append("']}\"/>\n");
    }

    private static String attr(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
