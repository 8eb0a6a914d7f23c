package dev.flowrunner.infrastructure.mongo;

import dev.flowrunner.domain.RunCommand;
import dev.flowrunner.domain.RunCommand.Kind;
import dev.flowrunner.domain.RunCommand.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Commands over the MongoDB wire protocol (mongo-java-server): taken oldest first, each by one replica only. */
class MongoRunCommandsTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private EmbeddedMongo mongo;
    private MongoRunCommands commands;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        commands = new MongoRunCommands();
        commands.mongo = mongo.connection;
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aCommandIsTakenOnceOldestFirstWithWhatItCarriesAndItsOutcomeIsReadBack() {
        commands.submit(new RunCommand("c2", Kind.STOP, "r1", "user:rui", Map.of(), T0.plusSeconds(1)));
        commands.submit(new RunCommand("c1", Kind.START, "x1", "user:ada", Map.of("LOCALE", "fr"), T0));

        List<RunCommand> taken = commands.take("replica-0", 10);

        assertEquals(List.of("c1", "c2"), taken.stream().map(RunCommand::id).toList());
        assertEquals(new RunCommand("c1", Kind.START, "x1", "user:ada", Map.of("LOCALE", "fr"), T0), taken.get(0));
        assertEquals(List.of(), commands.take("replica-0", 10), "taken already");
        assertEquals(Optional.empty(), commands.outcome("c1"), "not done yet");
        commands.complete("c1", Outcome.done("r2"));
        commands.complete("c2", Outcome.refused(Outcome.Refusal.CONFLICT, "run r1 has already ended as PASSED"));
        assertEquals(Optional.of(Outcome.done("r2")), commands.outcome("c1"));
        assertEquals(Outcome.Refusal.CONFLICT, commands.outcome("c2").orElseThrow().refusal());
    }

    @Test
    void commandsAskedBeforeTheCutoffAreDeletedAnsweredOrNot() {
        commands.submit(new RunCommand("old-done", Kind.STOP, "r1", null, Map.of(), T0));
        commands.submit(new RunCommand("old-pending", Kind.STOP, "r2", null, Map.of(), T0.plusSeconds(1)));
        commands.submit(new RunCommand("new", Kind.STOP, "r3", null, Map.of(), T0.plusSeconds(60)));
        commands.take("replica-0", 1);
        commands.complete("old-done", Outcome.done("r1"));

        assertEquals(2, commands.deleteBefore(T0.plusSeconds(30)));

        assertEquals(Optional.empty(), commands.outcome("old-done"));
        assertEquals(List.of("new"), commands.take("replica-0", 10).stream().map(RunCommand::id).toList());
    }

    @Test
    void twoReplicasTakingAtOnceNeverGetTheSameCommand() {
        for (int i = 0; i < 40; i++) {
            commands.submit(new RunCommand("c" + i, Kind.STOP, "r" + i, null, Map.of(), T0.plusMillis(i)));
        }
        var all = Collections.synchronizedList(new ArrayList<String>());

        CompletableFuture.allOf(CompletableFuture.runAsync(() -> takeAll("a", all)),
                CompletableFuture.runAsync(() -> takeAll("b", all))).join();

        assertEquals(40, all.size());
        assertEquals(40, all.stream().distinct().count());
    }

    private void takeAll(String replica, List<String> into) {
        for (List<RunCommand> taken = commands.take(replica, 3); !taken.isEmpty(); taken = commands.take(replica, 3)) {
            taken.forEach(c -> into.add(c.id()));
        }
    }
}
