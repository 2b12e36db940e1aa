package dev.northstar.integrations.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.northstar.integrations.application.Deliveries.Claimed;
import dev.northstar.integrations.application.WebhookSender.Attempt;
import dev.northstar.integrations.domain.AttemptOutcome;
import dev.northstar.integrations.domain.RetrySchedule;
import dev.northstar.integrations.domain.WebhookUrl;
import dev.northstar.platform.privacy.SealedJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends due deliveries: one thread per instance claims what is due (woken at once by new events, otherwise every
 * poll interval), each claimed delivery is sent on a virtual thread, at most {@code max-in-flight} at a time, and its
 * outcome recorded: delivered, tried again later by the retry schedule, or failed for good, which disables the
 * subscription with the reason. A database that cannot be reached stops the claiming (with growing pauses) and shows
 * in readiness ({@link DispatcherReadiness}) until it answers again; nothing is lost meanwhile, since the queue lives in the database.
 */
@ApplicationScoped
public class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    private final Deliveries deliveries;
    private final Subscriptions subscriptions;
    private final WebhookSender sender;
    private final WebhookSettings settings;
    private final RetrySchedule schedule;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final CustomerKeysConsumer customerKeys;
    private final WebhookSecrets secrets;
    private final Semaphore inFlight;
    private final Semaphore wakeUp = new Semaphore(0);
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;
    private volatile String unhealthy;
    private Thread loop;

    public Dispatcher(Deliveries deliveries, Subscriptions subscriptions, WebhookSender sender, WebhookSettings settings,
                      ObjectMapper json, MeterRegistry registry, CustomerKeysConsumer customerKeys, WebhookSecrets secrets) {
        this.secrets = secrets;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.settings = settings;
        this.schedule = settings.retrySchedule();
        this.json = json;
        this.registry = registry;
        this.customerKeys = customerKeys;
        this.inFlight = new Semaphore(settings.maxInFlight());
    }

    void start(@Observes StartupEvent event) {
        Gauge.builder("northstar.webhooks.unsent", deliveries, Deliveries::unsent)
                .description("Webhook deliveries waiting to be sent or being sent").register(registry);
        running = true;
        loop = Thread.ofPlatform().name("webhook-dispatcher").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wakeUp.release();
        if (loop != null) {
            loop.join(Duration.ofSeconds(5));
        }
        senders.shutdown();
        senders.awaitTermination(settings.requestTimeout().toSeconds() + 1, TimeUnit.SECONDS);
    }

    /** New deliveries were committed: look for due ones now rather than at the next poll. */
    public void wake() {
        wakeUp.release();
    }

    /** Why the dispatcher cannot work now (the database does not answer), or null. */
    public String problem() {
        return unhealthy;
    }

    private void run() {
        Duration pause = settings.pollInterval();
        while (running) {
            try {
                int claimed = dispatchDue();
                unhealthy = null;
                pause = settings.pollInterval();
                if (claimed > 0) {
                    continue;
                }
            } catch (RuntimeException e) {
                unhealthy = "cannot claim deliveries: " + e.getMessage();
                LOG.warnf("webhook dispatcher: %s (trying again in %s)", e.getMessage(), pause);
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
            try {
                wakeUp.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Claims as many due deliveries as there is room in flight for and starts sending them; how many it claimed. */
    private int dispatchDue() {
        int room = inFlight.drainPermits();
        if (room == 0) {
            // all in flight: the next one to finish wakes the loop
            return 0;
        }
        List<Claimed> due;
        try {
            due = QuarkusTransaction.requiringNew().call(() -> deliveries.claim(room, settings.lease()));
        } catch (RuntimeException e) {
            inFlight.release(room);
            throw e;
        }
        inFlight.release(room - due.size());
        for (Claimed delivery : due) {
            senders.execute(() -> {
                try {
                    deliver(delivery);
                } catch (RuntimeException e) {
                    // the outcome could not be recorded: the lease runs out and the delivery is tried again
                    LOG.warnf("webhook delivery %s: %s", delivery.deliveryId(), e.getMessage());
                } finally {
                    inFlight.release();
                    wakeUp.release();
                }
            });
        }
        return due.size();
    }

    private void deliver(Claimed delivery) {
        Attempt attempt = sender.send(WebhookUrl.parse(delivery.url(), true), secrets.open(delivery.subscriptionId(), delivery.secret()),
                delivery.eventId().toString(), body(delivery));
        AttemptOutcome outcome = attempt.answered() ? AttemptOutcome.ofStatus(attempt.statusCode()) : AttemptOutcome.FAILED;
        Timer.builder("northstar.webhooks.attempts").description("Webhook delivery attempts by outcome")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry).record(attempt.duration());
        QuarkusTransaction.requiringNew().run(() -> {
            switch (outcome) {
                case DELIVERED -> deliveries.record(delivery, Deliveries.SUCCEEDED, null, attempt.statusCode(), attempt.duration(), attempt.error());
                case ENDPOINT_GONE -> {
                    if (deliveries.record(delivery, Deliveries.FAILED, null, attempt.statusCode(), attempt.duration(), attempt.error())) {
                        subscriptions.disable(delivery.subscriptionId(), "the endpoint answered 410 Gone");
                    }
                }
                case FAILED -> retryOrGiveUp(delivery, attempt);
            }
        });
    }

    private void retryOrGiveUp(Claimed delivery, Attempt attempt) {
        Optional<Duration> wait = schedule.delayAfter(delivery.attempt(), ThreadLocalRandom.current()::nextDouble);
        if (wait.isPresent()) {
            deliveries.record(delivery, Deliveries.PENDING, Instant.now().plus(wait.get()), attempt.statusCode(), attempt.duration(), attempt.error());
            return;
        }
        if (deliveries.record(delivery, Deliveries.FAILED, null, attempt.statusCode(), attempt.duration(), attempt.error())) {
            Counter.builder("northstar.webhooks.deliveries.failed").description("Deliveries that failed for good")
                    .register(registry).increment();
            subscriptions.disable(delivery.subscriptionId(), "delivery " + delivery.deliveryId() + " failed " + delivery.attempt()
                    + " attempts over " + schedule.total() + "; the last: " + attempt.error());
        }
    }

    /** The message: the event as a CloudEvent in structured JSON mode. */
    private String body(Claimed delivery) {
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", delivery.eventId().toString());
        event.put("source", delivery.source());
        event.put("type", delivery.type());
        event.put("subject", delivery.subject());
        event.put("time", delivery.time().toString());
        event.put("datacontenttype", "application/json");
        event.put("productid", delivery.productId().toString());
        if (delivery.correlationId() != null) {
            event.put("correlationid", delivery.correlationId().toString());
        }
        try {
            // customers' data is sent in clear text while their key lives, as [erased] once it does not
            JsonNode data = SealedJson.open(json.readTree(delivery.data()), customerKeys);
            event.set("data", data);
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event " + delivery.eventId() + " is not JSON", e);
        }
    }
}
