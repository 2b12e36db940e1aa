package dev.northstar.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Carries the trace of a request through the outbox and Kafka: the W3C trace context ({@code traceparent}) is
 * stored with each outbox row in the writing transaction, the relay publishes in a producer span that is its
 * child and puts the context in the Kafka headers, and every consumer handles a record in a consumer span whose
 * parent comes from those headers. Events a consumer writes in turn carry the same trace onwards.
 */
@ApplicationScoped
public class MessageTracing {
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
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

    private static final TextMapGetter<Headers> KAFKA_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            return StreamSupport.stream(carrier.spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(Headers carrier, String key) {
            Header header = carrier == null ? null : carrier.lastHeader(key);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public MessageTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.northstar.platform");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
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

    public interface Work {
        void run() throws Exception;
    }

    /** Runs a consumer's handling of one record in a consumer span whose parent is the record's trace context. */
    public void consuming(String consumer, ConsumerRecord<String, String> record, Work work) throws Exception {
        Context parent = propagator.extract(Context.root(), record.headers(), KAFKA_GETTER);
        Span span = tracer.spanBuilder(record.topic() + " process").setSpanKind(SpanKind.CONSUMER).setParent(parent)
                .setAttribute(SYSTEM, "kafka").setAttribute(DESTINATION, record.topic()).setAttribute(OPERATION, "process")
                .setAttribute(CONSUMER_GROUP, consumer).setAttribute(MESSAGE_KEY, record.key())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            work.run();
        } catch (Exception | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }
}
