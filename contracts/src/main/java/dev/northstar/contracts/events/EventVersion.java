package dev.northstar.contracts.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The version of an event type after a breaking change: {@code @EventVersion(name = "InitiativeMoved", version = 2)}
 * on a record {@code InitiativeMovedV2} publishes it as {@code northstar.roadmap.InitiativeMoved.v2}. Records
 * without it are version 1 and named by their simple name.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventVersion {
    String name();

    int version();
}
