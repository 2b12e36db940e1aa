package dev.northstar.platform.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers.BigDecimalDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The JSON mapper of the HTTP API: the service's own, plus refusing, while reading a request body, the values some service downstream could not store, so that they answer
 * 400 naming the field instead of poisoning a consumer later: control characters in strings (PostgreSQL refuses
 * NUL; tab, line feed and carriage return are text; C1 controls too), noncharacters (U+FFFE, U+FFFF, U+FDD0 to U+FDEF
 * and the last two of every plane: no XML document, Atom feed included, may hold U+FFFE or U+FFFF) and unpaired
 * surrogates (no UTF-8 encodes them), decimals beyond what every consumer stores
 * (NUMERIC(18, 2): {@value #MAX_DECIMAL}), and instants outside the years 0001 to 9999. Only requests are held to
 * this: stored and published events are read as they were written, whatever an older version accepted. A body
 * is one JSON value: anything after it is malformed JSON, a 400 as well.
 */
@Provider
public class StorableInput implements ContextResolver<ObjectMapper> {
    public static final String MAX_DECIMAL = "9999999999999999.99";
    static final BigDecimal LARGEST = new BigDecimal(MAX_DECIMAL);
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private final ObjectMapper api;

    public StorableInput(ObjectMapper json) {
        // a body is one JSON value: {"name": "x"}}{ is malformed, not {"name": "x"}
        this.api = json.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .registerModule(new SimpleModule("northstar-storable-input")
                .addDeserializer(String.class, new TextDeserializer())
                .addDeserializer(BigDecimal.class, new BoundedDecimalDeserializer())
                .addDeserializer(Instant.class, new BoundedInstantDeserializer()));
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return api;
    }

    /**
     * Why a text cannot be stored and published (a control character, a noncharacter or an unpaired surrogate, with
     * its code point), or null when it can.
     */
    public static String unstorableCharacterIn(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (isControl(c)) {
                return String.format("must not contain control characters (found U+%04X)", c);
            }
            if (Character.isSurrogate((char) c)) {
                return String.format("must not contain unpaired surrogates (found U+%04X)", c);
            }
            if (isNoncharacter(c)) {
                return String.format("must not contain noncharacters (found U+%04X)", c);
            }
            i += Character.charCount(c);
        }
        return null;
    }

    private static boolean isControl(int c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
    }

    private static boolean isNoncharacter(int c) {
        return (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe;
    }

    public static boolean storable(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    private static final class TextDeserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            String unstorable = text == null ? null : unstorableCharacterIn(text);
            if (unstorable != null) {
                return (String) context.reportInputMismatch(String.class, "%s", unstorable);
            }
            return text;
        }
    }

    private static final class BoundedDecimalDeserializer extends BigDecimalDeserializer {
        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            BigDecimal value = super.deserialize(parser, context);
            if (value != null && value.abs().compareTo(LARGEST) > 0) {
                return (BigDecimal) context.reportInputMismatch(BigDecimal.class,
                        "must be between -%s and %s", MAX_DECIMAL, MAX_DECIMAL);
            }
            return value;
        }
    }

    private static final class BoundedInstantDeserializer extends StdScalarDeserializer<Instant> {
        BoundedInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Instant value = InstantDeserializer.INSTANT.deserialize(parser, context);
            if (value != null && !storable(value)) {
                return (Instant) context.reportInputMismatch(Instant.class,
                        "must be between %s and %s", EARLIEST, LATEST);
            }
            return value;
        }
    }
}
