package dev.coffer.server.security;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = Database.OnPostgres.class)
class TenantIsolationPostgresIT extends TenantIsolationIT {
}
