package dev.flowrunner.api;

import java.util.List;

final class Paging {

    static final int MAX_SIZE = 200;

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
}
