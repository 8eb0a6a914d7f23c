package dev.flowrunner.infrastructure.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import dev.flowrunner.domain.DuplicateKeyException;

/** Turns MongoDB's E11000 (wherever JNoSQL wrapped it) into the domain's duplicate-key failure. */
final class DuplicateKeys {

    private DuplicateKeys() {
    }

    static RuntimeException translate(RuntimeException e, String what) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return new DuplicateKeyException(what + " exists already", e);
            }
        }
        return e;
    }
}
