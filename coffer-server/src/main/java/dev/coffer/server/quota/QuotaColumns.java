package dev.coffer.server.quota;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.StringJoiner;

import org.springframework.jdbc.core.SqlParameterValue;

/**
 * How {@link Quotas} are stored: two nullable BIGINT columns per {@link QuotaItem} (value and overage, NULL meaning
 * unlimited), with the same names in every table that holds quotas. SQL fragments use named parameters.
 */
public final class QuotaColumns {

    private QuotaColumns() {
    }

    /** "storage_gb, storage_gb_overage, servers, ..." */
    public static String names() {
        StringJoiner j = new StringJoiner(", ");
        for (QuotaItem item : QuotaItem.values()) {
            j.add(item.column()).add(item.overageColumn());
        }
        return j.toString();
    }

    /** ":storage_gb, :storage_gb_overage, ..." */
    public static String placeholders() {
        StringJoiner j = new StringJoiner(", ");
        for (QuotaItem item : QuotaItem.values()) {
            j.add(":" + item.column()).add(":" + item.overageColumn());
        }
        return j.toString();
    }

    /** "storage_gb = :storage_gb, ..." for an UPDATE. */
    public static String assignments() {
        StringJoiner j = new StringJoiner(", ");
        for (QuotaItem item : QuotaItem.values()) {
            j.add(item.column() + " = :" + item.column()).add(item.overageColumn() + " = :" + item.overageColumn());
        }
        return j.toString();
    }

    /** Named parameters for {@link #placeholders()} and {@link #assignments()}. */
    public static Map<String, Object> params(Quotas quotas) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (QuotaItem item : QuotaItem.values()) {
            Limit l = quotas.get(item);
            params.put(item.column(), bigint(l.value()));
            params.put(item.overageColumn(), bigint(l.overage()));
        }
        return params;
    }

    public static Quotas read(ResultSet rs) throws SQLException {
        Map<QuotaItem, Limit> limits = new LinkedHashMap<>();
        for (QuotaItem item : QuotaItem.values()) {
            limits.put(item, new Limit(optional(rs, item.column()), optional(rs, item.overageColumn())));
        }
        return Quotas.of(limits);
    }

    private static SqlParameterValue bigint(OptionalLong v) {
        // A typed NULL: PostgreSQL refuses an untyped one for a BIGINT column in some statements.
        return new SqlParameterValue(Types.BIGINT, v.isPresent() ? Long.valueOf(v.getAsLong()) : null);
    }

    private static OptionalLong optional(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
