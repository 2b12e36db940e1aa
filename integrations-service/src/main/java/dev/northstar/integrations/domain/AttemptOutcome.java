package dev.northstar.integrations.domain;

/**
 * What one attempt of a delivery came to. A 2xx answer delivers; 410 Gone says the endpoint is gone for good (the
 * subscription is disabled at once, as Standard Webhooks recommends); anything else, a timeout or a refused
 * connection is tried again by the {@link RetrySchedule}.
 */
public enum AttemptOutcome {
    DELIVERED, ENDPOINT_GONE, FAILED;

    public static AttemptOutcome ofStatus(int statusCode) {
        if (statusCode >= 200 && statusCode < 300) {
            return DELIVERED;
        }
        return statusCode == 410 ? ENDPOINT_GONE : FAILED;
    }
}
