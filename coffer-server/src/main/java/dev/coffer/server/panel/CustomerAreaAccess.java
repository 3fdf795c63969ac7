package dev.coffer.server.panel;

import dev.coffer.server.system.NotFoundException;
import dev.coffer.server.identity.PanelPrincipal;
import org.springframework.security.access.AccessDeniedException;

/** Which customer a logged-in admin acts for; the customer area only ever shows that customer's rows. */
public final class CustomerAreaAccess {

    private CustomerAreaAccess() {
    }

    /** The customer admin's own customer; provider admins have no customer area. */
    public static long customerId(PanelPrincipal principal) {
        return principal.customerId().orElseThrow(() -> new NotFoundException("the customer area is for customer admins"));
    }

    /** Refuses anyone but a provider admin. */
    public static void requireProvider(PanelPrincipal principal) {
        if (!principal.isProviderAdmin()) {
            throw new AccessDeniedException("provider admins only");
        }
    }
}
