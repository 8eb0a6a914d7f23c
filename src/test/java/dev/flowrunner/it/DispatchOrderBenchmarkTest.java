package dev.flowrunner.it;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The no-overhead makespan the dispatch benchmark compares its measured ones with. */
class DispatchOrderBenchmarkTest {

    @Test
    void eachScenarioGoesToTheSlotThatFreesUpFirst() {
        assertEquals(5.0, DispatchOrderBenchmark.listSchedule(List.of(1.0, 1.0, 4.0), 2),
                "the long one starts only when a short one has ended");
        assertEquals(4.0, DispatchOrderBenchmark.listSchedule(List.of(4.0, 1.0, 1.0), 2),
                "longest first: the short ones share the other slot");
        assertEquals(3.0, DispatchOrderBenchmark.listSchedule(List.of(1.0, 3.0, 2.0), 3), "one slot each");
    }
}
