package dev.coffer.server.identity;

import java.util.List;
import java.util.Optional;

import dev.coffer.server.system.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On first start (no panel login at all) creates the provider admin {@code admin}: with the password from
 * {@code coffer.admin-password} (COFFER_ADMIN_PASSWORD), else with a generated one that is written to the log this
 * once, since nobody could log in otherwise. Later starts do nothing.
 */
@Component
class ProviderAdminBootstrap implements ApplicationRunner {

    static final String LOGIN = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(ProviderAdminBootstrap.class);

    private final PanelAdmins admins;
    private final String configuredPassword;

    ProviderAdminBootstrap(PanelAdmins admins, @Value("${coffer.admin-password:}") String configuredPassword) {
        this.admins = admins;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (admins.anyExist()) {
            return;
        }
        Optional<String> configured = configuredPassword.isBlank() ? Optional.empty() : Optional.of(configuredPassword);
        configured.ifPresent(p -> {
            List<String> problems = PasswordPolicy.problems(p, LOGIN);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("COFFER_ADMIN_PASSWORD (coffer.admin-password) is too weak: "
                        + String.join("; ", problems));
            }
        });
        String password = configured.orElseGet(PasswordPolicy::generate);
        try {
            admins.create(PanelRole.PROVIDER_ADMIN, Optional.empty(), LOGIN, null, password, "login");
        } catch (ValidationException e) {
            return; // another server instance sharing the database created it first
        }
        if (configured.isPresent()) {
            LOG.info("Created the provider admin '{}' with the password from COFFER_ADMIN_PASSWORD", LOGIN);
        } else {
            LOG.warn("""

                    ************************************************************************
                      Coffer created the provider admin for the Customer Control Panel.
                        login:    {}
                        password: {}
                      This password is shown only this once: log in and keep it safe.
                      (Set COFFER_ADMIN_PASSWORD before the first start to choose it.)
                    ************************************************************************""",
                    LOGIN, password);
        }
    }
}
