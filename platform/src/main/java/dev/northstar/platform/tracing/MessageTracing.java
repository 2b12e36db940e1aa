package dev.northstar.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carries the trace of a request through the outbox and Kafka: the W3C trace context ({@code traceparent}) is
 * stored with each outbox row in the writing transaction, the relay publishes in a producer span that is its
 * child and puts the context in the Kafka headers, and the consumers' spans (made by the Kafka connector) take
 * their parent from those headers. Events a consumer writes in turn carry the same trace onwards.
 */
@ApplicationScoped
public class MessageTracing {
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
        private static final AttributeKey<String> MESSAGE_KEY = AttributeKey.stringKey("messaging.kafka.message.key");

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public MessageTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.northstar.platform");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** The trace context a consumed record carries in its headers (the current one if it carries none). */
    public Context contextOf(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return propagator.extract(Context.current(), headers, MAP_GETTER);
    }

    /** The headers of a message about to be queued, with the trace context of the current request added. */
    public Map<String, String> withCurrentContext(Map<String, String> headers) {
        Map<String, String> traced = new LinkedHashMap<>(headers);
        propagator.inject(Context.current(), traced, (carrier, key, value) -> carrier.put(key, value));
        return traced;
    }

    /**
     * Starts the producer span of publishing one outbox row (child of the trace stored with the row) and writes
     * its context into the Kafka headers. The caller ends the span.
     */
    public Span startPublishing(String topic, String key, Map<String, String> storedHeaders, Headers kafkaHeaders) {
        Context parent = propagator.extract(Context.root(), storedHeaders, MAP_GETTER);
        Span span = tracer.spanBuilder(topic + " publish").setSpanKind(SpanKind.PRODUCER).setParent(parent)
                .setAttribute(SYSTEM, "kafka").setAttribute(DESTINATION, topic).setAttribute(OPERATION, "publish")
                .setAttribute(MESSAGE_KEY, key)
                .startSpan();
        propagator.inject(parent.with(span), kafkaHeaders, (carrier, name, value) -> {
            carrier.remove(name);
            carrier.add(name, value.getBytes(StandardCharsets.UTF_8));
        });
        return span;
    }
}
