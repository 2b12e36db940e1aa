package dev.northstar.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Reads ({@code @GET}) of a resource class or method that only these roles may call, instead of every reader of the
 * product: what holds secrets or an integration's endpoints, such as webhook subscriptions and their delivery log.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OnlyReadableBy {
    String[] value();
}
