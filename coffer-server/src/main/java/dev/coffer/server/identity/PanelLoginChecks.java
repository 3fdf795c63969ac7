package dev.coffer.server.identity;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * What is checked of a panel admin once the password is known to be right. Run after the password on purpose, so
 * that a wrong password for a disabled admin reads like any other wrong password (and counts in the throttle).
 */
public final class PanelLoginChecks {

    private PanelLoginChecks() {
    }

    public static void refuseIfDisabled(UserDetails user) {
        if (!user.isEnabled()) {
            throw new DisabledException("This login is disabled (its customer is disabled)");
        }
    }
}
