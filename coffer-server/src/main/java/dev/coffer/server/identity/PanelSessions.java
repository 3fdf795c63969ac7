package dev.coffer.server.identity;

import dev.coffer.server.system.SessionRevalidationFilter;

import java.util.Optional;

import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * A panel session lasts only while its admin may still log in: the admin still exists, its customer is still
 * enabled, and its password is the one the session was opened with. Checked on every request of the panel's chain.
 */
public final class PanelSessions {

    private PanelSessions() {
    }

    public static SessionRevalidationFilter<PanelPrincipal> revalidation(PanelAdmins admins) {
        return new SessionRevalidationFilter<>(PanelPrincipal.class, p -> stillAllowed(admins, p),
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, Optional.empty());
    }

    static boolean stillAllowed(PanelAdmins admins, PanelPrincipal session) {
        return admins.findById(session.id())
                .filter(PanelPrincipal::isEnabled)
                .filter(now -> now.credentialStamp().equals(session.credentialStamp()))
                .isPresent();
    }
}
