package dev.flowrunner.api;

/**
 * The application's roles (web.xml), bound to the registry's groups in server.xml. They are cumulative by that
 * binding: the runners' and admins' groups also hold viewer, the admins' group also holds runner.
 */
public final class Roles {

    /** Reads everything: projects, executions, runs, reports, schedules, workers. */
    public static final String VIEWER = "viewer";
    /** Starts, stops and re-runs runs, rebuilds reports. */
    public static final String RUNNER = "runner";
    /** Edits projects (and their secrets), executions and schedules; deletes runs; operator actions. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
