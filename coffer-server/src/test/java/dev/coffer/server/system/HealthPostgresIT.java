package dev.coffer.server.system;

import dev.coffer.server.support.Database;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class HealthPostgresIT extends HealthIT {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Database.POSTGRES.register(registry);
    }
}
