package dev.flowrunner.domain;

/**
 * Which runs to list, newest first: a project's or an execution's, continuing after the run {@code after} (the last
 * one of the previous page) when given, else skipping {@code skip}. Paging by the cursor costs the same on page
 * 1,000 as on page 1; skipping costs more with every page (kept for clients that page by number).
 */
public record RunListing(String projectId, String executionId, String after, int skip, int limit) {

    public static RunListing ofProject(String projectId, String after, int skip, int limit) {
        return new RunListing(projectId, null, after, skip, limit);
    }

    public static RunListing ofExecution(String executionId, String after, int skip, int limit) {
        return new RunListing(null, executionId, after, skip, limit);
    }
}
