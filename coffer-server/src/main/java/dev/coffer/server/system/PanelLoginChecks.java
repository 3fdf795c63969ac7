package dev.coffer.server.system;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * What is checked of a panel admin once the password is known to be right. Run after the password on purpose, so
 * that a wrong password for a disabled admin reads like any other wrong password (and counts in the throttle).
 */
final class PanelLoginChecks {

    private PanelLoginChecks() {
    }

    static void refuseIfDisabled(UserDetails user) {
        if (!user.isEnabled()) {
            throw new DisabledException("This login is disabled (its customer is disabled)");
        }
    }
}
