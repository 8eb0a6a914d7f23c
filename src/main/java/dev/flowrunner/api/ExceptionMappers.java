package dev.flowrunner.api;

import dev.flowrunner.application.errors.ConflictException;
import dev.flowrunner.application.errors.NotFoundException;
import dev.flowrunner.application.errors.NotLeaderException;
import dev.flowrunner.application.errors.NotReadyException;
import dev.flowrunner.domain.DuplicateKeyException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every failure leaves as a problem document; client mistakes are 4xx with a message a person can act on. */
public final class ExceptionMappers {

    private ExceptionMappers() {
    }

    @Provider
    public static class InvalidRequest implements ExceptionMapper<InvalidRequestException> {
        @Override
        public Response toResponse(InvalidRequestException e) {
            return Problem.response(400, "Invalid request", e.getMessage(), e.violations());
        }
    }

    @Provider
    public static class NotFound implements ExceptionMapper<NotFoundException> {
        @Override
        public Response toResponse(NotFoundException e) {
            return Problem.response(Response.Status.NOT_FOUND, e.getMessage());
        }
    }

    @Provider
    public static class Conflict implements ExceptionMapper<ConflictException> {
        @Override
        public Response toResponse(ConflictException e) {
            return Problem.response(Response.Status.CONFLICT, e.getMessage());
        }
    }

    @Provider
    public static class Duplicate implements ExceptionMapper<DuplicateKeyException> {
        @Override
        public Response toResponse(DuplicateKeyException e) {
            return Problem.response(Response.Status.CONFLICT, e.getMessage());
        }
    }

    @Provider
    public static class NotReady implements ExceptionMapper<NotReadyException> {
        @Override
        public Response toResponse(NotReadyException e) {
            return unavailable(e.getMessage(), 5);
        }
    }

    /** No leader carried out what a standby was asked: 503, so that the client tries again shortly. */
    @Provider
    public static class NotLeader implements ExceptionMapper<NotLeaderException> {
        @Override
        public Response toResponse(NotLeaderException e) {
            return unavailable(e.getMessage(), 2);
        }
    }

    private static Response unavailable(String message, int retryAfterSeconds) {
        Response problem = Problem.response(Response.Status.SERVICE_UNAVAILABLE, message);
        return Response.fromResponse(problem).header("Retry-After", String.valueOf(retryAfterSeconds)).build();
    }

    @Provider
    public static class MalformedJson implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return malformed(e);
        }
    }

    @Provider
    public static class Unreadable implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return malformed(e);
        }
    }

    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 400 && e.getCause() != null) {
                return malformed(e.getCause());
            }
            return Problem.response(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(),
                    List.of());
        }
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        private static final Logger LOG = Logger.getLogger(Unexpected.class.getName());

        @Override
        public Response toResponse(RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected failure", e);
            return Problem.response(Response.Status.INTERNAL_SERVER_ERROR,
                    "unexpected failure; the server log has the details");
        }
    }

    private static Response malformed(Throwable e) {
        return Problem.response(400, "Malformed JSON", "the request body is not valid JSON of the expected shape: "
                + rootMessage(e), List.of());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
