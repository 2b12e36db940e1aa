package dev.northstar.backlog.api;

import dev.northstar.backlog.domain.WsjfScale;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A WSJF input: null, or one of 1, 2, 3, 5, 8, 13, 20. */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = OnWsjfScale.Validator.class)
public @interface OnWsjfScale {
    String message() default "must be one of 1, 2, 3, 5, 8, 13, 20";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<OnWsjfScale, Integer> {
        @Override
        public boolean isValid(Integer value, ConstraintValidatorContext context) {
            return value == null || WsjfScale.contains(value);
        }
    }
}
