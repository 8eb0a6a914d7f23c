package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static dev.flowrunner.it.FlowrunnerClient.IT_SERVER;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batch runtime's own console and REST API, for admins over HTTPS: every flow's job is there under its
 * generated name; other roles are refused; plain HTTP is sent to HTTPS. The test server's certificate is the
 * self-signed one Liberty makes at first start, so this client trusts any certificate.
 */
class BatchConsoleIT {

    private static final String HTTPS = System.getProperty("flowrunner.https.url", "https://localhost:9543");
    private final FlowrunnerClient admin = new FlowrunnerClient(IT_SERVER);
    private final HttpClient https = HttpClient.newBuilder().sslContext(trustingAnyCertificate())
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void adminsSeeEachFlowsJobThroughTheBatchRestApiOverHttpsAndOthersAreRefused() throws Exception {
        String project = admin.createFixtureProject("console");
        String execution = admin.createExecution(project, Plans.single("console", flow("only", group("g", 1,
                scenario("quick", "passes")))));
        admin.awaitRunEnd(admin.startRun(execution), Duration.ofSeconds(60));
        String jobName = "flow-" + execution + "-only-v1";

        var listed = get(HTTPS + "/ibm/api/batch/jobinstances", FlowrunnerClient.ADMIN);
        assertEquals(200, listed.statusCode(), listed.body());
        List<JsonObject> instances = Json.createReader(new StringReader(listed.body())).readArray()
                .getValuesAs(JsonObject.class).stream().filter(i -> i.getString("jobName").equals(jobName)).toList();
        assertEquals(1, instances.size(), "the flow's job among the newest instances: " + listed.body());
        assertEquals("flowrunner-batch", instances.get(0).getString("submitter"));
        assertEquals("COMPLETED", instances.get(0).getString("batchStatus"));

        for (FlowrunnerClient.User refused : List.of(FlowrunnerClient.VIEWER, FlowrunnerClient.RUNNER)) {
            int status = get(HTTPS + "/ibm/api/batch/jobinstances", refused).statusCode();
            assertTrue(status == 401 || status == 403, refused.name() + " got " + status);
        }
        var plain = get(IT_SERVER + "/ibm/api/batch/jobinstances", FlowrunnerClient.ADMIN);
        assertTrue(plain.statusCode() / 100 == 3 && plain.headers().firstValue("Location").orElse("")
                .startsWith("https://"), "plain HTTP answered " + plain.statusCode() + " " + plain.headers());
    }

    @Test
    void aDeletedRunsJobsLeaveTheJobRepository() throws Exception {
        String project = admin.createFixtureProject("console-delete");
        String execution = admin.createExecution(project, Plans.single("console-delete", flow("only", group("g", 1,
                scenario("quick", "passes")))));
        String runId = admin.startRun(execution);
        admin.awaitRunEnd(runId, Duration.ofSeconds(60));
        admin.awaitFinalReport(runId, Duration.ofSeconds(30));
        String jobName = "flow-" + execution + "-only-v1";
        assertEquals(1, instancesNamed(jobName).size());

        assertEquals(204, admin.send("DELETE", "/api/runs/" + runId, null).status());

        assertEquals(List.of(), instancesNamed(jobName), "Derby's job repository keeps nothing of the deleted run");
    }

    private List<JsonObject> instancesNamed(String jobName) throws Exception {
        var listed = get(HTTPS + "/ibm/api/batch/jobinstances", FlowrunnerClient.ADMIN);
        assertEquals(200, listed.statusCode(), listed.body());
        return Json.createReader(new StringReader(listed.body())).readArray().getValuesAs(JsonObject.class).stream()
                .filter(i -> i.getString("jobName").equals(jobName)).toList();
    }

    @Test
    void theAdminCenterIsServedOverHttps() throws Exception {
        var center = get(HTTPS + "/adminCenter/", FlowrunnerClient.ADMIN);
        assertTrue(center.statusCode() == 200 || center.statusCode() / 100 == 3,
                "the Admin Center answered " + center.statusCode());
    }

    private HttpResponse<String> get(String url, FlowrunnerClient.User user) throws Exception {
        return https.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", user.authorization()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext trustingAnyCertificate() {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
