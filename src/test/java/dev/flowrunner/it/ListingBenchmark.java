package dev.flowrunner.it;

import dev.flowrunner.bench.BenchTable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.ScenarioOutcome;
import dev.flowrunner.infrastructure.mongo.MongoTestConnections;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Listing runs and reading one scenario's history when the store holds 200,000 attempts: one real run of 100
 * scenarios is cloned in MongoDB into 2,000 runs (200,000 attempts, each scenario's history filled to its 30
 * outcomes), then the API is asked 200 times each for the first page of runs, a page deep in the listing (by cursor),
 * a scenario's history and a run's tree; p50, p95 and max are printed. The clones are deleted at the end.
 */
public final class ListingBenchmark {

    private static final int SCENARIOS = 100;
    private static final int REQUESTS = 200;
    private static final String CLONE = "-bench-";

    private ListingBenchmark() {
    }

    public static void main(String[] args) {
        int attempts = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String uri = System.getProperty("flowrunner.bench.mongo", "mongodb://127.0.0.1:27517");
        var client = new FlowrunnerClient();
        var runs = new BenchRuns(client);
        String project = client.createFixtureProject("bench-listing");
        String execution = runs.execution(project, "listed", 50, "history",
                List.of(Collections.nCopies(SCENARIOS, "sleep=0")));
        String template = client.startRun(execution);
        runs.awaitPassed(execution, template, Duration.ofMinutes(10));
        client.awaitFinalReport(template, Duration.ofMinutes(2));

        try (MongoClient mongo = MongoClients.create(uri)) {
            MongoDatabase db = mongo.getDatabase("flowrunner");
            List<String> clones = seed(db, template, attempts / SCENARIOS);
            fillHistories(uri, project, execution, clones);
            var random = new Random(7);
            List<String> keys = new ArrayList<>();
            for (int i = 1; i <= SCENARIOS; i++) {
                keys.add(String.format("s%05d", i));
            }
            measure("List a project's runs, first page of 20", attempts,
                    () -> "/api/projects/" + project + "/runs?size=20");
            measure("List a project's runs, a page deep in the listing (cursor)", attempts,
                    () -> "/api/projects/" + project + "/runs?size=20&after=" + clones.get(random.nextInt(clones.size())));
            measure("One scenario's history", attempts,
                    () -> "/api/projects/" + project + "/scenarios/" + keys.get(random.nextInt(keys.size())) + "/history");
            measure("One run's tree (100 scenarios)", attempts,
                    () -> "/api/runs/" + clones.get(random.nextInt(clones.size())));
            db.getCollection("runs").deleteMany(Filters.regex("_id", "^" + template + CLONE));
            db.getCollection("attempts").deleteMany(Filters.regex("runId", "^" + template + CLONE));
        }
    }

    /** Copies the template run and its attempts into older runs until there are {@code runs} in all. */
    private static List<String> seed(MongoDatabase db, String template, int runs) {
        MongoCollection<Document> runCollection = db.getCollection("runs");
        MongoCollection<Document> attemptCollection = db.getCollection("attempts");
        Document run = runCollection.find(Filters.eq("_id", template)).first();
        List<Document> attempts = attemptCollection.find(Filters.eq("runId", template)).into(new ArrayList<>());
        var clones = new ArrayList<String>();
        var runBatch = new ArrayList<Document>();
        var attemptBatch = new ArrayList<Document>();
        long start = System.nanoTime();
        for (int i = 1; i < runs; i++) {
            String id = template + CLONE + i;
            clones.add(id);
            long shift = i * 60_000L;
            Document copy = new Document(run).append("_id", id)
                    .append("createdAt", ((Number) run.get("createdAt")).longValue() - shift)
                    .append("endedAt", ((Number) run.get("endedAt")).longValue() - shift);
            runBatch.add(copy);
            for (Document attempt : attempts) {
                String key = attempt.getString("scenarioKey");
                attemptBatch.add(new Document(attempt).append("_id", id + "/" + key + "/" + attempt.get("number"))
                        .append("runId", id));
            }
            if (attemptBatch.size() >= 10_000 || i == runs - 1) {
                runCollection.insertMany(runBatch);
                attemptCollection.insertMany(attemptBatch);
                runBatch.clear();
                attemptBatch.clear();
                System.out.printf("seeded %,d runs, %,d attempts (%d s)%n", i + 1, (long) (i + 1) * attempts.size(),
                        (System.nanoTime() - start) / 1_000_000_000);
            }
        }
        return clones;
    }

    /** Gives every scenario its full history (30 outcomes), as 30 ended runs would have. */
    private static void fillHistories(String uri, String project, String execution, List<String> clones) {
        var history = MongoTestConnections.scenarioHistoryRepository(uri);
        try {
            Instant at = Instant.now().minusSeconds(3600);
            for (String clone : clones.subList(0, Math.min(29, clones.size()))) {
                var outcomes = new HashMap<String, ScenarioOutcome>();
                for (int s = 1; s <= SCENARIOS; s++) {
                    outcomes.put(String.format("s%05d", s), new ScenarioOutcome(clone, 0, execution,
                            AttemptStatus.PASSED, 1, 150, "bench", at));
                }
                history.record(project, outcomes, 30);
            }
        } finally {
            MongoTestConnections.close(history);
        }
    }

    private static void measure(String what, int attempts, Supplier<String> path) {
        var client = new FlowrunnerClient();
        var millis = new ArrayList<Long>();
        for (int i = 0; i < REQUESTS; i++) {
            String target = path.get();
            long start = System.nanoTime();
            var answer = client.get(target);
            millis.add((System.nanoTime() - start) / 1_000_000);
            if (answer.status() != 200) {
                throw new AssertionError(target + " answered " + answer.status() + ": " + answer.body());
            }
        }
        Collections.sort(millis);
        long p95 = BenchTable.percentile(millis, 0.95);
        System.out.printf("%s at %,d attempts: p50 %d ms, p95 %d ms, max %d ms%n", what, attempts,
                BenchTable.percentile(millis, 0.5), p95, millis.get(millis.size() - 1));
        BenchTable.row(BenchTable.format("%s, at %,d attempts (p95 of %d)", what, attempts, REQUESTS),
                BenchTable.format("p95 %d ms (p50 %d ms)", p95, BenchTable.percentile(millis, 0.5)), "≤ 200 ms",
                p95 <= 200);
    }
}
