package dev.flowrunner.infrastructure.cucumber;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MessagesTailTest {

    @TempDir
    Path dir;

    private final List<String> lines = new ArrayList<>();

    @Test
    void eachPollHandsOverTheLinesCompletedSinceTheLastOne() throws IOException {
        Path file = dir.resolve("messages.ndjson");
        var tail = new MessagesTail(file, lines::add);
        tail.poll();
        assertEquals(List.of(), lines, "no file yet: the runner has not started writing");

        byte[] crème = "{\"n\":\"crème\"}\n".getBytes(StandardCharsets.UTF_8);
        int inTheE = new String(crème, StandardCharsets.UTF_8).indexOf('è') + 1; // between the two bytes of è
        append(file, "{\"n\":1}\n{\"n\":2}\n".getBytes(StandardCharsets.UTF_8));
        append(file, Arrays.copyOf(crème, inTheE));
        tail.poll();
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), lines, "the half-written line waits");

        append(file, Arrays.copyOfRange(crème, inTheE, crème.length));
        append(file, "{\"n\":".getBytes(StandardCharsets.UTF_8));
        tail.poll();
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":\"crème\"}"), lines);

        tail.finish();
        assertEquals("{\"n\":", lines.get(3), "a line a killed runner left without its newline comes last");
    }

    @Test
    void linesLongerThanOneReadArriveWhole() throws IOException {
        Path file = dir.resolve("messages.ndjson");
        String big = "{\"source\":\"" + "x".repeat(200_000) + "\"}";
        append(file, (big + "\n{\"n\":1}\n").getBytes(StandardCharsets.UTF_8));

        new MessagesTail(file, lines::add).poll();

        assertEquals(List.of(big, "{\"n\":1}"), lines);
    }

    private static void append(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
