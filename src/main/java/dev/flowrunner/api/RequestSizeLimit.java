package dev.flowrunner.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Refuses request bodies above 1 MiB before anything parses them: no plan or project needs more. */
@Provider
@PreMatching
public class RequestSizeLimit implements ContainerRequestFilter {

    static final int MAX_BYTES = 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (request.getLength() > MAX_BYTES) {
            abort(request);
            return;
        }
        if (request.hasEntity() && request.getLength() < 0) {
            // Chunked bodies carry no length: read up to one byte past the limit to know.
            try (InputStream in = request.getEntityStream()) {
                byte[] body = in.readNBytes(MAX_BYTES + 1);
                if (body.length > MAX_BYTES) {
                    abort(request);
                    return;
                }
                request.setEntityStream(new ByteArrayInputStream(body));
            }
        }
    }

    private static void abort(ContainerRequestContext request) {
        request.abortWith(Problem.response(413, "Content Too Large",
                "request bodies are limited to " + MAX_BYTES + " bytes", java.util.List.of()));
    }
}
