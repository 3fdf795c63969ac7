package dev.coffer.server.usagealerts;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import dev.coffer.server.backupaccount.AccountQuotasChanged;
import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.customer.Customer;
import dev.coffer.server.customer.CustomerQuotasChanged;
import dev.coffer.server.customer.CustomerService;
import dev.coffer.server.notification.Notifications;
import dev.coffer.server.notification.UsageChanged;
import dev.coffer.server.notification.UsageScope;
import dev.coffer.server.quota.Limit;
import dev.coffer.server.quota.QuotaItem;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.usage.AccountUsage;
import dev.coffer.server.usage.UsageLedger;
import dev.coffer.server.usage.UsageListener;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Publishes a {@link UsageChanged} for each changed limit that is not unlimited: the account's (its user's quota
 * alerts) and its customer's (the provider admin's). Storage in bytes (a quota GB is {@code coffer.quota.gigabyte}
 * bytes), device counts in devices; a soft quota (unlimited overage) is reported with {@code soft=true}. Reads the
 * figures once per scope, and not at all for a scope whose changed limits are all unlimited. A quota changed in the
 * panel or the API ({@link AccountQuotasChanged}, {@link CustomerQuotasChanged}) is judged the same way: lowered below
 * usage it alerts, raised above it it re-arms the alert.
 */
@Component
class UsageAlerts implements UsageListener {

    private final UsageLedger ledger;
    private final BackupAccountService accounts;
    private final CustomerService customers;
    private final Notifications notifications;

    UsageAlerts(UsageLedger ledger, BackupAccountService accounts, CustomerService customers,
                Notifications notifications) {
        this.ledger = ledger;
        this.accounts = accounts;
        this.customers = customers;
        this.notifications = notifications;
    }

    /** A quota was changed with no byte moved: every limit of the account is judged again against its usage. */
    @EventListener
    void on(AccountQuotasChanged e) {
        accounts.findById(e.accountId()).ifPresent(a -> publishAccount(a, allItems()));
    }

    /** The customer's own quotas were changed: every limit of the customer is judged again (the provider's alerts). */
    @EventListener
    void on(CustomerQuotasChanged e) {
        publishCustomer(e.customerId(), allItems());
    }

    @Override
    public void changed(long accountId, Set<QuotaItem> items) {
        Optional<BackupAccount> account = accounts.findById(accountId);
        if (account.isEmpty()) {
            return;
        }
        publishAccount(account.get(), items);
        publishCustomer(account.get().customerId(), items);
    }

    private void publishAccount(BackupAccount a, Set<QuotaItem> items) {
        if (anyLimited(a.quotas(), items)) {
            publish(UsageScope.account(a.id()), a.quotas(), ledger.usage(a.id()), items);
        }
    }

    private void publishCustomer(long customerId, Set<QuotaItem> items) {
        Optional<Customer> customer = customers.find(customerId);
        if (customer.isPresent() && anyLimited(customer.get().quotas(), items)) {
            Customer c = customer.get();
            publish(UsageScope.customer(c.id()), c.quotas(), ledger.customerUsage(c.id()), items);
        }
    }

    private static Set<QuotaItem> allItems() {
        return new HashSet<>(QuotaItem.values());
    }

    private void publish(UsageScope scope, Quotas quotas, AccountUsage usage, Set<QuotaItem> items) {
        for (QuotaItem item : items) {
            Limit limit = quotas.get(item);
            if (limit.isUnlimited()) {
                continue;
            }
            long unit = item.isDeviceCount() ? 1 : ledger.bytesPerGb();
            long overage = limit.isSoft() ? 0 : limit.overage().getAsLong() * unit;
            notifications.publish(new UsageChanged(scope, item, used(usage, item), limit.value().getAsLong() * unit,
                    overage, limit.isSoft()));
        }
    }

    static long used(AccountUsage usage, QuotaItem item) {
        if (item.deviceType().isEmpty()) {
            return usage.storageBytes();
        }
        AccountUsage.TypeUsage type = usage.of(item.deviceType().get());
        return item.isDeviceCount() ? type.devices() : type.storageBytes();
    }

    private static boolean anyLimited(Quotas quotas, Set<QuotaItem> items) {
        return items.stream().anyMatch(i -> !quotas.get(i).isUnlimited());
    }
}
