package dev.coffer.server.backupaccount;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = Database.OnPostgres.class)
class QuotaChangesPostgresIT extends QuotaChangesApiIT {
}
