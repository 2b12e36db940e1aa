package dev.northstar.integrations.application;

import dev.northstar.platform.jdbc.Sql;
import dev.northstar.platform.privacy.MasterKey;
import dev.northstar.platform.privacy.MasterKeyedColumn;
import dev.northstar.platform.privacy.MasterKeyedValues;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * The customers' data keys kept here ({@code customer_keys.wrapped_key}) as a rotation of the master key sees them:
 * re-wrapped in place (feedback-service publishes them re-wrapped too, which {@link CustomerKeysConsumer} takes); an
 * erased customer's row has no key to re-wrap.
 */
@ApplicationScoped
public class WrappedCustomerKeys implements MasterKeyedValues {
    private final MasterKey master;
    private final MasterKeyedColumn column;

    public WrappedCustomerKeys(Sql sql, MasterKey master) {
        this.master = master;
        this.column = new MasterKeyedColumn(sql, CustomerKeysConsumer.TABLE, "customer_ref", "uuid", "wrapped_key", true);
    }

    @Override
    public String name() {
        return "customer-keys";
    }

    @Override
    public MasterKeyedColumn column() {
        return column;
    }

    @Override
    public String rewrapped(Stored stored) {
        return master.rewrap(UUID.fromString(stored.id()), stored.value());
    }
}
