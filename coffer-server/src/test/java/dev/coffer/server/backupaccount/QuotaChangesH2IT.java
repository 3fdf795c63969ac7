package dev.coffer.server.backupaccount;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = Database.OnH2.class)
class QuotaChangesH2IT extends QuotaChangesApiIT {
}
