package dev.flowrunner.application.history;

import dev.flowrunner.domain.HistoryFlag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KnownFlagsTest {

    private static final HistoryFlag FLAKY = new HistoryFlag(10, 0.4, true);
    private static final HistoryFlag STEADY = new HistoryFlag(10, 0.0, false);

    private final KnownFlags known = new KnownFlags();
    private final List<List<String>> reads = new ArrayList<>();

    private Map<String, HistoryFlag> flags(List<String> keys, Map<String, HistoryFlag> stored) {
        return known.get("shop", keys, unknown -> {
            reads.add(unknown);
            return stored;
        });
    }

    @Test
    void eachScenarioIsReadOnceWithOrWithoutHistory() {
        assertEquals(Map.of("a", FLAKY), flags(List.of("a", "b"), Map.of("a", FLAKY)));
        assertEquals(Map.of("a", FLAKY), flags(List.of("a", "b"), Map.of()));
        assertEquals(Map.of("c", STEADY), flags(List.of("b", "c"), Map.of("c", STEADY)));

        assertEquals(List.of(List.of("a", "b"), List.of("c")), reads, "b, without history, is not looked for again");
    }

    @Test
    void recordedOutcomesAreReadAfresh() {
        flags(List.of("a"), Map.of("a", STEADY));
        known.forget("shop");

        assertEquals(Map.of("a", FLAKY), flags(List.of("a"), Map.of("a", FLAKY)));
        assertEquals(2, reads.size());
    }

    @Test
    void pastTheBoundTheProjectReadLongestAgoIsForgotten() {
        List<String> many = IntStream.range(0, KnownFlags.MAX_FLAGS * 2 / 3)
                .mapToObj(i -> "s" + i).toList();
        List<String> read = new ArrayList<>();
        Function<List<String>, Map<String, HistoryFlag>> reader = unknown -> {
            read.add(unknown.get(0));
            return Map.of();
        };
        known.get("shop", many, reader);
        known.get("blog", many, reader);
        known.get("blog", many, reader);
        known.get("shop", many, reader);

        assertEquals(List.of("s0", "s0", "s0"), read, "blog kept, shop read again");
    }

    @Test
    void aReadUnderWayWhenOutcomesAreRecordedDoesNotKeepWhatItRead() {
        known.get("shop", List.of("a"), unknown -> {
            known.forget("shop");
            return Map.of("a", STEADY);
        });

        assertEquals(Map.of("a", FLAKY), flags(List.of("a"), Map.of("a", FLAKY)));
    }
}
