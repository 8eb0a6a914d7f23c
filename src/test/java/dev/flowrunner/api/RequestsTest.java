package dev.flowrunner.api;

import dev.flowrunner.domain.DispatchOrder;
import java.util.stream.Collectors;
import java.util.Set;
import dev.flowrunner.domain.Secrets;
import dev.flowrunner.domain.SecretSealer;
import dev.flowrunner.domain.Project;
import dev.flowrunner.api.ExecutionRequest.FlowRequest;
import dev.flowrunner.api.ExecutionRequest.GroupRequest;
import dev.flowrunner.api.ExecutionRequest.ScenarioRequest;
import dev.flowrunner.domain.Execution;
import dev.flowrunner.domain.PodOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import dev.flowrunner.domain.BatchSize;
import jakarta.json.Json;
import jakarta.json.JsonValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestsTest {

    @Test
    void aBatchSizeIsAWholeNumberFromOneToFiveHundredOrAuto() {
        for (JsonValue wrong : List.of(Json.createValue(0), Json.createValue(501), Json.createValue(2.5),
                Json.createValue("AUTO"), Json.createValue("10"), JsonValue.TRUE)) {
            var e = assertThrows(InvalidRequestException.class, () -> Requests.execution("x", "p", 1,
                    withBatchSize(wrong)), wrong.toString());
            assertEquals(List.of("flows[0].groups[0].batchSize"), e.violations().stream().map(Violation::field)
                    .toList());
        }
        assertEquals(BatchSize.AUTO, Requests.execution("x", "p", 1, withBatchSize(Json.createValue("auto")))
                .flows().get(0).groups().get(0).batchSize());
        assertEquals(BatchSize.ONE, Requests.execution("x", "p", 1, withBatchSize(Json.createValue(1)))
                .flows().get(0).groups().get(0).batchSize());
    }

    private static ExecutionRequest withBatchSize(JsonValue size) {
        return new ExecutionRequest("N", List.of(new FlowRequest("f", "F", List.of(new GroupRequest("G", 2, null,
                List.of(new ScenarioRequest("s", "s.feature", 3, null, null)), null, null, size)))), 0, 30L, null,
                null, null);
    }

    @Test
    void keysAreDerivedFromNamesPositionsAndFeatureLines() {
        var body = new ExecutionRequest("Nightly", List.of(new FlowRequest(null, "Check-out Flow!", List.of(
                new GroupRequest("Log in", 2, null, List.of(
                        new ScenarioRequest(null, "features/login.feature", 12, null, null),
                        new ScenarioRequest(null, "features/login.feature", 20, "Remember me", List.of("@smoke"))), 300L, "declared", null),
                new GroupRequest("Pay", null, true, List.of(new ScenarioRequest("pay", "p.feature", null, null, null)),
                        null, null, Json.createValue(5))))),
                1, 30L, null, 3600L, true);

        Execution execution = Requests.execution("x1", "p", 1, body);

        var flow = execution.flows().get(0);
        assertEquals("check-out-flow", flow.key());
        assertEquals(List.of("g01-log-in", "g02-pay"), flow.groups().stream().map(g -> g.key()).toList());
        assertEquals(List.of("login-12", "remember-me"),
                flow.groups().get(0).scenarios().stream().map(s -> s.key()).toList());
        assertEquals(1, flow.groups().get(1).parallelism(), "parallelism defaults to one at a time");
        assertEquals(true, flow.groups().get(1).continueOnFailure());
        assertEquals(2, execution.policy().maxAttempts());
        assertEquals(300L, flow.groups().get(0).timeoutSeconds());
        assertEquals(null, flow.groups().get(1).timeoutSeconds(), "no group timeout unless given");
        assertEquals(3600L, execution.policy().runTimeoutSeconds());
        assertTrue(execution.policy().singleThreaded());
        assertEquals(DispatchOrder.DECLARED, flow.groups().get(0).order());
        assertEquals(DispatchOrder.HISTORY, flow.groups().get(1).order(), "history order unless told otherwise");
        assertEquals(null, flow.groups().get(0).batchSize(), "the batch size follows the command unless given");
        assertEquals(new BatchSize(5), flow.groups().get(1).batchSize());
    }

    @Test
    void everyProblemIsReportedWithItsPath() {
        var body = new ExecutionRequest("", List.of(new FlowRequest("f", "F", List.of(
                new GroupRequest("G", 0, null, List.of(new ScenarioRequest("s", "", 0, null, null)), 0L, "fastest",
                        Json.createValue("big"))))),
                -1, 0L, null, 999_999_999L, null);

        var e = assertThrows(InvalidRequestException.class, () -> Requests.execution("x", "p", 1, body));

        assertEquals(List.of("name", "retries", "scenarioTimeoutSeconds", "runTimeoutSeconds",
                "flows[0].groups[0].parallelism", "flows[0].groups[0].timeoutSeconds", "flows[0].groups[0].order",
                "flows[0].groups[0].batchSize",
                "flows[0].groups[0].scenarios[0].feature", "flows[0].groups[0].scenarios[0].line"),
                e.violations().stream().map(Violation::field).toList());
    }

    @Test
    void aCommandWithAnUnknownPlaceholderIsRefused() {
        var body = new ProjectRequest("p", "P", List.of("run", "{feature}", "--out={resultDir}"), null, null,
                null, null);

        var e = assertThrows(InvalidRequestException.class, () -> project(body));

        assertEquals(List.of("command[2]"), e.violations().stream().map(Violation::field).toList());
        assertTrue(e.getMessage().contains("{resultDir}"), e.getMessage());
    }

    @Test
    void theLocationsOfABatchAreAnArgumentOfTheirOwn() {
        var inside = new ProjectRequest("p", "P", List.of("run", "--paths={locations}"), null, null, null, null);
        var alone = new ProjectRequest("p", "P", List.of("run", "{locations}", "--out={resultsDir}/m"), null, null,
                null, null);

        var e = assertThrows(InvalidRequestException.class, () -> project(inside));

        assertEquals(List.of("command[1]"), e.violations().stream().map(Violation::field).toList());
        assertTrue(e.getMessage().contains("argument of its own"), e.getMessage());
        assertEquals(alone.command(), project(alone).command());
    }

    @Test
    void slugsAreSafeForJobIdsPathsAndPodNames() {
        assertEquals("cafe-creme-brulee", Keys.slug("Café crème brûlée"));
        assertEquals("x", Keys.slug("!!!"));
        assertEquals(40, Keys.slug("a".repeat(100)).length());
    }

    @Test
    void podOptionsKubernetesWouldRefuseAreRefusedWithTheirFields() {
        var pod = new PodOptions("Not An Image!", "lots", "1Gi", List.of("ok-secret", "Bad_Secret"),
                Map.of("pool", "browsers"), List.of("dedicated=qa:NoSchedule", "oops"), null, List.of(), null);
        var body = new ProjectRequest("p", "P", List.of("run"), null, null, pod, null);

        var e = assertThrows(InvalidRequestException.class, () -> project(body));

        assertEquals(List.of("pod.image", "pod.cpu", "pod.imagePullSecrets[1]", "pod.tolerations[1]"),
                e.violations().stream().map(Violation::field).toList());
    }

    @Test
    void secretsAreSealedAtOnceKeptOnRequestAndCheckedWithoutEchoingAValue() {
        var existing = new Secrets(Map.of("KEPT", "v1:sealed-before"), Map.of("TOKEN", "shop/token"));
        var body = new ProjectRequest("p", "P", List.of("run"), null, Map.of("LOCALE", "de"), null, Map.of(
                "NEW_ONE", new SecretRequest("hunter22", null, null),
                "KEPT", new SecretRequest(null, null, true),
                "TOKEN", new SecretRequest(null, null, true)));

        Project project = Requests.project("p", body, existing, SEALER);

        assertEquals("sealed(hunter22)", project.secrets().sealed().get("NEW_ONE"));
        assertEquals("v1:sealed-before", project.secrets().sealed().get("KEPT"));
        assertEquals("shop/token", project.secrets().references().get("TOKEN"));

        var bad = new ProjectRequest("p", "P", List.of("run"), null, Map.of("LOCALE", "de"), null, Map.of(
                "LOCALE", new SecretRequest("overlap-value", null, null),
                "SHORT", new SecretRequest("abc", null, null),
                "BOTH", new SecretRequest("pa55word", "shop/pw", null),
                "REF", new SecretRequest(null, "No Such Secret", null),
                "GONE", new SecretRequest(null, null, true)));
        var e = assertThrows(InvalidRequestException.class, () -> Requests.project("p", bad, Secrets.NONE, SEALER));
        assertEquals(Set.of("secrets.LOCALE", "secrets.SHORT.value", "secrets.BOTH", "secrets.REF.secretRef",
                "secrets.GONE"), e.violations().stream().map(Violation::field).collect(Collectors.toSet()));
        assertFalse(e.getMessage().contains("pa55word") || e.getMessage().contains("overlap-value"));
    }

    private static Project project(ProjectRequest body) {
        return Requests.project("p", body, Secrets.NONE, SEALER);
    }

    /** Seals visibly, so the test sees what was sealed; the real sealer is tested on its own. */
    private static final SecretSealer SEALER = new SecretSealer() {
        @Override
        public String seal(String plain) {
            return "sealed(" + plain + ")";
        }

        @Override
        public String open(String sealed) {
            return sealed.substring(7, sealed.length() - 1);
        }
    };
}
