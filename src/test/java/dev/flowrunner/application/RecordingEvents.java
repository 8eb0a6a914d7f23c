package dev.flowrunner.application;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** Where the run logic's announcements go in its unit tests: kept in order, for the tests to read. */
final class RecordingEvents implements Event<RunChanged> {

    final List<RunChanged> fired = new CopyOnWriteArrayList<>();

    /** A RunEvents whose announcements land here. */
    RunEvents runEvents() {
        var events = new RunEvents();
        events.changes = this;
        return events;
    }

    List<RunChange> changes() {
        return fired.stream().map(RunChanged::change).toList();
    }

    @Override
    public void fire(RunChanged event) {
        fired.add(event);
    }

    @Override
    public <U extends RunChanged> CompletionStage<U> fireAsync(U event) {
        fired.add(event);
        return CompletableFuture.completedFuture(event);
    }

    @Override
    public <U extends RunChanged> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
        return fireAsync(event);
    }

    @Override
    public Event<RunChanged> select(Annotation... qualifiers) {
        throw new UnsupportedOperationException("the run logic fires unqualified events");
    }

    @Override
    public <U extends RunChanged> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException("the run logic fires unqualified events");
    }

    @Override
    public <U extends RunChanged> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException("the run logic fires unqualified events");
    }
}
