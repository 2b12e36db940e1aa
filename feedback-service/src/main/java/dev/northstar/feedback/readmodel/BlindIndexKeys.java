package dev.northstar.feedback.readmodel;

import dev.northstar.platform.jdbc.Sql;
import dev.northstar.platform.privacy.BlindIndexKey;
import dev.northstar.platform.privacy.MasterKey;
import dev.northstar.platform.privacy.MasterKeyedColumn;
import dev.northstar.platform.privacy.MasterKeyedValues;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The keys of the blind indexes (table {@code blind_index_keys}, sealed under the master key): customer key lookups and
 * the account refs events publish, which analytics counts by, so they must never change. Made once from the master key
 * that wrapped the customer keys kept already (the current one when there are none): a service started for the first
 * time with a rotated master key, the old one configured as previous, still finds every customer and names every
 * account as before. A rotation only re-seals them.
 */
@ApplicationScoped
public class BlindIndexKeys implements MasterKeyedValues {
    public static final String CUSTOMER = "customer";
    public static final String ACCOUNT = "account";
    private static final List<String> PURPOSES = List.of(CUSTOMER, ACCOUNT);

    private final Sql sql;
    private final MasterKey master;
    private final MasterKeyedColumn column;
    private volatile Map<String, BlindIndexKey> keys;

    public BlindIndexKeys(Sql sql, MasterKey master) {
        this.sql = sql;
        this.master = master;
        this.column = new MasterKeyedColumn(sql, "blind_index_keys", "purpose", "text", "sealed", false);
    }

    void onStart(@Observes StartupEvent start) {
        of(CUSTOMER);
    }

    /** The key of one purpose's indexes ({@link #CUSTOMER}, {@link #ACCOUNT}). */
    public BlindIndexKey of(String purpose) {
        return keys().get(purpose);
    }

    /**
     * Loads the keys, making those missing first; joins the caller's transaction (or runs in one of its own), and is
     * called before any customer key is made or re-wrapped, which would hide the master key they must come from.
     */
    public Map<String, BlindIndexKey> keys() {
        Map<String, BlindIndexKey> loaded = keys;
        if (loaded == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = QuarkusTransaction.joiningExisting().call(this::loadOrMake);
                }
                loaded = keys;
            }
        }
        return loaded;
    }

    private Map<String, BlindIndexKey> loadOrMake() {
        Map<String, String> sealed = load();
        if (!sealed.keySet().containsAll(PURPOSES)) {
            String keyId = sql.query("SELECT customer_ref, wrapped_key FROM customer_keys ORDER BY created_at, customer_ref LIMIT 1",
                    rs -> master.keyIdThatUnwraps(rs.getObject(1, UUID.class), rs.getString(2))).stream().findFirst()
                    .orElseGet(master::keyId);
            for (String purpose : PURPOSES) {
                // another replica may make them at the same time: both derive the same keys, the first one stays
                sql.update("INSERT INTO blind_index_keys (purpose, sealed) VALUES (?, ?) ON CONFLICT (purpose) DO NOTHING", purpose,
                        master.seal(sealedFor(purpose), master.blindIndexKey(purpose, keyId).written()));
            }
            sealed = load();
        }
        Map<String, BlindIndexKey> opened = new HashMap<>();
        sealed.forEach((purpose, value) -> opened.put(purpose, BlindIndexKey.read(master.open(sealedFor(purpose), value))));
        return Map.copyOf(opened);
    }

    private Map<String, String> load() {
        Map<String, String> sealed = new HashMap<>();
        sql.query("SELECT purpose, sealed FROM blind_index_keys", rs -> sealed.put(rs.getString(1), rs.getString(2)));
        return sealed;
    }

    private static String sealedFor(String purpose) {
        return "blind index key " + purpose;
    }

    @Override
    public String name() {
        return "blind-index-keys";
    }

    @Override
    public MasterKeyedColumn column() {
        return column;
    }

    @Override
    public String rewrapped(Stored stored) {
        return master.reseal(sealedFor(stored.id()), stored.value());
    }
}
