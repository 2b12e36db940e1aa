package dev.northstar.feedback.application;

import dev.northstar.feedback.readmodel.BlindIndexKeys;
import dev.northstar.platform.jdbc.Sql;
import dev.northstar.platform.privacy.MasterKey;
import dev.northstar.platform.privacy.MasterKeyedColumn;
import dev.northstar.platform.privacy.MasterKeyedValues;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * The customers' data keys as a rotation of the master key sees them ({@code customer_keys.wrapped_key}): each one
 * re-wrapped under the current master key is published again in the same transaction, so that the compacted topic
 * (and integrations-service) no longer needs the old key either. An erased customer has no row, so nothing brings
 * their key back.
 */
@ApplicationScoped
public class WrappedCustomerKeys implements MasterKeyedValues {
    private final MasterKey master;
    private final CustomerKeys keys;
    private final BlindIndexKeys indexKeys;
    private final MasterKeyedColumn column;

    public WrappedCustomerKeys(Sql sql, MasterKey master, CustomerKeys keys, BlindIndexKeys indexKeys) {
        this.master = master;
        this.keys = keys;
        this.indexKeys = indexKeys;
        this.column = new MasterKeyedColumn(sql, "customer_keys", "customer_ref", "uuid", "wrapped_key", true);
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
        // the index keys come from the master key of the oldest customer key: they must exist before it is re-wrapped
        indexKeys.keys();
        return master.rewrap(UUID.fromString(stored.id()), stored.value());
    }

    @Override
    public boolean replace(Stored stored, String rewrapped) {
        UUID productId = column.replaceReturning(stored, rewrapped, "product_id", rs -> rs.getObject(1, UUID.class));
        if (productId == null) {
            return false;
        }
        keys.reissue(UUID.fromString(stored.id()), productId, rewrapped);
        return true;
    }
}
