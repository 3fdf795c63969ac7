package dev.coffer.server.panel.quota;

import dev.coffer.server.panel.FormErrors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.customer.CustomerUsage;
import dev.coffer.server.quota.Limit;
import dev.coffer.server.quota.QuotaItem;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.usage.AccountUsage;
import org.junit.jupiter.api.Test;

/** What the assign form starts from, the words beside each field, and the customer's bars. */
class QuotaHintsTest {

    private final Quotas customer = Quotas.unlimited().with(QuotaItem.STORAGE, Limit.of(500))
            .with(QuotaItem.devices(DeviceType.SERVER), Limit.of(5));

    @Test
    void aNewAccountStartsWithNothingAssignedWhereTheCustomerIsLimited() {
        QuotaForm form = QuotaHints.startingForm(customer.with(QuotaItem.STORAGE, Limit.of(400)));
        assertThat(form.getStorage().isUnlimited()).isFalse();
        assertThat(form.getStorage().getValue()).isEmpty();
        assertThat(form.getTypes().get("servers").getDevices().isUnlimited()).isFalse();
        assertThat(form.getTypes().get("servers").getDevices().getValue()).isEmpty();
        assertThat(form.getTypes().get("vms").getDevices().isUnlimited()).isTrue();
        // pressing OK without typing hands out nothing: the empty limits are refused with a message
        FormErrors errors = FormErrors.none();
        assertThat(form.toQuotas("quotas", errors)).isEmpty();
        assertThat(errors.has("quotas.storage.value")).isTrue();
        assertThat(errors.has("quotas.types[servers].devices.value")).isTrue();
    }

    @Test
    void theManagePageCountsTheUsersOwnShareAsAssignedNotAsAvailable() {
        // 500 GB in all, 0 held by others: this user has 100 of it
        Quotas account = Quotas.unlimited().with(QuotaItem.STORAGE, Limit.of(100)).with(QuotaItem.devices(DeviceType.SERVER), Limit.of(2));
        var hints = QuotaHints.forAccount("quotas", customer, customer, account);
        assertThat(hints).containsEntry("quotas.storage", "100 GB assigned to this user; 400 GB more available")
                .containsEntry("quotas.types[servers].devices", "2 devices assigned to this user; 3 devices more available")
                .containsEntry("quotas.types[vms].devices", "Your quota: Unlimited");
        assertThat(QuotaHints.maxima("quotas", customer))
                .containsEntry("quotas.storage", 500L).containsEntry("quotas.types[servers].devices", 5L)
                .doesNotContainKey("quotas.types[vms].devices");
    }

    @Test
    void barsUseOneVocabularyAndDrawUnlimitedAsAWord() {
        Quotas remaining = customer.with(QuotaItem.STORAGE, Limit.of(400)).with(QuotaItem.devices(DeviceType.SERVER), Limit.of(3));
        var bars = UsageBar.allocations(customer, remaining, new CustomerUsage(1, "Acme", 1, 100, 0, 50_000_000_000L),
                used(50_000_000_000L, 2), 1_000_000_000L);
        UsageBar storage = bars.get(0).bar();
        assertThat(storage.text()).isEqualTo("50.0 GB used · 100 of 500 GB assigned");
        assertThat(storage.usedPercent()).isEqualTo(10);
        assertThat(storage.allocatedPercent()).isEqualTo(20);
        // devices: registered (used) next to assigned, in the same colour code
        UsageBar servers = bar(bars, "Servers");
        assertThat(servers.text()).isEqualTo("2 registered · 2 of 5 devices assigned");
        assertThat(servers.usedPercent()).isEqualTo(40);
        assertThat(servers.allocatedPercent()).isEqualTo(40);
        assertThat(bar(bars, "Backup space for servers").text()).startsWith("50.0 GB used · ");
        UsageBar vms = bar(bars, "VMs");
        assertThat(vms.level()).isEqualTo(UsageBar.UNLIMITED);
        assertThat(vms.text()).isEqualTo("0 registered · Unlimited");
        // a provider billing in GiB: the same bytes are fewer quota GB
        UsageBar gib = UsageBar.allocations(customer, remaining, new CustomerUsage(1, "Acme", 1, 100, 0, 0),
                used(50L << 30, 0), 1L << 30).get(0).bar();
        assertThat(gib.text()).isEqualTo("50.0 GB used · 100 of 500 GB assigned");

        UsageBar unlimitedCustomer = UsageBar.storage(new CustomerUsage(1, "Acme", 2, 40, 1, 0), Limit.unlimited(),
                1_000_000_000L);
        assertThat(unlimitedCustomer.level()).isEqualTo(UsageBar.UNLIMITED);
        assertThat(unlimitedCustomer.text()).isEqualTo("0.0 GB used · 40 GB assigned (+1 unlimited) · quota Unlimited");
    }

    private static UsageBar bar(java.util.List<UsageBar.Labelled> bars, String label) {
        return bars.stream().filter(b -> b.label().equals(label)).findFirst().orElseThrow().bar();
    }

    /** {@code bytes} stored by servers, {@code servers} of them registered. */
    private static AccountUsage used(long bytes, long servers) {
        java.util.Map<DeviceType, AccountUsage.TypeUsage> types = new java.util.EnumMap<>(DeviceType.class);
        for (DeviceType t : DeviceType.values()) {
            types.put(t, new AccountUsage.TypeUsage(0, 0));
        }
        types.put(DeviceType.SERVER, new AccountUsage.TypeUsage(servers, bytes));
        return new AccountUsage(bytes, types);
    }
}
