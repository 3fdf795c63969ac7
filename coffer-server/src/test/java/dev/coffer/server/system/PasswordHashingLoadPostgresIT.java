package dev.coffer.server.system;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = Database.OnPostgres.class)
class PasswordHashingLoadPostgresIT extends PasswordHashingLoadIT {
}
