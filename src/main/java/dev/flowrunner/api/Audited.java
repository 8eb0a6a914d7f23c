package dev.flowrunner.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An endpoint that changes something: each call that succeeds or is refused for want of a role is audited. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {

    /** What was done, as {@code <thing>.<verb>}: {@code run.start}, {@code project.update}. */
    String value();
}
