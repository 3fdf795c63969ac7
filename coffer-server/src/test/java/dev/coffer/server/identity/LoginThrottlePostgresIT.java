package dev.coffer.server.identity;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = Database.OnPostgres.class)
class LoginThrottlePostgresIT extends LoginThrottleIT {
}
