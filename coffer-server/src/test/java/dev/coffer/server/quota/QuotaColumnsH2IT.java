package dev.coffer.server.quota;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = Database.OnH2.class)
class QuotaColumnsH2IT extends QuotaColumnsIT {
}
