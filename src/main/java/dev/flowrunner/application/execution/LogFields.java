package dev.flowrunner.application.execution;

import java.lang.reflect.Method;
import java.util.List;
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

    private LogFields() {
    }

    /** Sets the scenario's fields on this thread until {@link #close()}. */
    public static LogFields scenario(String runId, String flowKey, String groupKey, String scenarioKey) {
        put(RUN, runId);
        put(FLOW, flowKey);
        put(GROUP, groupKey);
        put(SCENARIO, scenarioKey);
        return new LogFields();
    }

    /** The attempt this thread now runs, within a scenario's fields. */
    public static void attempt(int number) {
        put(ATTEMPT, Integer.toString(number));
    }

    /** Clears every field: the thread goes back to its pool. */
    @Override
    public void close() {
        ALL.forEach(LogFields::remove);
    }

    private static void put(String key, String value) {
        invoke(ADD, key, value);
    }

    private static void remove(String key) {
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
