package dev.coffer.server.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Each quota item has its two columns in both tables that hold quotas, and a limit given through the API lands in
 * its own columns and comes back in its own JSON field. A new {@link DeviceType} fails here until its migration adds
 * the type's columns ({@code <key>}, {@code <key>_overage}, {@code <key>_gb}, {@code <key>_gb_overage}).
 */
abstract class QuotaColumnsIT extends ApiTestSupport {

    private static final String SETTINGS = "\"notificationLevel\":\"ERRORS\",\"quotaNotifications\":true,"
            + "\"manageOtherUsers\":false";

    @Test
    void everyItemHasItsColumnsInBothTables() {
        for (String table : new String[] {"customer", "backup_account"}) {
            for (QuotaItem item : QuotaItem.values()) {
                assertThatCode(() -> jdbc.sql("SELECT " + item.column() + ", " + item.overageColumn() + " FROM "
                        + table + " WHERE 1 = 0").query().listOfRows())
                        .as(table + " needs the columns of " + item.name()).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void everyItemIsStoredInItsOwnColumns() {
        Map<QuotaItem, Limit> limits = new LinkedHashMap<>();
        int i = 0;
        for (QuotaItem item : QuotaItem.values()) {
            limits.put(item, Limit.of(10 + i, i));
            i++;
        }
        Quotas quotas = Quotas.of(limits);
        String json = Api.json(QuotasJson.from(quotas));

        Tenant t = tenant(json);
        assertThat(stored("customer", "id", t.id())).isEqualTo(quotas);

        long user = user(t, t.address("cols"));
        Api.Response assigned = t.admin().put("/api/v1/users/" + user + "/backup-account",
                "{" + SETTINGS + ",\"quotas\":" + json + "}");
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(201);
        assertThat(stored("backup_account", "user_id", user)).isEqualTo(quotas);
        for (QuotaItem item : QuotaItem.values()) {
            assertThat(assigned.json().path("quotas").path(item.group()).path(item.valueName()).asLong())
                    .as(item.valueField()).isEqualTo(quotas.get(item).value().getAsLong());
            assertThat(assigned.json().path("quotas").path(item.group()).path(item.overageName()).asLong())
                    .as(item.overageField()).isEqualTo(quotas.get(item).overage().getAsLong());
        }
    }

    private Quotas stored(String table, String key, long id) {
        return jdbc.sql("SELECT " + QuotaColumns.names() + " FROM " + table + " WHERE " + key + " = ?").param(id)
                .query((rs, n) -> QuotaColumns.read(rs)).single();
    }
}
