package dev.northstar.backlog.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.backlog.domain.PriorityCause;
import dev.northstar.contracts.Topics;
import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.inbox.IncomingEvent;
import dev.northstar.platform.inbox.IncomingEventHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Consumes analytics' {@code demand} metric: keeps the demand per initiative and item, and records
 * {@code ItemDemandChanged} on every open item whose own demand or its initiative's changed. The work
 * grows with the targets whose demand changed and the items linked to them.
 */
@ApplicationScoped
public class DemandHandler implements IncomingEventHandler {
    private final DemandSignals signals;
    private final BacklogItemCommands commands;
    private final ObjectMapper json;

    public DemandHandler(DemandSignals signals, BacklogItemCommands commands, ObjectMapper json) {
        this.signals = signals;
        this.commands = commands;
        this.json = json;
    }

    @Override
    public String name() {
        return "demand";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.ANALYTICS_METRICS);
    }

    @Override
    public void handle(IncomingEvent event) {
        JsonNode update = read(event);
        if (!"demand".equals(update.path("metric").asText()) || event.productId() == null) {
            return;
        }
        UUID productId = event.productId();
        Map<UUID, DemandSignals.Signal> before = signals.ofProduct(productId);
        Map<UUID, DemandSignals.Signal> now = new HashMap<>();
        for (JsonNode target : update.path("value")) {
            now.put(UUID.fromString(target.path("targetId").asText()), new DemandSignals.Signal(target.path("targetType").asText(),
                    target.path("accounts").asInt(), target.path("accountValue").decimalValue()));
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
        EventMetadata metadata = EventMetadata.now(event.correlationId() == null ? UUID.randomUUID() : event.correlationId(),
                UUID.fromString(event.id()), "analytics-service");
        commands.updateDemand(productId, changed, new PriorityCause(UUID.fromString(event.id()), event.type()), metadata);
    }

    private JsonNode read(IncomingEvent event) {
        try {
            return json.readTree(event.payload());
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable metric update", e);
        }
    }
}
