package dev.flowrunner.application;

import dev.flowrunner.configuration.RetentionSettings;
import dev.flowrunner.domain.AuditEntry;
import dev.flowrunner.domain.AuditLog;
import dev.flowrunner.domain.AuditQuery;
import dev.flowrunner.domain.RunCommand;
import dev.flowrunner.domain.ScheduleRepository;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The trails are trimmed by their own rules: the audit log by age, fires per schedule, commands after an hour. */
class TrailRetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private final List<Instant> auditCutoffs = new ArrayList<>();
    private final List<Integer> firesKept = new ArrayList<>();
    private final InMemoryRunCommands commands = new InMemoryRunCommands();

    @Test
    void eachTrailKeepsWhatItsRuleSays() {
        commands.submit(new RunCommand("asked-long-ago", RunCommand.Kind.STOP, "r1", null, Map.of(),
                NOW.minus(Duration.ofHours(2))));
        commands.submit(new RunCommand("asked-just-now", RunCommand.Kind.STOP, "r2", null, Map.of(),
                NOW.minusSeconds(40)));

        trails(new RetentionSettings(0, 0, Duration.ofMinutes(60), 30, 50)).trim();

        assertEquals(List.of(NOW.minus(Duration.ofDays(30))), auditCutoffs);
        assertEquals(List.of(50), firesKept);
        assertEquals(List.of("asked-just-now"), List.copyOf(commands.submitted.keySet()));
    }

    @Test
    void zeroKeepsATrailWhole() {
        trails(new RetentionSettings(0, 0, Duration.ofMinutes(60), 0, 0)).trim();

        assertEquals(List.of(), auditCutoffs);
        assertEquals(List.of(), firesKept);
    }

    private TrailRetention trails(RetentionSettings settings) {
        var trails = new TrailRetention();
        trails.settings = settings;
        trails.commands = commands;
        trails.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        trails.audit = new AuditLog() {
            @Override
            public void record(AuditEntry entry) {
            }

            @Override
            public List<AuditEntry> find(AuditQuery query) {
                return List.of();
            }

            @Override
            public int deleteBefore(Instant cutoff) {
                auditCutoffs.add(cutoff);
                return 0;
            }
        };
        trails.schedules = (ScheduleRepository) Proxy.newProxyInstance(ScheduleRepository.class.getClassLoader(),
                new Class<?>[] {ScheduleRepository.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("trimFires")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    firesKept.add((Integer) args[0]);
                    return 0;
                });
        return trails;
    }
}
