package dev.flowrunner.batch;

import dev.flowrunner.configuration.BatchIdentitySettings;
import jakarta.batch.operations.JobSecurityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * Runs calls to the batch runtime as Flowrunner's own batch identity. With application security on, Liberty's batch
 * runtime checks the caller's batch role on every {@code JobOperator} call, and Flowrunner calls it from threads
 * with no signed-in user (start-up recovery, the scheduler) or for users who hold no batch role (a runner stopping
 * someone else's run). The identity signs in through Liberty's {@code WSLogin} JAAS entry against the configured
 * registry and the call runs under it with {@code WSSubject.doAs}, reached by reflection because Liberty's API jar
 * is not published to Maven Central.
 */
@ApplicationScoped
public class BatchIdentity {

    private static final Logger LOG = Logger.getLogger(BatchIdentity.class.getName());
    /** Signed-in subjects carry credentials that expire (LTPA, 2 h by default): sign in again well before. */
    private static final Duration SUBJECT_LIFETIME = Duration.ofMinutes(30);

    @Inject
    BatchIdentitySettings settings;

    private Subject subject;
    private long signedInAt;

    public <T> T call(Supplier<T> action) {
        Subject identity = subject();
        try {
            return doAs(identity, action);
        } catch (JobSecurityException refused) {
            throw new IllegalStateException("the batch runtime refused Flowrunner's batch identity '" + settings.user()
                    + "': it must hold the batchAdmin role (server.xml, authorization-roles com.ibm.ws.batch)",
                    refused);
        }
    }

    public void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    private synchronized Subject subject() {
        if (subject == null || System.nanoTime() - signedInAt > SUBJECT_LIFETIME.toNanos()) {
            subject = signIn();
            signedInAt = System.nanoTime();
        }
        return subject;
    }

    private Subject signIn() {
        char[] secret = settings.password().map(String::toCharArray).orElseThrow(() ->
                new IllegalStateException("flowrunner.batch.password (FLOWRUNNER_BATCH_PASSWORD) is not set: "
                        + "Flowrunner needs its batch identity '" + settings.user() + "' to drive the batch runtime"));
        try {
            var login = new LoginContext("WSLogin", callbacks -> answer(callbacks, secret));
            login.login();
            LOG.fine(() -> "batch identity " + settings.user() + " signed in");
            return login.getSubject();
        } catch (LoginException e) {
            throw new IllegalStateException("Flowrunner's batch identity '" + settings.user() + "' cannot sign in (is it"
                    + " in the registry with the password given as flowrunner.batch.password?): " + e.getMessage(), e);
        }
    }

    private void answer(Callback[] callbacks, char[] secret) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                name.setName(settings.user());
            } else if (callback instanceof PasswordCallback pass) {
                pass.setPassword(secret);
            } else {
                // Liberty also offers optional callbacks (realm, token): leaving them empty is the documented use.
                LOG.finest(() -> "left unanswered: " + callback.getClass().getName());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T doAs(Subject identity, Supplier<T> action) {
        PrivilegedExceptionAction<T> privileged = action::get;
        try {
            return (T) wsSubjectDoAs().invoke(null, identity, privileged);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() instanceof PrivilegedActionException p ? p.getCause() : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Method wsSubjectDoAs() {
        try {
            return Class.forName("com.ibm.websphere.security.auth.WSSubject")
                    .getMethod("doAs", Subject.class, PrivilegedExceptionAction.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("not on Open Liberty with appSecurity: WSSubject is missing", e);
        }
    }
}
