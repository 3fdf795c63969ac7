package dev.coffer.server.panel;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The panel's top-level paths and which one each role starts on. */
final class PanelPaths {

    static final String PROVIDER_HOME = "/provider/customers";
    static final String CUSTOMER_HOME = "/customer/backup";

    private PanelPaths() {
    }

    static String home(Authentication authentication) {
        boolean provider = authentication != null && authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch("ROLE_PROVIDER_ADMIN"::equals);
        return provider ? PROVIDER_HOME : CUSTOMER_HOME;
    }
}
