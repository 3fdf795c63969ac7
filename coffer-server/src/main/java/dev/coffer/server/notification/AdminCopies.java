package dev.coffer.server.notification;

import java.time.Clock;

import dev.coffer.server.notification.internal.AdminCopyStore;
import dev.coffer.server.identity.PanelPrincipal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer admin's choice to receive copies of the alerts of the customer's users (sent to the admin's email
 * address, following each user's notification level and quota alert switch). Off until the admin turns it on.
 */
@Service
public class AdminCopies {

    private final AdminCopyStore store;
    private final Clock clock;

    AdminCopies(AdminCopyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public boolean enabled(PanelPrincipal admin) {
        return store.enabled(admin.id());
    }

    /** Sets the admin's own choice; provider admins have none (they get the customer-level alerts). */
    @Transactional
    public void set(PanelPrincipal admin, boolean enabled) {
        long customerId = admin.customerId()
                .orElseThrow(() -> new IllegalArgumentException("only customer admins receive copies"));
        store.set(admin.id(), customerId, enabled, clock.instant());
    }
}
