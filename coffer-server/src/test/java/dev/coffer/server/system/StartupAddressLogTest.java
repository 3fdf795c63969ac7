package dev.coffer.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The address printed once the server is ready. */
class StartupAddressLogTest {

    @Test
    void localhostAndTheBoundPortByDefault() {
        assertThat(StartupAddressLog.address("", "", 8080, "")).isEqualTo("http://localhost:8080/");
        assertThat(StartupAddressLog.address(null, "0.0.0.0", 9090, null)).isEqualTo("http://localhost:9090/");
        assertThat(StartupAddressLog.address("", "10.0.0.5", 8080, "/coffer/")).isEqualTo("http://10.0.0.5:8080/coffer/");
        assertThat(StartupAddressLog.address("", "::1", 8080, "")).isEqualTo("http://[::1]:8080/");
    }

    @Test
    void theBaseOfTheConsoleUrlWhenSet() {
        assertThat(StartupAddressLog.address("https://backup.example.com/console", "", 8080, ""))
                .isEqualTo("https://backup.example.com/");
        assertThat(StartupAddressLog.address("http://panel.example:8443/console/", "", 8080, ""))
                .isEqualTo("http://panel.example:8443/");
    }
}
