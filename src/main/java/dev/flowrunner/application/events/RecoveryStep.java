package dev.flowrunner.application.events;

/** One repair recovery made to a flow a crash interrupted (a CDI event: counted by the metrics). */
public record RecoveryStep(String runId, String flowKey, Kind kind) {

    public enum Kind {
        /** Its interrupted batch job was restarted where it stopped. */
        JOB_RESTARTED,
        /** Its job had never started: started now. */
        JOB_STARTED,
        /** Its job had ended without the end being recorded: recorded now. */
        OUTCOME_RECORDED,
        /** The run was being stopped: its leftover workers were cancelled and the flow ended STOPPED. */
        STOP_FINISHED
    }
}
