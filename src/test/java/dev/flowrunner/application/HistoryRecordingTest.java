package dev.flowrunner.application;

import dev.flowrunner.application.events.RunChange;
import dev.flowrunner.application.events.RunChanged;
import dev.flowrunner.application.events.RunsRecovered;
import dev.flowrunner.application.history.ScenarioHistoryService;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.ReportState;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** When a run's outcomes go into its scenarios' history: as it ends, and at start-up for those a crash left behind. */
class HistoryRecordingTest {

    private final InMemoryRunLogic logic = new InMemoryRunLogic();
    private final List<String> recorded = new ArrayList<>();
    private final HistoryRecording recording = new HistoryRecording();
    private final Run run = logic.runService.start("nightly", "user:vera");

    HistoryRecordingTest() {
        recording.runs = logic.runs;
        recording.attempts = logic.attempts;
        recording.history = new ScenarioHistoryService() {
            @Override
            public void recordRun(Run ended, List<Attempt> attempts) {
                recorded.add(ended.id() + " " + ended.status() + " with " + attempts.size() + " attempt(s)");
            }
        };
        Instant at = Instant.parse("2026-12-04T10:00:00Z");
        logic.attempts.upsert(Attempt.started(new AttemptKey(run.id(), "checkout", "g01-cart", "pay", 1), 0, at));
    }

    @Test
    void aRunsOutcomesAreRecordedWhenItEnds() {
        Run ended = end(run);

        recording.onRunEnded(new RunChanged(run.id(), 1, 9, RunChange.RunStatusChanged.of(ended)));

        assertEquals(List.of(run.id() + " FAILED with 1 attempt(s)"), recorded);
    }

    @Test
    void aRunThatGoesOnRecordsNothing() {
        recording.onRunEnded(new RunChanged(run.id(), 1, 1, RunChange.RunStatusChanged.of(run)));

        assertEquals(List.of(), recorded);
    }

    @Test
    void atStartUpARunThatEndedWithoutItsFinalReportIsRecordedAndOneWithItIsNot() {
        Run reported = logic.runService.start("nightly", "user:rui");
        end(reported);
        logic.runs.recordReport(reported.id(), 0, new ReportState(Instant.now(), true));
        end(run);

        recording.recordUnreportedRuns(new RunsRecovered());

        assertEquals(List.of(run.id() + " FAILED with 1 attempt(s)"), recorded);
    }

    private Run end(Run going) {
        logic.runs.transition(going.id(), List.of(going.status()), RunStatus.FAILED, Instant.now());
        return logic.runs.find(going.id()).orElseThrow();
    }
}
