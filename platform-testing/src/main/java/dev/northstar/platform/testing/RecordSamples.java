package dev.northstar.platform.testing;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Sample instances of records, built by reflection, with every component non-null: UUIDs, strings, numbers,
 * BigDecimals, times and dates, enums, nested records, and collections and maps of one element. Numbers are small
 * positives (1, 0.5) so that they fit the ranges contracts usually state.
 *
 * <p>{@link #of} returns one sample per "variant": variant {@code i} uses constant {@code i % n} of every enum it
 * meets, so the samples together use every constant of every enum reachable from the record.
 */
public final class RecordSamples {
    public static final Instant INSTANT = Instant.parse("2026-03-01T12:00:00Z");
    public static final LocalDate DATE = LocalDate.parse("2026-03-01");
    public static final String STRING = "sample";

    /** The first sample of {@code type}. */
    public static <T> T one(Class<T> type) {
        return type.cast(valueOf(type, 0));
    }

    /** As many samples of {@code type} as the largest enum it reaches has constants (at least one). */
    public static <T> List<T> of(Class<T> type) {
        return IntStream.range(0, variants(type, new HashSet<>())).mapToObj(i -> type.cast(valueOf(type, i))).toList();
    }

    /** The records a sealed interface permits, through sealed sub-interfaces too, in declaration order. */
    public static <E> List<Class<? extends E>> recordsOf(Class<E> sealedInterface) {
        if (!sealedInterface.isSealed()) {
            throw new IllegalArgumentException(sealedInterface + " is not sealed");
        }
        List<Class<? extends E>> records = new ArrayList<>();
        for (Class<?> permitted : sealedInterface.getPermittedSubclasses()) {
            if (permitted.isRecord()) {
                records.add(permitted.asSubclass(sealedInterface));
            } else if (permitted.isInterface() && permitted.isSealed()) {
                for (Class<?> nested : recordsOf(permitted)) {
                    records.add(nested.asSubclass(sealedInterface));
                }
            } else {
                throw new IllegalArgumentException(permitted + " of " + sealedInterface + " is neither a record nor sealed");
            }
        }
        return records;
    }

    /** The canonical constructor of a record. */
    public static <T> Constructor<T> canonicalConstructor(Class<T> recordType) {
        Class<?>[] types = Arrays.stream(recordType.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<T> constructor = recordType.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(recordType + " has no canonical constructor", e);
        }
    }

    /** The values of a record's components, in order. */
    public static Object[] componentValues(Record record) {
        return Arrays.stream(record.getClass().getRecordComponents()).map(component -> {
            try {
                component.getAccessor().setAccessible(true);
                return component.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }).toArray();
    }

    static Object valueOf(Type type, int variant) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Set.class.isAssignableFrom(raw)) {
                return Set.of(valueOf(arguments[0], variant));
            }
            if (Collection.class.isAssignableFrom(raw)) {
                return List.of(valueOf(arguments[0], variant));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of(valueOf(arguments[0], variant), valueOf(arguments[1], variant));
            }
            if (raw == Optional.class) {
                return Optional.of(valueOf(arguments[0], variant));
            }
            throw cannotSample(type);
        }
        if (!(type instanceof Class<?> c)) {
            throw cannotSample(type);
        }
        if (c == String.class || c == Object.class || c == CharSequence.class) {
            return STRING;
        }
        if (c == UUID.class) {
            return UUID.nameUUIDFromBytes((STRING + variant).getBytes(StandardCharsets.UTF_8));
        }
        if (c == int.class || c == Integer.class) {
            return 1;
        }
        if (c == long.class || c == Long.class) {
            return 1L;
        }
        if (c == short.class || c == Short.class) {
            return (short) 1;
        }
        if (c == byte.class || c == Byte.class) {
            return (byte) 1;
        }
        if (c == double.class || c == Double.class) {
            return 0.5;
        }
        if (c == float.class || c == Float.class) {
            return 0.5f;
        }
        if (c == boolean.class || c == Boolean.class) {
            return true;
        }
        if (c == BigDecimal.class) {
            return new BigDecimal("0.5");
        }
        if (c == BigInteger.class) {
            return BigInteger.ONE;
        }
        if (c == Instant.class) {
            return INSTANT;
        }
        if (c == LocalDate.class) {
            return DATE;
        }
        if (c == LocalDateTime.class) {
            return LocalDateTime.ofInstant(INSTANT, ZoneOffset.UTC);
        }
        if (c == OffsetDateTime.class) {
            return INSTANT.atOffset(ZoneOffset.UTC);
        }
        if (c == Duration.class) {
            return Duration.ofMinutes(1);
        }
        if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[variant % constants.length];
        }
        if (c.isRecord()) {
            RecordComponent[] components = c.getRecordComponents();
            Object[] arguments = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                arguments[i] = valueOf(components[i].getGenericType(), variant);
            }
            try {
                return canonicalConstructor(c).newInstance(arguments);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("the sample " + Arrays.toString(arguments) + " of " + c.getName()
                        + " was refused: " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        throw cannotSample(type);
    }

    private static int variants(Type type, Set<Type> seen) {
        if (!seen.add(type)) {
            return 1;
        }
        if (type instanceof ParameterizedType parameterized) {
            return Arrays.stream(parameterized.getActualTypeArguments()).mapToInt(t -> variants(t, seen)).max().orElse(1);
        }
        if (type instanceof Class<?> c && c.isEnum()) {
            return c.getEnumConstants().length;
        }
        if (type instanceof Class<?> c && c.isRecord()) {
            return Arrays.stream(c.getRecordComponents()).mapToInt(rc -> variants(rc.getGenericType(), seen)).max().orElse(1);
        }
        return 1;
    }

    private static IllegalArgumentException cannotSample(Type type) {
        return new IllegalArgumentException("RecordSamples cannot make a sample of " + type.getTypeName()
                + ": teach it (platform-testing RecordSamples.valueOf)");
    }

    private RecordSamples() {
    }
}
