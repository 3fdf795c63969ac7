package dev.coffer.server.identity;

import java.util.Optional;

import dev.coffer.server.system.NotFoundException;

/**
 * Which customer's data a request may touch: provider admins any customer, customer admins only their own. Another
 * customer's id is reported as not found, so that ids of other customers cannot even be probed.
 */
public final class Tenancy {

    private Tenancy() {
    }

    /** The customer to use for {@code requested}, or NotFoundException when the admin may not see it. */
    public static long customer(PanelPrincipal admin, long requested) {
        if (admin.isProviderAdmin() || admin.customerId().equals(Optional.of(requested))) {
            return requested;
        }
        throw new NotFoundException("customer " + requested + " not found");
    }
}
