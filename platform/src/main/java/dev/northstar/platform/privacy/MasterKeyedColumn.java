package dev.northstar.platform.privacy;

import dev.northstar.platform.jdbc.Sql;
import dev.northstar.platform.privacy.MasterKeyedValues.Stored;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A column of values under the master key, found by the key id they start with ({@code mk1:<key id>:}): how many are
 * under each old key, the next ones to re-wrap (in the order of their rows' ids, so one run visits each once, even one
 * it cannot open) and a compare-and-set replacement. Table and column names are the service's own constants.
 */
public final class MasterKeyedColumn {
    /** The key id of values wrapped before values named their master key (which one opens them is only known by trying). */
    public static final String NO_KEY_ID = "legacy";

    private final Sql sql;
    private final String table;
    private final String idColumn;
    private final String idType;
    private final String column;
    private final boolean withoutKeyIdToo;

    /**
     * @param idType          the SQL type of {@code idColumn} ({@code uuid}, {@code text})
     * @param withoutKeyIdToo whether values that name no key are under a master key too (data keys wrapped before key
     *                        ids), or are something else (a secret stored in clear)
     */
    public MasterKeyedColumn(Sql sql, String table, String idColumn, String idType, String column, boolean withoutKeyIdToo) {
        this.sql = sql;
        this.table = table;
        this.idColumn = idColumn;
        this.idType = idType;
        this.column = column;
        this.withoutKeyIdToo = withoutKeyIdToo;
    }

    /** How many values are under each master key but {@code keyId} ({@link #NO_KEY_ID} for those that name none). */
    public Map<String, Long> countNotUnder(String keyId) {
        Map<String, Long> counts = new TreeMap<>();
        sql.query("SELECT CASE WHEN " + column + " LIKE ? THEN split_part(" + column + ", ':', 2) ELSE ? END, count(*) FROM "
                        + table + " WHERE " + scope() + " AND " + column + " NOT LIKE ? GROUP BY 1",
                rs -> counts.put(rs.getString(1), rs.getLong(2)), MasterKey.PREFIX + "%", NO_KEY_ID, MasterKey.prefixOf(keyId) + "%");
        return counts;
    }

    /** The next values not under the master key {@code keyId}, after the row {@code after} (null: from the first). */
    public List<Stored> nextNotUnder(String keyId, String after, int limit) {
        String query = "SELECT " + idColumn + "::text, " + column + " FROM " + table + " WHERE " + scope() + " AND " + column
                + " NOT LIKE ?" + (after == null ? "" : " AND " + idColumn + " > CAST(? AS " + idType + ")")
                + " ORDER BY " + idColumn + " LIMIT " + limit;
        Object[] parameters = after == null ? new Object[]{MasterKey.prefixOf(keyId) + "%"}
                : new Object[]{MasterKey.prefixOf(keyId) + "%", after};
        return sql.query(query, rs -> new Stored(rs.getString(1), rs.getString(2)), parameters);
    }

    /** Replaces a value with its re-wrapped one unless it changed meanwhile; whether it did. Joins the caller's transaction. */
    public boolean replace(Stored stored, String rewrapped) {
        return sql.update("UPDATE " + table + " SET " + column + " = ? WHERE " + idColumn + " = CAST(? AS " + idType + ") AND "
                + column + " = ?", rewrapped, stored.id(), stored.value()) == 1;
    }

    /** The same, answering a column of the replaced row (null when it changed meanwhile), e.g. to announce the new value. */
    public <T> T replaceReturning(Stored stored, String rewrapped, String returned, Sql.Row<T> row) {
        return sql.query("UPDATE " + table + " SET " + column + " = ? WHERE " + idColumn + " = CAST(? AS " + idType + ") AND "
                + column + " = ? RETURNING " + returned, row, rewrapped, stored.id(), stored.value()).stream().findFirst().orElse(null);
    }

    private String scope() {
        return withoutKeyIdToo ? column + " IS NOT NULL" : column + " LIKE '" + MasterKey.PREFIX + "%'";
    }
}
