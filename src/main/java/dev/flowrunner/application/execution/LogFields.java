package dev.flowrunner.application.execution;

import dev.flowrunner.domain.AttemptKey;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Names the run, flow, group, scenario and attempt the current thread works for in every log record it writes, as
 * fields: Liberty's JSON logs (the console in Kubernetes, messages.log when so configured) carry them as
 * {@code ext_run}, {@code ext_flow}, {@code ext_group}, {@code ext_scenario} and {@code ext_attempt}, so a log store
 * can filter one scenario's story out of many parallel ones. Liberty's {@code LogRecordContext} is reached by
 * reflection (its API jar is not on Maven Central); elsewhere (unit tests) this does nothing.
 */
public final class LogFields implements AutoCloseable {

    static final String RUN = "run";
    static final String FLOW = "flow";
    static final String GROUP = "group";
    static final String SCENARIO = "scenario";
    static final String ATTEMPT = "attempt";
    private static final List<String> ALL = List.of(RUN, FLOW, GROUP, SCENARIO, ATTEMPT);
    private static final Method ADD = method("addExtension", String.class, String.class);
    private static final Method REMOVE = method("removeExtension", String.class);
    /** The fields this thread has set, to be put back after an ended attempt's are logged ({@link #endedAttempt}). */
    private static final ThreadLocal<Map<String, String>> CURRENT = ThreadLocal.withInitial(HashMap::new);

    /** What {@link #close()} puts back; none for a scenario's fields, which are the thread's outermost. */
    private final Map<String, String> before;

    private LogFields(Map<String, String> before) {
        this.before = before;
    }

    /** Sets the scenario's fields on this thread until {@link #close()}. */
    public static LogFields scenario(String runId, String flowKey, String groupKey, String scenarioKey) {
        put(RUN, runId);
        put(FLOW, flowKey);
        put(GROUP, groupKey);
        put(SCENARIO, scenarioKey);
        return new LogFields(Map.of());
    }

    /**
     * Sets an ended attempt's fields until {@link #close()}, which puts back the thread's own: its outcome may be
     * recorded (and logged) once its slot works for the next scenario ({@link PendingOutcome}).
     */
    public static LogFields endedAttempt(AttemptKey key) {
        Map<String, String> before = Map.copyOf(CURRENT.get());
        put(RUN, key.runId());
        put(FLOW, key.flowKey());
        put(GROUP, key.groupKey());
        put(SCENARIO, key.scenarioKey());
        attempt(key.number());
        return new LogFields(before);
    }

    /** The attempt this thread now runs, within a scenario's fields. */
    public static void attempt(int number) {
        put(ATTEMPT, Integer.toString(number));
    }

    /** Clears every field (the thread goes back to its pool), or puts back those it had. */
    @Override
    public void close() {
        ALL.forEach(LogFields::remove);
        before.forEach(LogFields::put);
    }

    private static void put(String key, String value) {
        CURRENT.get().put(key, value);
        invoke(ADD, key, value);
    }

    private static void remove(String key) {
        CURRENT.get().remove(key);
        invoke(REMOVE, key);
    }

    private static void invoke(Method method, Object... arguments) {
        if (method == null) {
            return;
        }
        try {
            method.invoke(null, arguments);
        } catch (ReflectiveOperationException e) {
            Logger.getLogger(LogFields.class.getName()).log(Level.FINE, "log fields unavailable", e);
        }
    }

    private static Method method(String name, Class<?>... parameters) {
        try {
            return Class.forName("com.ibm.websphere.logging.hpel.LogRecordContext").getMethod(name, parameters);
        } catch (ReflectiveOperationException | LinkageError notOnLiberty) {
            return null;
        }
    }
}
