package dev.flowrunner.application;

/**
 * This replica has come to lead: what only the leader does starts now (recovery of interrupted runs, schedules,
 * retention, the sweep of leftover workers). A server without other replicas leads from its start.
 */
public record LeadershipGained(String identity) {
}
