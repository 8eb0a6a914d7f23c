package dev.flowrunner.application;

import dev.flowrunner.application.errors.ConflictException;
import dev.flowrunner.application.errors.NotFoundException;
import dev.flowrunner.application.errors.NotLeaderException;
import dev.flowrunner.application.errors.NotReadyException;
import dev.flowrunner.configuration.LeaderElectionSettings;
import dev.flowrunner.domain.Leadership;
import dev.flowrunner.domain.RunCommand;
import dev.flowrunner.domain.RunCommand.Outcome;
import dev.flowrunner.domain.RunCommand.Outcome.Refusal;
import dev.flowrunner.domain.RunCommands;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts, stops and re-runs asked of a standby, carried out by the leader: the standby records the command in the
 * shared store and waits for its outcome; the leader takes pending commands a few times a second, does them as if
 * asked itself, and records how each went. The caller gets the answer the leader would have given.
 */
@ApplicationScoped
public class LeaderCommands {

    private static final Logger LOG = Logger.getLogger(LeaderCommands.class.getName());
    /** Longer than a failover takes: a command asked while the leader changes is carried out by the next one. */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(30);
    private static final Duration LOOK_EVERY = Duration.ofMillis(100);
    private static final Duration TAKE_EVERY = Duration.ofMillis(200);
    private static final int TAKEN_AT_ONCE = 20;

    @Inject
    RunCommands commands;
    @Inject
    Leadership leadership;
    @Inject
    RunService runService;
    @Inject
    LeaderElectionSettings election;
    @Resource
    ManagedScheduledExecutorService scheduler;
    Duration answerWait = ANSWER_WAIT;

    /**
     * Has the leader carry the command out and answers as it would have.
     *
     * @return the run started, stopped or re-run
     */
    public String ask(RunCommand.Kind kind, String target, String trigger, Map<String, String> testData) {
        var command = new RunCommand(UUID.randomUUID().toString(), kind, target, trigger, testData, Instant.now());
        commands.submit(command);
        LOG.info(() -> leadership.identity() + " (standby) asked the leader to " + kind + " " + target);
        Instant giveUp = Instant.now().plus(answerWait);
        while (Instant.now().isBefore(giveUp)) {
            var outcome = commands.outcome(command.id());
            if (outcome.isPresent()) {
                return answer(outcome.get());
            }
            try {
                Thread.sleep(LOOK_EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new NotLeaderException(leadership.identity(), leadership.leader(), "it did not carry the command out"
                + " within " + answerWait.toSeconds() + " s; it may still do so");
    }

    private static String answer(Outcome outcome) {
        if (outcome.refusal() == null) {
            return outcome.runId();
        }
        throw switch (outcome.refusal()) {
            case NOT_FOUND -> new NotFoundException(outcome.message());
            case CONFLICT -> new ConflictException(outcome.message());
            case NOT_READY -> new NotReadyException(outcome.message());
            case FAILED -> new IllegalStateException("the leader could not carry it out: " + outcome.message());
        };
    }

    /** From the moment this replica leads, when there may be standbys to take commands from. */
    void takeWhenLeading(@Observes LeadershipGained gained) {
        if (election.onKubernetes()) {
            scheduler.scheduleWithFixedDelay(this::carryOutPending, 0, TAKE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void carryOutPending() {
        try {
            if (leadership.leads()) {
                commands.take(leadership.identity(), TAKEN_AT_ONCE)
                        .forEach(command -> commands.complete(command.id(), carryOut(command)));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "commands asked of standbys could not be read; tried again shortly", e);
        }
    }

    Outcome carryOut(RunCommand command) {
        try {
            return Outcome.done(switch (command.kind()) {
                case START -> runService.start(command.target(), command.trigger(), command.testData()).id();
                case STOP -> runService.stop(command.target()).id();
                case RERUN_FAILED -> runService.rerunFailed(command.target()).id();
            });
        } catch (NotFoundException e) {
            return Outcome.refused(Refusal.NOT_FOUND, e.getMessage());
        } catch (ConflictException e) {
            return Outcome.refused(Refusal.CONFLICT, e.getMessage());
        } catch (NotReadyException | NotLeaderException e) {
            return Outcome.refused(Refusal.NOT_READY, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a command asked of a standby failed: " + command, e);
            return Outcome.refused(Refusal.FAILED, e.getMessage());
        }
    }
}
