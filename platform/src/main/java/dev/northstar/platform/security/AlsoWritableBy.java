package dev.northstar.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A write that roles beyond the service's writer roles may call too, such as a team member moving backlog work; the
 * domain still decides what each role may do there (a team member cannot accept work).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AlsoWritableBy {
    String[] value();
}
