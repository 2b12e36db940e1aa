package dev.northstar.backlog.application;

import dev.northstar.backlog.domain.PriorityCause;
import dev.northstar.contracts.events.AnalyticsEvent;
import dev.northstar.contracts.events.AnalyticsEvent.DemandChanged;
import dev.northstar.contracts.events.AnalyticsEvent.MetricChanged;
import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.messaging.EventConsumer;
import dev.northstar.platform.messaging.Inbox;
import dev.northstar.platform.messaging.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Consumes analytics' {@code DemandChanged}, one initiative's or item's demand at a time: keeps it, and records
 * {@code ItemDemandChanged} on every open item whose own demand or its initiative's changed. The work grows with the
 * items linked to the target, never with the product's targets.
 */
@ApplicationScoped
public class DemandConsumer implements EventConsumer<AnalyticsEvent> {
    private final Inbox inbox;
    private final DemandSignals signals;
    private final BacklogItemCommands commands;

    public DemandConsumer(Inbox inbox, DemandSignals signals, BacklogItemCommands commands) {
        this.inbox = inbox;
        this.signals = signals;
        this.commands = commands;
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
            case DemandChanged demand -> demandChanged(event, demand);
            // the demand metric lists only the targets with most demand, for dashboards: each target's own is a DemandChanged
            case MetricChanged other -> {
            }
        }
    }

    @Override
    public boolean affects(AnalyticsEvent event) {
        return event instanceof DemandChanged;
    }

    private void demandChanged(ReceivedEvent<? extends AnalyticsEvent> event, DemandChanged demand) {
        DemandSignals.Signal now = new DemandSignals.Signal(demand.targetType(), Math.toIntExact(demand.accounts()),
                demand.accountValue());
        Optional<DemandSignals.Signal> before = signals.of(demand.targetId());
        if (before.map(old -> old.accounts() == now.accounts() && old.accountValue().compareTo(now.accountValue()) == 0)
                .orElse(now.accounts() == 0)) {
            return;
        }
        signals.put(demand.productId(), demand.targetId(), now);
        if (before.map(DemandSignals.Signal::accounts).orElse(0) != now.accounts()) {
            EventMetadata metadata = EventMetadata.now(event.correlationOrOwnId(), event.id(), "analytics-service");
            commands.updateDemand(demand.productId(), Set.of(demand.targetId()), new PriorityCause(event.id(), event.type()),
                    metadata);
        }
    }
}
