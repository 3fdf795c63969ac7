package dev.coffer.server.quota;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = Database.OnPostgres.class)
class QuotaColumnsPostgresIT extends QuotaColumnsIT {
}
