package dev.coffer.server.system;

import dev.coffer.server.support.Database;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class HealthH2IT extends HealthIT {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Database.H2.register(registry);
    }
}
