package dev.coffer.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.coffer.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

/** First start: the provider admin {@code admin} exists with the configured password, or a generated one logged once. */
@ExtendWith(OutputCaptureExtension.class)
class ProviderAdminBootstrapTest extends ServerTest {

    @Autowired
    AuthenticationManager authentication;
    @Autowired
    PanelAdmins admins;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    JdbcClient jdbc;

    @Test
    void adminLogsInWithTheConfiguredPassword() {
        var result = authentication.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated("admin", "Provider-Secret-Pass-1"));
        assertThat(((PanelPrincipal) result.getPrincipal()).role()).isEqualTo(PanelRole.PROVIDER_ADMIN);
    }

    @Test
    @Transactional // rolled back: the shared database keeps its admin
    void withoutConfiguredPasswordAGeneratedOneIsLoggedOnceOnAnEmptyDatabase(CapturedOutput log) {
        jdbc.sql("DELETE FROM api_token").update();
        jdbc.sql("DELETE FROM panel_user").update();
        new ProviderAdminBootstrap(admins, "").run(null);

        Matcher m = Pattern.compile("password: (\\S+)").matcher(log.getAll());
        assertThat(m.find()).as("banner with the password in the log").isTrue();
        String generated = m.group(1);
        String hash = jdbc.sql("SELECT password_hash FROM panel_user WHERE login_key = 'admin'").query(String.class).single();
        assertThat(encoder.matches(generated, hash)).isTrue();

        new ProviderAdminBootstrap(admins, "").run(null);
        assertThat(log.getAll().split("password: ", -1)).hasSize(2);
    }

    @Test
    void weakConfiguredPasswordStopsTheStart() {
        assertThatThrownBy(() -> new ProviderAdminBootstrap(new PanelAdmins(jdbc, encoder, java.time.Clock.systemUTC(), customerId -> true) {
            @Override
            public boolean anyExist() {
                return false;
            }
        }, "admin12345").run(null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("COFFER_ADMIN_PASSWORD");
    }
}
