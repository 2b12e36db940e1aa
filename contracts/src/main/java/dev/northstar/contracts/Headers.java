package dev.northstar.contracts;

/**
 * Kafka record headers of a Northstar event: CloudEvents 1.0 in binary content mode,
 * plus Northstar extension attributes (lower-case, as CloudEvents requires) and W3C trace context.
 * The record key is the aggregate (stream) id; the record value is the JSON payload.
 */
public final class Headers {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    public static final String PRODUCT_ID = "ce_productid";
    public static final String STREAM_VERSION = "ce_streamversion";
    public static final String CORRELATION_ID = "ce_correlationid";
    public static final String CAUSATION_ID = "ce_causationid";
    public static final String ACTOR = "ce_actor";
    public static final String TRACEPARENT = "traceparent";

    /** Added on dead-lettered records: the consumer ({@code <service>.<consumer>}) that could not apply it. */
    public static final String DLT_CONSUMER = "northstar_dlt_consumer";

    private Headers() {
    }
}
