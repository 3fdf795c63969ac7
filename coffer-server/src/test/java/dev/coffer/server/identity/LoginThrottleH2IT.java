package dev.coffer.server.identity;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = Database.OnH2.class)
class LoginThrottleH2IT extends LoginThrottleIT {
}
