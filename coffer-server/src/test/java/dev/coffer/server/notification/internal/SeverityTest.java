package dev.coffer.server.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import dev.coffer.server.backupaccount.NotificationLevel;
import org.junit.jupiter.api.Test;

class SeverityTest {

    @Test
    void eachLevelLetsThroughWhatThePanelSays() {
        assertThat(allowed(NotificationLevel.NONE)).isEmpty();
        assertThat(allowed(NotificationLevel.ERRORS)).containsExactly(Severity.ERROR);
        assertThat(allowed(NotificationLevel.ERRORS_AND_WARNINGS)).containsExactly(Severity.WARNING, Severity.ERROR);
        assertThat(allowed(NotificationLevel.ALL)).containsExactly(Severity.INFO, Severity.WARNING, Severity.ERROR);
    }

    private static List<Severity> allowed(NotificationLevel level) {
        return Arrays.stream(Severity.values()).filter(s -> s.allowedBy(level)).toList();
    }
}
