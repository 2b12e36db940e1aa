package dev.northstar.platform.eventstore;

/**
 * What a repository does to an event's JSON on its way into the store (and so onto the outbox and Kafka) and on its
 * way back out: feedback-service seals customers' data with their own keys and opens it again.
 */
public interface PayloadProtection {
    PayloadProtection NONE = new PayloadProtection() {
        @Override
        public String protect(String eventName, String payload) {
            return payload;
        }

        @Override
        public String reveal(String payload) {
            return payload;
        }
    };

    String protect(String eventName, String payload);

    String reveal(String payload);
}
