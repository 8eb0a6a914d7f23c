package dev.flowrunner.api;

import dev.flowrunner.domain.RunView;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

final class Paging {

    static final int MAX_SIZE = 200;
    private static final int MAX_ID = 200;

    private Paging() {
    }

    static int page(int page) {
        if (page < 0) {
            throw new InvalidRequestException(List.of(new Violation("page", "must be 0 or more")));
        }
        return page;
    }

    static int size(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidRequestException(List.of(new Violation("size", "must be between 1 and " + MAX_SIZE)));
        }
        return size;
    }

    /** The cursor run of a listing: the last run of the previous page. */
    static String after(String after, int page) {
        if (after == null) {
            return null;
        }
        if (page != 0) {
            throw new InvalidRequestException(List.of(new Violation("after", "page by after or by page, not both")));
        }
        if (after.isBlank() || after.length() > MAX_ID) {
            throw new InvalidRequestException(List.of(new Violation("after", "must be a run id")));
        }
        return after;
    }

    /** A full page links to the next one, after its last run (RFC 8288 {@code Link}). */
    static Response answer(List<RunView.Summary> runs, int size, UriInfo uri) {
        Response.ResponseBuilder ok = Response.ok(runs);
        if (runs.size() == size) {
            ok.link(uri.getRequestUriBuilder().replaceQueryParam("page").replaceQueryParam("after",
                    runs.get(runs.size() - 1).id()).build(), "next");
        }
        return ok.build();
    }
}
