package dev.northstar.feedback.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.Headers;
import dev.northstar.contracts.Topics;
import dev.northstar.contracts.events.CustomerKeyEvent;
import dev.northstar.contracts.events.CustomerKeyEvent.CustomerErased;
import dev.northstar.contracts.events.CustomerKeyEvent.CustomerKeyIssued;
import dev.northstar.contracts.events.EventCatalog;
import dev.northstar.feedback.readmodel.BlindIndexKeys;
import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.jdbc.Sql;
import dev.northstar.platform.outbox.Outbox;
import dev.northstar.platform.privacy.CustomerKeyring;
import dev.northstar.platform.privacy.MasterKey;
import dev.northstar.platform.privacy.SealedValues;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import javax.crypto.SecretKey;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Each customer's data key (table {@code customer_keys}), the one place that can open their sealed data. A key is
 * made the first time a customer's data is kept and published, wrapped, on {@link Topics#CUSTOMER_KEYS} in the same
 * transaction (and again, re-wrapped, when the master key is rotated: {@link WrappedCustomerKeys}); erasing the customer
 * deletes it and publishes the erasure. All methods join the caller's transaction.
 */
@ApplicationScoped
public class CustomerKeys implements CustomerKeyring {
    /** A customer's key and the random ref that names it in sealed values. */
    public record CustomerKey(UUID ref, SecretKey key) {
        public String seal(String value) {
            return value == null || value.equals(SealedValues.ERASED) ? value : SealedValues.seal(key, ref, value);
        }
    }

    private final Sql sql;
    private final MasterKey master;
    private final BlindIndexKeys indexKeys;
    private final Outbox outbox;
    private final ObjectMapper json;

    public CustomerKeys(Sql sql, MasterKey master, BlindIndexKeys indexKeys, Outbox outbox, ObjectMapper json) {
        this.sql = sql;
        this.master = master;
        this.indexKeys = indexKeys;
        this.outbox = outbox;
        this.json = json;
    }

    void requireMasterKey(@Observes StartupEvent start) {
        master.requireConfigured();
    }

    /** The customer's key, made (and published) if the customer is new to the product. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CustomerKey keyFor(UUID productId, String customerId) {
        String lookup = lookupOf(productId, customerId);
        Optional<CustomerKey> existing = find(lookup);
        if (existing.isPresent()) {
            return existing.get();
        }
        UUID ref = UUID.randomUUID();
        SecretKey key = master.newDataKey();
        String wrapped = master.wrap(ref, key);
        int inserted = sql.update("""
                INSERT INTO customer_keys (customer_ref, product_id, lookup, wrapped_key) VALUES (?, ?, ?, ?)
                ON CONFLICT (lookup) DO NOTHING""", ref, productId, lookup, wrapped);
        if (inserted == 0) {
            // another transaction made it first
            return find(lookup).orElseThrow();
        }
        publish(ref, productId, new CustomerKeyIssued(ref, productId, wrapped), UUID.randomUUID(), "feedback-service");
        return new CustomerKey(ref, key);
    }

    /** The ref of a customer the product keeps data of; empty for one it never heard of or has erased. */
    public Optional<UUID> refOf(UUID productId, String customerId) {
        return sql.query("SELECT customer_ref FROM customer_keys WHERE lookup = ?", rs -> rs.getObject(1, UUID.class),
                lookupOf(productId, customerId)).stream().findFirst();
    }

    /** The account, unnamed: equal accounts of a product (ignoring case) give equal refs. */
    public String accountRef(UUID productId, String account) {
        return account == null ? null
                : indexKeys.of(BlindIndexKeys.ACCOUNT).indexOf(productId + "/" + account.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Destroys the keys of every spelling of a customer's id (each spelling kept before ids were normalized has its
     * own) and publishes each erasure; the refs of the keys destroyed, none when there was none (never known, or erased).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> destroy(UUID productId, Collection<String> spellings, EventMetadata metadata) {
        String[] lookups = spellings.stream().map(id -> lookupOf(productId, id)).toArray(String[]::new);
        List<UUID> refs = sql.query("DELETE FROM customer_keys WHERE lookup = ANY (?) RETURNING customer_ref",
                rs -> rs.getObject(1, UUID.class), (Object) lookups);
        refs.forEach(r -> publish(r, productId, new CustomerErased(r, productId, metadata.occurredAt()), metadata.correlationId(),
                metadata.actor()));
        return refs;
    }

    /** Every ref asked for: its key, or empty when there is none (here, where keys are made, that means erased). */
    @Override
    public Map<UUID, Optional<SecretKey>> keysOf(Set<UUID> refs) {
        Map<UUID, Optional<SecretKey>> keys = new HashMap<>();
        refs.forEach(ref -> keys.put(ref, Optional.empty()));
        sql.query("SELECT customer_ref, wrapped_key FROM customer_keys WHERE customer_ref = ANY (?::uuid[])",
                rs -> {
                    UUID ref = rs.getObject(1, UUID.class);
                    keys.put(ref, Optional.of(master.unwrap(ref, rs.getString(2))));
                    return ref;
                }, (Object) refs.stream().map(UUID::toString).toArray(String[]::new));
        return keys;
    }

    private Optional<CustomerKey> find(String lookup) {
        return sql.query("SELECT customer_ref, wrapped_key FROM customer_keys WHERE lookup = ?", rs -> {
            UUID ref = rs.getObject(1, UUID.class);
            return new CustomerKey(ref, master.unwrap(ref, rs.getString(2)));
        }, lookup).stream().findFirst();
    }

    private String lookupOf(UUID productId, String customerId) {
        return indexKeys.of(BlindIndexKeys.CUSTOMER).indexOf(productId + "/" + customerId);
    }

    /**
     * Publishes a customer's key again, re-wrapped under the current master key, so that the compacted topic no longer
     * needs the old one. Joins the caller's transaction.
     */
    void reissue(UUID ref, UUID productId, String wrapped) {
        publish(ref, productId, new CustomerKeyIssued(ref, productId, wrapped), UUID.randomUUID(), "feedback-service");
    }

    private void publish(UUID ref, UUID productId, CustomerKeyEvent event, UUID correlationId, String actor) {
        UUID id = UUID.randomUUID();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Headers.SPEC_VERSION, "1.0");
        headers.put(Headers.ID, id.toString());
        headers.put(Headers.TYPE, EventCatalog.cloudEventTypeOf(event.getClass()));
        headers.put(Headers.SOURCE, "/northstar/feedback-service");
        headers.put(Headers.SUBJECT, ref.toString());
        headers.put(Headers.TIME, Instant.now().toString());
        headers.put(Headers.CONTENT_TYPE, "application/json");
        headers.put(Headers.PRODUCT_ID, productId.toString());
        headers.put(Headers.CORRELATION_ID, correlationId.toString());
        headers.put(Headers.ACTOR, actor);
        try {
            outbox.enqueue(List.of(new Outbox.Message(id, Topics.CUSTOMER_KEYS, ref.toString(), headers, json.writeValueAsString(event))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("customer key event not writable as JSON", e);
        }
    }
}
