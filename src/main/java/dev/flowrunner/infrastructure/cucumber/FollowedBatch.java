package dev.flowrunner.infrastructure.cucumber;

import dev.flowrunner.domain.BatchProgress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A batch followed through the lines of its runner's messages, wherever they are read from (the worker's folder, the
 * chunks a pod's collector stores): each scenario whose test cases have all finished is judged from its own stream.
 */
public abstract class FollowedBatch implements BatchProgress {

    /** How many of the runner's last stderr lines explain a runner that ran nothing. */
    protected static final int ERROR_LINES = 20;

    private final Map<String, Member> members;
    private final BatchMessages messages;
    private final List<TestCaseEnd> ended = new ArrayList<>();

    protected FollowedBatch(List<Member> members) {
        this.members = members.stream().collect(Collectors.toMap(m -> m.attempt().scenarioKey(), m -> m));
        this.messages = new BatchMessages(members.stream().map(m -> new BatchMessages.Scenario(
                m.attempt().scenarioKey(), m.scenario().feature(), m.scenario().line(), m.scenario().name())).toList(),
                this::judge);
    }

    /** Takes the next line the runner wrote. */
    protected final void accept(String line) {
        messages.accept(line);
    }

    /**
     * What a finished scenario's own stream is judged from, once whatever must happen to it has (masked and stored
     * by a local worker's follower; a pod's collector has done both already); null when that could not happen: the
     * scenario is then left as if its test case had not finished, to run again.
     */
    protected abstract List<String> settle(Member member, List<String> lines);

    /** The scenarios that finished since the last hand-over. */
    protected final List<TestCaseEnd> handOver() {
        var handed = List.copyOf(ended);
        ended.clear();
        return handed;
    }

    @Override
    public final Map<String, Instant> running() {
        return messages.running();
    }

    @Override
    public final Set<String> started() {
        var started = new HashSet<>(messages.finished());
        started.addAll(messages.unfinished());
        return started;
    }

    @Override
    public final Optional<Instant> firstTestCaseStarted() {
        return messages.firstTestCaseStarted();
    }

    /** The last {@value #ERROR_LINES} of these lines. */
    protected static String lastLines(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - ERROR_LINES), lines.size()));
    }

    private void judge(BatchMessages.ScenarioStream stream) {
        Member member = members.get(stream.scenarioKey());
        List<String> settled = settle(member, stream.lines());
        if (settled == null) {
            return;
        }
        ended.add(new TestCaseEnd(member.attempt(), CucumberMessagesReader.read(settled), stream.startedAt(),
                stream.endedAt()));
    }
}
