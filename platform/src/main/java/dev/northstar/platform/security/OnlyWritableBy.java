package dev.northstar.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A write that only these roles may call, instead of the service's writer roles: what cannot be undone and is not a
 * team's everyday work, such as erasing a customer's data.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnlyWritableBy {
    String[] value();
}
