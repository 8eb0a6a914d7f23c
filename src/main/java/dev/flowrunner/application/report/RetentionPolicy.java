package dev.flowrunner.application.report;

import java.time.Duration;
import java.util.Optional;

/**
 * Which ended runs to keep: those younger than {@code maxAge} and, per execution, the newest {@code keepRuns}.
 * Either limit may be off. Runs still in progress are always kept.
 */
public record RetentionPolicy(Optional<Duration> maxAge, Optional<Integer> keepRuns) {

    public RetentionPolicy {
        maxAge.filter(age -> age.isNegative() || age.isZero()).ifPresent(age -> {
            throw new IllegalArgumentException("the maximum age must be positive, not " + age);
        });
        keepRuns.filter(keep -> keep < 1).ifPresent(keep -> {
            throw new IllegalArgumentException("at least 1 run per execution must be kept, not " + keep);
        });
    }

    /** From configuration, where 0 switches a limit off. */
    public static RetentionPolicy of(long maxAgeDays, int keepRuns) {
        return new RetentionPolicy(maxAgeDays > 0 ? Optional.of(Duration.ofDays(maxAgeDays)) : Optional.empty(),
                keepRuns > 0 ? Optional.of(keepRuns) : Optional.empty());
    }

    public boolean isOff() {
        return maxAge.isEmpty() && keepRuns.isEmpty();
    }
}
