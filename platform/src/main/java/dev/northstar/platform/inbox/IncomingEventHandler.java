package dev.northstar.platform.inbox;

import java.util.Set;

/**
 * A consumer of other services' events. Declare one as a CDI bean and {@link InboxConsumers} runs it:
 * each event is handled in its own transaction together with its inbox row, so an event redelivered
 * after a crash or a relay retry changes nothing the second time.
 */
public interface IncomingEventHandler {

    /** A stable name: the consumer group is {@code <service>.<name>} and the inbox is keyed by it. */
    String name();

    Set<String> topics();

    /** Applies the event's effect. Runs inside a transaction; throwing rolls the effect back and retries. */
    void handle(IncomingEvent event);
}
