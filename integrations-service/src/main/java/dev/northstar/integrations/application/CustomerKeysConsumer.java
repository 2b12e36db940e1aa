package dev.northstar.integrations.application;

import dev.northstar.contracts.events.CustomerKeyEvent;
import dev.northstar.platform.jdbc.Sql;
import dev.northstar.platform.messaging.Inbox;
import dev.northstar.platform.messaging.RebuildableConsumer;
import dev.northstar.platform.messaging.ReceivedEvent;
import dev.northstar.platform.privacy.CustomerKeyring;
import dev.northstar.platform.privacy.MasterKey;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import javax.crypto.SecretKey;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Keeps the customers' data keys feedback-service publishes (table {@code customer_keys}), so that webhooks carry clear
 * text, and the newest wrapping of each (a rotation of the master key publishes every key again); an erasure leaves
 * the customer's row without its key for good, even if the key is read again in a replay or arrives re-wrapped.
 */
@ApplicationScoped
public class CustomerKeysConsumer implements RebuildableConsumer<CustomerKeyEvent>, CustomerKeyring {
    public static final String TABLE = "customer_keys";

    private final Inbox inbox;
    private final Sql sql;
    private final MasterKey master;

    public CustomerKeysConsumer(Inbox inbox, Sql sql, MasterKey master) {
        this.inbox = inbox;
        this.sql = sql;
        this.master = master;
    }

    void requireMasterKey(@Observes StartupEvent start) {
        master.requireConfigured();
    }

    @Incoming("customer-keys")
    public CompletionStage<Void> consume(Message<List<String>> batch) {
        return inbox.deliverAll(this, batch);
    }

    @Override
    public String name() {
        return "customer-keys";
    }

    @Override
    public Class<CustomerKeyEvent> accepts() {
        return CustomerKeyEvent.class;
    }

    @Override
    public List<String> stateTables() {
        return List.of(TABLE);
    }

    @Override
    public void handle(ReceivedEvent<? extends CustomerKeyEvent> event) {
        switch (event.payload()) {
            // a key issued again comes re-wrapped under a newer master key: it replaces the one kept, unless erased
            case CustomerKeyEvent.CustomerKeyIssued e -> sql.update("""
                    INSERT INTO customer_keys (customer_ref, product_id, wrapped_key) VALUES (?, ?, ?)
                    ON CONFLICT (customer_ref) DO UPDATE SET wrapped_key = excluded.wrapped_key
                    WHERE customer_keys.erased_at IS NULL""", e.customerRef(), e.productId(), e.wrappedKey());
            case CustomerKeyEvent.CustomerErased e -> sql.update("""
                    INSERT INTO customer_keys (customer_ref, product_id, erased_at) VALUES (?, ?, ?)
                    ON CONFLICT (customer_ref) DO UPDATE SET wrapped_key = NULL, erased_at = excluded.erased_at""",
                    e.customerRef(), e.productId(), Timestamp.from(e.erasedAt()));
        }
    }

    @Override
    public Map<UUID, Optional<SecretKey>> keysOf(Set<UUID> refs) {
        Map<UUID, Optional<SecretKey>> keys = new HashMap<>();
        sql.query("SELECT customer_ref, wrapped_key FROM customer_keys WHERE customer_ref = ANY (?::uuid[])", rs -> {
            UUID ref = rs.getObject(1, UUID.class);
            String wrapped = rs.getString(2);
            keys.put(ref, wrapped == null ? Optional.empty() : Optional.of(master.unwrap(ref, wrapped)));
            return ref;
        }, (Object) refs.stream().map(UUID::toString).toArray(String[]::new));
        return keys;
    }
}
