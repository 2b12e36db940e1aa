package dev.northstar.backlog.application;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.backlog.domain.PriorityCause;
import dev.northstar.contracts.events.AnalyticsEvent;
import dev.northstar.contracts.events.AnalyticsEvent.DemandTarget;
import dev.northstar.contracts.events.AnalyticsEvent.MetricChanged;
import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.messaging.EventConsumer;
import dev.northstar.platform.messaging.Inbox;
import dev.northstar.platform.messaging.PermanentFailure;
import dev.northstar.platform.messaging.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Consumes analytics' {@code demand} metric: keeps the demand per initiative and item, and records
 * {@code ItemDemandChanged} on every open item whose own demand or its initiative's changed. The work
 * grows with the targets whose demand changed and the items linked to them.
 */
@ApplicationScoped
public class DemandConsumer implements EventConsumer<AnalyticsEvent> {
    private static final TypeReference<List<DemandTarget>> DEMAND = new TypeReference<>() {
    };

    private final Inbox inbox;
    private final DemandSignals signals;
    private final BacklogItemCommands commands;
    private final ObjectMapper json;

    public DemandConsumer(Inbox inbox, DemandSignals signals, BacklogItemCommands commands, ObjectMapper json) {
        this.inbox = inbox;
        this.signals = signals;
        this.commands = commands;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    @Incoming("demand")
    public CompletionStage<Void> consume(Message<List<String>> batch) {
        return inbox.deliverAll(this, batch);
    }

    @Override
    public String name() {
        return "demand";
    }

    @Override
    public Class<AnalyticsEvent> accepts() {
        return AnalyticsEvent.class;
    }

    @Override
    public void handle(ReceivedEvent<? extends AnalyticsEvent> event) {
        switch (event.payload()) {
            case MetricChanged update when MetricChanged.DEMAND.equals(update.metric()) -> demandChanged(event, update);
            case MetricChanged other -> {
            }
        }
    }

    private void demandChanged(ReceivedEvent<? extends AnalyticsEvent> event, MetricChanged update) {
        UUID productId = update.productId();
        Map<UUID, DemandSignals.Signal> before = signals.ofProduct(productId);
        Map<UUID, DemandSignals.Signal> now = new HashMap<>();
        for (DemandTarget target : targets(update)) {
            now.put(target.targetId(), new DemandSignals.Signal(target.targetType(), Math.toIntExact(target.accounts()),
                    target.accountValue()));
        }
        // a target no longer in the list has no demand left
        before.forEach((id, signal) -> now.putIfAbsent(id, new DemandSignals.Signal(signal.targetType(), 0, BigDecimal.ZERO)));
        Set<UUID> changed = new LinkedHashSet<>();
        now.forEach((id, signal) -> {
            DemandSignals.Signal old = before.get(id);
            if (old == null || old.accounts() != signal.accounts() || old.accountValue().compareTo(signal.accountValue()) != 0) {
                signals.put(productId, id, signal);
                if (old == null ? signal.accounts() > 0 : old.accounts() != signal.accounts()) {
                    changed.add(id);
                }
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        EventMetadata metadata = EventMetadata.now(event.correlationOrOwnId(), event.id(), "analytics-service");
        commands.updateDemand(productId, changed, new PriorityCause(event.id(), event.type()), metadata);
    }

    private List<DemandTarget> targets(MetricChanged update) {
        try {
            return json.convertValue(update.value(), DEMAND);
        } catch (IllegalArgumentException e) {
            throw new PermanentFailure("the demand metric's value is not a list of demand targets: " + e.getMessage(), e);
        }
    }
}
