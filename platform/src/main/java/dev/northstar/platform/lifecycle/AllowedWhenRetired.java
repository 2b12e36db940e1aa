package dev.northstar.platform.lifecycle;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A write that must still work on a retired product, because it takes data or access away rather than changing the
 * product: erasing a customer, revoking a share link, changing or deleting a webhook. {@link RetiredProductGuard}
 * lets it through.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AllowedWhenRetired {
}
