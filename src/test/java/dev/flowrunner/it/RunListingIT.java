package dev.flowrunner.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Run listings page by cursor: each full page links to the next (Link rel="next", after its last run). */
class RunListingIT {

    private final FlowrunnerClient client = new FlowrunnerClient();

    @Test
    void followingTheNextLinksWalksEveryRunNewestFirstOnce() {
        String project = client.createFixtureProject("listing");
        String execution = client.createExecution(project, Plans.single("listed",
                flow("main", group("one", 1, scenario("quick", "sleep=0")))));
        var started = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            started.add(client.startRun(execution));
            client.awaitRunEnd(started.get(i), Duration.ofSeconds(60));
        }
        List<String> newestFirst = new ArrayList<>(started);
        java.util.Collections.reverse(newestFirst);

        assertEquals(newestFirst, walk("/api/executions/" + execution + "/runs?size=2"));
        assertEquals(newestFirst, walk("/api/projects/" + project + "/runs?size=2"));
        assertEquals(newestFirst.subList(2, 4), ids(client.get("/api/projects/" + project + "/runs?size=2&page=1")),
                "paging by number still works");

        assertEquals(400, client.get("/api/projects/" + project + "/runs?after=" + started.get(0) + "&page=1").status());
        assertEquals(List.of(), ids(client.get("/api/projects/" + project + "/runs?after=no-such-run")));
    }

    /** Every run, following the next links from the first page. */
    private List<String> walk(String first) {
        var seen = new ArrayList<String>();
        String next = first;
        int pages = 0;
        while (next != null) {
            FlowrunnerClient.Answer page = client.get(next);
            assertEquals(200, page.status(), page.body());
            seen.addAll(ids(page));
            next = nextLink(page);
            pages++;
        }
        assertEquals(3, pages, "2 + 2 + 1; the last page is not full and has no next link");
        return seen;
    }

    private static String nextLink(FlowrunnerClient.Answer page) {
        String link = page.header("Link");
        if (link == null) {
            return null;
        }
        assertEquals("next", link.replaceAll(".*rel=\"?([a-z]+)\"?.*", "$1"), link);
        URI target = URI.create(link.substring(link.indexOf('<') + 1, link.indexOf('>')));
        assertFalse(target.getQuery().contains("page="), "the cursor replaces the page number: " + target);
        return target.getRawPath() + "?" + target.getRawQuery();
    }

    private static List<String> ids(FlowrunnerClient.Answer page) {
        return page.array().getValuesAs(JsonObject.class).stream().map(r -> r.getString("id")).toList();
    }
}
