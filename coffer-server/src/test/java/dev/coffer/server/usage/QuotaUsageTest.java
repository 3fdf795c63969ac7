package dev.coffer.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;

import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.quota.Limit;
import dev.coffer.server.quota.QuotaItem;
import dev.coffer.server.quota.Quotas;
import org.junit.jupiter.api.Test;

/** The console's bars say how much of a limit is used, what happens at the limit, and Unlimited where there is none. */
class QuotaUsageTest {

    @Test
    void barsShowTheUsedShareAndWarnFromEightyPercent() {
        assertThat(QuotaUsage.bar(Limit.of(10), 3, "GB", "used"))
                .isEqualTo(new QuotaUsage.Bar("3 of 10 GB used", 30, null, "", "Hard limit: backups stop at the limit"));
        assertThat(QuotaUsage.bar(Limit.soft(10), 8, "GB", "used").level()).isEqualTo("high");
        QuotaUsage.Bar over = QuotaUsage.bar(Limit.of(4, 2), 5, "devices", "registered");
        assertThat(over.usedPercent()).isEqualTo(100);
        assertThat(over.level()).isEqualTo("full");
        assertThat(over.rule()).isEqualTo("2 more devices allowed over the limit");
        assertThat(QuotaUsage.bar(Limit.of(0), 0, "devices", "registered").level()).isEmpty();
    }

    @Test
    void unlimitedQuotasHaveNoLimitToFill() {
        QuotaUsage usage = QuotaUsage.withoutReports(Quotas.unlimited().with(QuotaItem.devices(DeviceType.VM), Limit.soft(3)));
        assertThat(usage.storage().text()).isEqualTo("0 GB used · Unlimited");
        assertThat(usage.devices()).extracting(QuotaUsage.DeviceRow::label)
                .containsExactly("Servers", "VMs", "Workstations", "Mobile devices");
        assertThat(usage.devices().get(1).devices().text()).isEqualTo("0 of 3 devices registered");
        assertThat(usage.devices().get(1).devices().rule()).isEqualTo("Soft limit: warnings only");
        assertThat(usage.devices().get(1).storage().usedPercent()).isZero();
    }

    @Test
    void aHardDeviceLimitSaysWhatIsRefusedAndUnlimitedIsMarked() {
        assertThat(QuotaUsage.bar(Limit.of(2), 0, "devices", "registered").rule())
                .isEqualTo("Hard limit: registering more than 2 is refused");
        assertThat(QuotaUsage.bar(Limit.unlimited(), 0, "GB", "used").level()).isEqualTo("unlimited");
    }

    @Test
    void theLedgersFiguresFillTheBars() {
        Map<DeviceType, AccountUsage.TypeUsage> types = new EnumMap<>(DeviceType.class);
        for (DeviceType t : DeviceType.values()) {
            types.put(t, new AccountUsage.TypeUsage(0, 0));
        }
        types.put(DeviceType.WORKSTATION, new AccountUsage.TypeUsage(1, 4_250_000_000L));
        Quotas quotas = Quotas.unlimited().with(QuotaItem.STORAGE, Limit.of(5))
                .with(QuotaItem.devices(DeviceType.WORKSTATION), Limit.of(1));
        QuotaUsage usage = QuotaUsage.of(quotas, new AccountUsage(4_250_000_000L, types), 1_000_000_000L);
        assertThat(usage.storage().text()).isEqualTo("4.25 of 5 GB used");
        assertThat(usage.storage().usedPercent()).isEqualTo(85);
        assertThat(usage.storage().level()).isEqualTo("high");
        QuotaUsage.DeviceRow workstations = usage.devices().get(2);
        assertThat(workstations.devices().text()).isEqualTo("1 of 1 devices registered");
        assertThat(workstations.devices().level()).isEqualTo("full");
        assertThat(workstations.storage().text()).isEqualTo("4.25 GB used · Unlimited");
        assertThat(usage.devices().get(0).storage().text()).isEqualTo("0 GB used · Unlimited");
    }

    @Test
    void aProviderBillingInGibibytesSeesTheBarsInItsUnit() {
        long gib = 1L << 30;
        assertThat(QuotaUsage.bytesBar(Limit.of(10), 5 * gib, gib).text()).isEqualTo("5.00 of 10 GB used");
        assertThat(QuotaUsage.bytesBar(Limit.of(10), 5 * gib, gib).usedPercent()).isEqualTo(50);
        // the same bytes in 10^9-byte GB read 5.37
        assertThat(QuotaUsage.bytesBar(Limit.of(10), 5 * gib, 1_000_000_000L).text()).isEqualTo("5.37 of 10 GB used");
        assertThat(QuotaUsage.bytesBar(Limit.of(5), 5 * gib, gib).level()).isEqualTo("full");
    }
}
