package dev.flowrunner.it;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static dev.flowrunner.it.FlowrunnerClient.IT_SERVER;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a signed-in browser may be tricked into: a page of another site (or a sandboxed stored report) sending
 * changes or opening a live channel with the browser's cached credentials is refused; pages carry a content
 * security policy; files a run stored are served sandboxed.
 */
class BrowserSafetyIT {

    private static final String EVIL = "http://evil.example";
    private final FlowrunnerClient admin = new FlowrunnerClient(IT_SERVER);

    @Test
    void changesFromAnotherSiteAreRefusedAndChangeNothing() {
        for (Map<String, String> foreign : java.util.List.of(Map.of("Origin", EVIL), Map.of("Origin", "null"),
                Map.of("Sec-Fetch-Site", "cross-site"), Map.of("Sec-Fetch-Site", "same-site", "Origin", IT_SERVER))) {
            String id = "csrf-" + Long.toString(System.nanoTime(), 36);
            var refused = admin.send("POST", "/api/projects", project(id), foreign);

            assertEquals(403, refused.status(), foreign + ": " + refused.body());
            assertTrue(refused.body().contains("cross-site"), refused.body());
            assertEquals(404, admin.get("/api/projects/" + id).status(), "nothing was created for " + foreign);
        }
        String id = "same-origin-" + Long.toString(System.nanoTime(), 36);
        var sameOrigin = admin.send("POST", "/api/projects", project(id),
                Map.of("Origin", IT_SERVER, "Sec-Fetch-Site", "same-origin"));
        assertEquals(201, sameOrigin.status(), sameOrigin.body());
        assertEquals(200, admin.send("GET", "/api/projects", null, Map.of("Origin", EVIL)).status(),
                "reads change nothing (and the browser keeps their answers from the other site)");
    }

    @Test
    void aLiveChannelOpenedFromAnotherSiteIsRefused() throws Exception {
        String project = admin.createFixtureProject("ws-origin");
        String run = admin.startRun(admin.createExecution(project, Plans.single("ws", flow("f", group("g", 1,
                scenario("quick", "passes"))))));

        assertThrows(CompletionException.class,
                () -> new LiveClient(IT_SERVER, "/ws/runs/" + run, FlowrunnerClient.ADMIN, EVIL));
        try (var live = new LiveClient(IT_SERVER, "/ws/runs/" + run, FlowrunnerClient.ADMIN, IT_SERVER)) {
            assertEquals("snapshot", live.next(Duration.ofSeconds(10)).getString("type"));
        }
    }

    @Test
    void pagesCarryAContentSecurityPolicyAndStoredFilesAreSandboxed() {
        var page = admin.get("/run.html");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Security-Policy").contains("default-src 'self'"), page.headers().toString());
        assertTrue(page.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertEquals("DENY", page.header("X-Frame-Options"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertEquals("nosniff", admin.get("/api/projects").header("X-Content-Type-Options"));

        String project = admin.createFixtureProject("sandbox");
        String run = admin.startRun(admin.createExecution(project, Plans.single("files", flow("f", group("g", 1,
                scenario("quick", "passes"))))));
        admin.awaitRunEnd(run, Duration.ofSeconds(60));
        String file = admin.get("/api/runs/" + run + "/files").array().getString(0);
        var stored = admin.file(run, file);
        assertTrue(stored.header("Content-Security-Policy").startsWith("sandbox"), stored.headers().toString());
    }

    private static String project(String id) {
        return Json.createObjectBuilder().add("id", id).add("name", "CSRF " + id)
                .add("command", Json.createArrayBuilder().add("true")).build().toString();
    }
}
