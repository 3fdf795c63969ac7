package dev.coffer.server.notification.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.customer.CustomerService;
import dev.coffer.server.customer.CustomerUserService;
import dev.coffer.server.identity.PanelAdmins;
import dev.coffer.server.identity.PanelRole;
import org.springframework.stereotype.Component;

/**
 * Who receives an account's messages (its user, and the customer's admins who opted in to copies) and who receives
 * customer-level quota alerts (provider admins with an email, and {@code coffer.notifications.provider-email}).
 * Addresses come from the features that own them; duplicates (the same address twice) are dropped.
 */
@Component
public class Recipients {

    /** One recipient: its address, audience (USER, ADMIN_COPY, PROVIDER) and the footer saying why it gets it. */
    public record Recipient(String address, String audience, String footer) {
    }

    private final CustomerUserService users;
    private final CustomerService customers;
    private final PanelAdmins admins;
    private final AdminCopyStore copies;
    private final NotificationSettings settings;
    private final MessageRenderer renderer;

    public Recipients(CustomerUserService users, CustomerService customers, PanelAdmins admins, AdminCopyStore copies,
                      NotificationSettings settings, MessageRenderer renderer) {
        this.users = users;
        this.customers = customers;
        this.admins = admins;
        this.copies = copies;
        this.settings = settings;
        this.renderer = renderer;
    }

    public List<Recipient> forAccount(BackupAccount account) {
        Map<String, Recipient> byAddress = new LinkedHashMap<>();
        String email = users.get(account.customerId(), account.userId()).email();
        byAddress.put(key(email), new Recipient(email.strip(), "USER",
                renderer.message("footer.why", account.login(), settings.notificationsUrl())));
        Set<Long> optedIn = copies.optedIn(account.customerId());
        if (!optedIn.isEmpty()) {
            String customerName = customers.get(account.customerId()).name();
            for (PanelAdmins.Contact c : admins.contacts(PanelRole.CUSTOMER_ADMIN, Optional.of(account.customerId()))) {
                if (optedIn.contains(c.id())) {
                    byAddress.putIfAbsent(key(c.email()), new Recipient(c.email().strip(), "ADMIN_COPY",
                            renderer.message("footer.admin", customerName)));
                }
            }
        }
        return new ArrayList<>(byAddress.values());
    }

    public List<Recipient> providers() {
        Map<String, Recipient> byAddress = new LinkedHashMap<>();
        String footer = renderer.message("footer.provider");
        for (PanelAdmins.Contact c : admins.contacts(PanelRole.PROVIDER_ADMIN, Optional.empty())) {
            byAddress.putIfAbsent(key(c.email()), new Recipient(c.email().strip(), "PROVIDER", footer));
        }
        settings.providerEmail().ifPresent(e -> byAddress.putIfAbsent(key(e), new Recipient(e, "PROVIDER", footer)));
        return new ArrayList<>(byAddress.values());
    }

    private static String key(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
