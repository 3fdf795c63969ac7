package dev.coffer.server.security;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = Database.OnH2.class)
class TenantIsolationH2IT extends TenantIsolationIT {
}
