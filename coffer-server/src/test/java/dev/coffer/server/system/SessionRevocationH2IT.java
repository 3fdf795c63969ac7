package dev.coffer.server.system;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = Database.OnH2.class)
class SessionRevocationH2IT extends SessionRevocationIT {
}
