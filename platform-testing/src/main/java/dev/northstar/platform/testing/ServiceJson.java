package dev.northstar.platform.testing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;
import java.util.TimeZone;

/**
 * The ObjectMapper a service gets from Quarkus, without starting Quarkus: the modules quarkus-jackson registers
 * (Jdk8, JavaTime, ParameterNames), Quarkus' defaults, and the service's {@code quarkus.jackson.*} settings from the
 * {@code application.properties} on the test classpath (unprefixed or {@code %prod.}). A setting it does not know
 * fails, so that a new setting cannot silently make tests serialize differently from the running service.
 */
public final class ServiceJson {
    private static final String PREFIX = "quarkus.jackson.";

    public static ObjectMapper objectMapper() {
        return objectMapper("application.properties");
    }

    public static ObjectMapper objectMapper(String propertiesResource) {
        Properties settings = jacksonSettings(propertiesResource);
        JsonMapper.Builder json = JsonMapper.builder()
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .addModule(new ParameterNamesModule());
        // Quarkus' defaults differ from Jackson's in these two
        json.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        json.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        for (String name : settings.stringPropertyNames()) {
            String value = settings.getProperty(name).strip();
            switch (name) {
                case "fail-on-unknown-properties" ->
                        json.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, Boolean.parseBoolean(value));
                case "fail-on-empty-beans" -> json.configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, Boolean.parseBoolean(value));
                case "write-dates-as-timestamps" ->
                        json.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, Boolean.parseBoolean(value));
                case "write-durations-as-timestamps" ->
                        json.configure(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS, Boolean.parseBoolean(value));
                case "accept-case-insensitive-enums" ->
                        json.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, Boolean.parseBoolean(value));
                case "serialization-inclusion" -> json.serializationInclusion(
                        JsonInclude.Include.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_')));
                case "timezone" -> json.defaultTimeZone(TimeZone.getTimeZone(value));
                default -> throw new IllegalStateException("ServiceJson does not know " + PREFIX + name + " of "
                        + propertiesResource + ": teach it, so that contract tests serialize like the service");
            }
        }
        return json.build();
    }

    private static Properties jacksonSettings(String resource) {
        Properties all = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            all.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties jackson = new Properties();
        for (String key : all.stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                jackson.putIfAbsent(key.substring(PREFIX.length()), all.getProperty(key));
            }
        }
        // the published events are the production profile's
        for (String key : all.stringPropertyNames()) {
            if (key.startsWith("%prod." + PREFIX)) {
                jackson.put(key.substring(("%prod." + PREFIX).length()), all.getProperty(key));
            }
        }
        return jackson;
    }

    private ServiceJson() {
    }
}
