package dev.coffer.server.retention;

import dev.coffer.server.support.Database;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = Database.OnH2.class)
class RetentionH2IT extends RetentionIT {
}
