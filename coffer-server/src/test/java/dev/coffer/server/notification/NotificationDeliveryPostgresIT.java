package dev.coffer.server.notification;

import dev.coffer.server.support.Database;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link NotificationDeliveryIT} on PostgreSQL. */
class NotificationDeliveryPostgresIT extends NotificationDeliveryIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Database.POSTGRES.register(registry);
    }
}
